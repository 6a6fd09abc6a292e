import { fail, ok, type ParseResult } from '../types';
import { decodeWindows1252 } from '../../text/windows1252';

type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/**
 * Share of control characters (other than tab, LF, CR, FF) above which a file is treated as binary.
 * Real pages have none; Windows-1252 text decoded wrongly never gets near this either.
 */
const MAX_CONTROL_SHARE = 0.05;
/** Share of U+FFFD above which a UTF-16 / BOM-marked UTF-8 file is treated as garbage. */
const MAX_REPLACEMENT_SHARE = 0.05;

/**
 * Turns the bytes of a source file into clean text.
 * Contract: UTF-8 (with or without BOM) is preferred; bytes that are not valid UTF-8 are read as
 * Windows-1252 (older exports); UTF-16 is recognised by its BOM only. The result has LF line ends,
 * no BOM, and is NFC-normalised. Empty, whitespace-only and binary input is rejected.
 */
export function decodeText(bytes: Uint8Array): ParseResult<DecodedText> {
  if (bytes.length === 0) return fail('empty file');

  let decoded: { text: string; encoding: TextEncoding } | null = null;
  let lossy = false;
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];

  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const body = bytes.subarray(3);
    const strict = tryDecode('utf-8', body);
    if (strict !== null) {
      decoded = { text: strict, encoding: 'utf-8' };
    } else {
      // The BOM says UTF-8: trust it over a Windows-1252 guess, keeping replacement characters.
      decoded = { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8' };
      lossy = true;
    }
  } else if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding: TextEncoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    let body = bytes.subarray(2);
    // A lone trailing byte (truncated file) is dropped rather than failing the whole file.
    if (body.length % 2 === 1) body = body.subarray(0, body.length - 1);
    decoded = { text: new TextDecoder(encoding).decode(body), encoding };
    lossy = true;
  } else {
    const strict = tryDecode('utf-8', bytes);
    decoded =
      strict !== null
        ? { text: strict, encoding: 'utf-8' }
        : { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }

  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const junk = binaryReason(text, lossy);
  if (junk !== null) return fail(junk);

  text = text.replace(/\r\n?/g, '\n').normalize('NFC');
  if (text.trim() === '') return fail('empty file (whitespace only)');
  return ok({ text, encoding: decoded.encoding });
}

function tryDecode(encoding: 'utf-8', bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: a BOM in the middle of the bytes is content, not a marker; we strip the leading one ourselves.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Returns why the text looks binary, or null when it looks like text. */
function binaryReason(text: string, lossy: boolean): string | null {
  let controls = 0;
  let replacements = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return 'binary content (NUL bytes)';
    if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) continue;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)) controls++;
    else if (c === 0xfffd) replacements++;
  }
  if (text.length === 0) return null;
  if (controls / text.length > MAX_CONTROL_SHARE) return 'binary content (control characters)';
  if (lossy && replacements / text.length > MAX_REPLACEMENT_SHARE) return 'binary content (undecodable bytes)';
  return null;
}
