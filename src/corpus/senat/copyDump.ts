/**
 * A streaming reader of the data in a PostgreSQL plain-format dump (`pg_dump` without `-Fc`): the
 * `COPY [schema.]table (col, …) FROM stdin;` blocks, one row per line, tab-separated, ended by `\.`.
 * Everything else (SET, CREATE, ALTER, comments) is skipped. Fed chunk by chunk (`push`), it holds one
 * line at a time, whatever the dump's size.
 *
 * Contracts:
 * - Columns are known by NAME from each block's header; the sink says which tables it reads and which of their
 *   columns it needs (values of the others are not decoded: null).
 * - COPY text format: `\N` (the whole field) is null; escapes `\\ \n \r \t \b \f \v`, `\NNN` (1 to 3 octal
 *   digits) and `\xH[H]` give BYTES (UTF-8 is decoded after unescaping); any other backslashed character stands
 *   for itself.
 * - A malformed row (wrong column count, backslash at the end of the line, octal over 255, bytes that are not
 *   UTF-8) is reported to the sink with its table and line number, and skipped; the block goes on.
 * - A block never ended (truncated dump) is reported once at `end()`.
 */

/** What the reader asks of whoever uses the rows. */
export interface CopySink {
  /**
   * A block starts: its table (without schema, as written, unquoted), its columns in header order, the header's
   * line. Returns how to read it, or null to skip the block.
   */
  table(table: string, columns: readonly string[], line: number): CopyTableReader | null;
  /** A row or a block that could not be read (French reason). */
  bad(table: string, line: number, reason: string): void;
}

export interface CopyTableReader {
  /** Columns to decode (by name); the others come as null. */
  wanted: ReadonlySet<string>;
  /** One row: values in header order (null: SQL null or not wanted). */
  row(values: ReadonlyArray<string | null>, line: number): void;
  /** The block's `\.` (or the dump's end). */
  end?(): void;
}

const NL = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const BACKSLASH = 0x5c;

const COPY_RE =
  /^COPY\s+(?:(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\.)?("(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*(?:\(([^)]*)\))?\s+FROM\s+stdin\s*;\s*$/i;

function unquoteIdent(s: string): string {
  const t = s.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1).replace(/""/g, '"') : t.toLowerCase();
}

/** Parses a COPY header line; null when the line is not one. Columns null: the header lists none. */
export function parseCopyHeader(line: string): { table: string; columns: string[] | null } | null {
  const m = COPY_RE.exec(line);
  if (!m) return null;
  const columns = m[2] === undefined ? null : m[2].split(',').map(unquoteIdent);
  return { table: unquoteIdent(m[1] ?? ''), columns };
}

class BadRow extends Error {}

const SIMPLE_ESCAPES: Readonly<Record<number, number>> = {
  0x62: 0x08, // \b
  0x66: 0x0c, // \f
  0x6e: 0x0a, // \n
  0x72: 0x0d, // \r
  0x74: 0x09, // \t
  0x76: 0x0b, // \v
};

function isOctal(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x37;
}

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Splits one data line into its fields and unescapes the wanted ones. Throws BadRow with a French reason.
 * `out` receives the values; returns the field count.
 */
function readFields(line: Buffer, wanted: readonly boolean[], out: Array<string | null>, scratch: Buffer): number {
  const n = line.length;
  let field = 0;
  let pos = 0;
  for (;;) {
    // Field end: the next TAB not escaped. Scan once, unescaping when the field is wanted.
    const want = wanted[field] === true;
    const start = pos;
    let hasEscape = false;
    let i = pos;
    while (i < n) {
      const c = line[i]!;
      if (c === TAB) break;
      if (c === BACKSLASH) {
        hasEscape = true;
        if (i + 1 >= n) throw new BadRow('barre oblique inverse en fin de ligne');
        i += 2;
        continue;
      }
      i++;
    }
    const end = i;
    if (field < out.length) {
      if (!want) out[field] = null;
      else if (end - start === 2 && line[start] === BACKSLASH && line[start + 1] === 0x4e /* N */) out[field] = null;
      else if (!hasEscape) out[field] = line.toString('utf8', start, end);
      else out[field] = unescapeField(line, start, end, scratch);
    }
    field++;
    if (end >= n) return field;
    pos = end + 1;
  }
}

function unescapeField(line: Buffer, start: number, end: number, scratch: Buffer): string {
  const buf = scratch.length >= end - start ? scratch : Buffer.allocUnsafe(end - start);
  let o = 0;
  let rawBytes = false;
  let i = start;
  while (i < end) {
    const c = line[i]!;
    if (c !== BACKSLASH) {
      buf[o++] = c;
      i++;
      continue;
    }
    const e = line[i + 1]!;
    i += 2;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) buf[o++] = simple;
    else if (isOctal(e)) {
      let v = e - 0x30;
      for (let k = 0; k < 2 && i < end && isOctal(line[i]); k++) v = v * 8 + (line[i++]! - 0x30);
      if (v > 0xff) throw new BadRow(`échappement octal hors limites (\\${v.toString(8)})`);
      buf[o++] = v;
      rawBytes = true;
    } else if (e === 0x78 /* x */ && hexValue(line[i]) >= 0) {
      let v = hexValue(line[i++]);
      if (i < end && hexValue(line[i]) >= 0) v = v * 16 + hexValue(line[i++]);
      buf[o++] = v;
      rawBytes = true;
    } else buf[o++] = e; // any other character stands for itself (\\ included)
  }
  if (!rawBytes) return buf.toString('utf8', 0, o);
  try {
    return utf8.decode(buf.subarray(0, o));
  } catch {
    throw new BadRow('octets qui ne sont pas de l’UTF-8 (échappements octaux ou hexadécimaux)');
  }
}

interface OpenBlock {
  table: string;
  columns: readonly string[];
  reader: CopyTableReader | null;
  wanted: boolean[];
  values: Array<string | null>;
}

export class CopyDumpReader {
  private rest: Buffer | null = null;
  private lineNo = 0;
  private block: OpenBlock | null = null;
  private readonly scratch = Buffer.allocUnsafe(64 * 1024);

  constructor(private readonly sink: CopySink) {}

  push(chunk: Buffer): void {
    let from = 0;
    if (this.rest) {
      const nl = chunk.indexOf(NL);
      if (nl === -1) {
        this.rest = Buffer.concat([this.rest, chunk]);
        return;
      }
      const line = Buffer.concat([this.rest, chunk.subarray(0, nl)]);
      this.rest = null;
      this.line(line);
      from = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(NL, from);
      if (nl === -1) break;
      this.line(chunk.subarray(from, nl));
      from = nl + 1;
    }
    if (from < chunk.length) this.rest = Buffer.from(chunk.subarray(from));
  }

  /** The dump's end: the last line without newline, and a block never ended. */
  end(): void {
    if (this.rest && this.rest.length > 0) this.line(this.rest);
    this.rest = null;
    if (this.block) {
      const b = this.block;
      this.block = null;
      this.sink.bad(b.table, this.lineNo, 'bloc COPY sans fin (« \\. » manquant) : dump tronqué ?');
      b.reader?.end?.();
    }
  }

  private line(raw: Buffer): void {
    this.lineNo++;
    const line = raw.length > 0 && raw[raw.length - 1] === CR ? raw.subarray(0, raw.length - 1) : raw;
    const b = this.block;
    if (b) {
      if (line.length === 2 && line[0] === BACKSLASH && line[1] === 0x2e /* . */) {
        this.block = null;
        b.reader?.end?.();
        return;
      }
      if (!b.reader) return;
      try {
        const count = readFields(line, b.wanted, b.values, this.scratch);
        if (count !== b.columns.length) {
          this.sink.bad(b.table, this.lineNo, `${count} colonnes au lieu de ${b.columns.length}`);
          return;
        }
      } catch (err) {
        if (!(err instanceof BadRow)) throw err;
        this.sink.bad(b.table, this.lineNo, err.message);
        return;
      }
      b.reader.row(b.values, this.lineNo);
      return;
    }
    // Outside a block: only a COPY header matters (statements and comments are skipped).
    if (line.length < 5 || (line[0] !== 0x43 && line[0] !== 0x63) /* C c */) return;
    const header = parseCopyHeader(line.toString('utf8'));
    if (!header) return;
    if (header.columns === null) {
      this.sink.bad(header.table, this.lineNo, 'en-tête COPY sans liste de colonnes : bloc ignoré');
      this.block = { table: header.table, columns: [], reader: null, wanted: [], values: [] };
      return;
    }
    const reader = this.sink.table(header.table, header.columns, this.lineNo);
    this.block = {
      table: header.table,
      columns: header.columns,
      reader,
      wanted: header.columns.map((c) => reader?.wanted.has(c) ?? false),
      values: header.columns.map(() => null),
    };
  }
}
