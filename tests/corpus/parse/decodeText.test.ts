import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/corpus/parse/decodeText';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16le(s: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

function expectText(bytes: Uint8Array): { text: string; encoding: string } {
  const r = decodeText(bytes);
  if (!r.ok) throw new Error(`expected text, got failure: ${r.reason}`);
  return r.value;
}

describe('decodeText', () => {
  it('reads plain UTF-8 accents', () => {
    expect(expectText(utf8('Ministère de l’Intérieur'))).toEqual({
      text: 'Ministère de l’Intérieur',
      encoding: 'utf-8',
    });
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('ASSEMBLÉE NATIONALE')]);
    const v = expectText(bytes);
    expect(v.text).toBe('ASSEMBLÉE NATIONALE');
    expect(v.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(v.encoding).toBe('utf-8');
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(expectText(utf8('a\r\nb\rc\n\r\nd')).text).toBe('a\nb\nc\n\nd');
  });

  it('falls back to Windows-1252 for "Ministère de l\'Intérieur" written by an old export', () => {
    // è = 0xE8, é = 0xE9, ’ = 0x92 in Windows-1252: invalid as UTF-8.
    const bytes = new Uint8Array([
      ...utf8('Minist'),
      0xe8,
      ...utf8('re de l'),
      0x92,
      ...utf8('Int'),
      0xe9,
      ...utf8('rieur'),
    ]);
    expect(expectText(bytes)).toEqual({ text: 'Ministère de l’Intérieur', encoding: 'windows-1252' });
  });

  it('reads UTF-16LE with its BOM', () => {
    expect(expectText(utf16le('Question écrite n° 50862\r\n'))).toEqual({
      text: 'Question écrite n° 50862\n',
      encoding: 'utf-16le',
    });
  });

  it('reads UTF-16BE with its BOM', () => {
    const le = utf16le('Réponse publiée', false);
    const be = new Uint8Array(le.length + 2);
    be[0] = 0xfe;
    be[1] = 0xff;
    for (let i = 0; i < le.length; i += 2) {
      be[i + 2] = le[i + 1] ?? 0;
      be[i + 3] = le[i] ?? 0;
    }
    expect(expectText(be)).toEqual({ text: 'Réponse publiée', encoding: 'utf-16be' });
  });

  it('NFC-normalises decomposed accents', () => {
    const decomposed = 'Te\u0301le\u0301communications';
    expect(expectText(utf8(decomposed)).text).toBe('Télécommunications');
  });

  it('rejects an empty file', () => {
    const r = decodeText(new Uint8Array());
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/empty/) });
  });

  it('rejects a whitespace-only file, BOM included', () => {
    expect(decodeText(utf8(' \n\r\n\t  ')).ok).toBe(false);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a])).ok).toBe(false);
  });

  it('rejects binary junk with NUL bytes', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const r = decodeText(png);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/binary/) });
  });

  it('rejects binary junk made of control characters without NUL', () => {
    const bytes = new Uint8Array(200);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 2 === 0 ? 0x41 : 0x01 + (i % 8);
    const r = decodeText(bytes);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/binary/) });
  });
});
