/** What a file holds, decided from its first bytes (never from its extension alone). */
export type ContentKind =
  | { kind: 'empty' }
  | { kind: 'zip' }
  | { kind: 'json'; rootKey: string | null }
  | { kind: 'xml' }
  /** The former site's per-question XML (root element QUESTION, no namespace). */
  | { kind: 'old-xml' }
  /** A PostgreSQL plain-format dump (the Sénat's questions database). */
  | { kind: 'pg-dump' }
  | { kind: 'text' };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * Classifies a file from its head (a few KB are enough). `rootKey` is the first key of a JSON object root
 * ("questionsEcrites", "question", "acteur"...), null when the head does not show it (array root, huge key...).
 * UTF-16 files come out as 'text' and are sorted out after decoding.
 */
export function detectKind(head: Uint8Array): ContentKind {
  if (head.length === 0) return { kind: 'empty' };
  if (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 0x03 || head[2] === 0x05) &&
    (head[3] === 0x04 || head[3] === 0x06)
  ) {
    return { kind: 'zip' };
  }
  let i = 0;
  if (UTF8_BOM.every((b, k) => head[k] === b)) i = 3;
  while (i < head.length && isSpace(head[i] ?? 0)) i++;
  if (i >= head.length) return { kind: 'empty' };
  const first = head[i];
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
    const rest = Buffer.from(head.subarray(i)).toString('utf8');
    const m = /^\{\s*"((?:[^"\\]|\\.){1,200})"\s*:/.exec(rest);
    return { kind: 'json', rootKey: m?.[1] ?? null };
  }
  if (first === 0x3c /* < */) {
    const rest = Buffer.from(head.subarray(i, i + 512)).toString('utf8');
    if (/^<\?xml/i.test(rest) || rest.includes('schemas.assemblee-nationale.fr')) {
      return xmlRoot(rest) === 'QUESTION' ? { kind: 'old-xml' } : { kind: 'xml' };
    }
    if (xmlRoot(rest) === 'QUESTION') return { kind: 'old-xml' };
  }
  if (isPgDump(Buffer.from(head.subarray(i)).toString('utf8'))) return { kind: 'pg-dump' };
  return { kind: 'text' };
}

/**
 * A PostgreSQL plain dump starts with SQL: pg_dump's banner comment, or comments then a statement it writes
 * (SET, CREATE, ALTER, SELECT, COPY…).
 */
function isPgDump(head: string): boolean {
  if (/^--\s*PostgreSQL database dump/m.test(head)) return true;
  return /^(?:--[^\n]*\n\s*)*(?:SET|CREATE|ALTER|SELECT|COPY|BEGIN)\s/.test(head);
}

/** Name of the first element after the XML declaration, comments and doctype; null when the head does not show it. */
export function xmlRoot(head: string): string | null {
  const m = /^\s*(?:<\?[\s\S]*?\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*<([A-Za-z_][\w.:-]*)[\s>/]/.exec(
    head,
  );
  return m?.[1] ?? null;
}

/** Removes a leading UTF-8 BOM from a byte stream's first chunk (stream-json rejects it). */
export function stripUtf8Bom(chunk: Buffer): Buffer {
  return chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}
