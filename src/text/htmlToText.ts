import { decodeEntities } from './htmlEntities';

/** Tags that start and end a paragraph. */
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'caption',
  'blockquote',
  'ul',
  'ol',
  'dl',
  'section',
  'article',
  'header',
  'footer',
  'pre',
  'hr',
  'center',
  'figure',
  'figcaption',
  'address',
  'main',
  'nav',
  'aside',
  'form',
  'fieldset',
  'body',
  'html',
]);
/** Tags whose content is not text. */
const SKIPPED_CONTENT_TAGS = new Set(['script', 'style']);
/** Invisible characters dropped from text (soft hyphen, zero-width spaces and joiners, BOM). */
const INVISIBLE_RE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const WHITESPACE_RE = /\s+/;

/**
 * Collects words and the breaks between them, so that whitespace is decided once, when the next word
 * arrives: no leading/trailing spaces on lines, at most one blank line between paragraphs.
 */
class TextWriter {
  private readonly parts: string[] = [];
  private hasText = false;
  /** 0: none, 1: line break, 2: paragraph break. */
  private pendingBreak = 0;
  private pendingSpace = false;
  private pendingSeparator = '';
  private pendingPrefix = '';

  text(raw: string): void {
    const pieces = raw.replace(INVISIBLE_RE, '').split(WHITESPACE_RE);
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) this.pendingSpace = true;
      const piece = pieces[i];
      if (piece) this.word(piece);
    }
  }

  lineBreak(): void {
    this.pendingBreak = Math.min(2, this.pendingBreak + 1);
  }

  blockBreak(level: 1 | 2): void {
    this.pendingBreak = Math.max(this.pendingBreak, level);
  }

  space(): void {
    this.pendingSpace = true;
  }

  separator(sep: string): void {
    this.pendingSeparator = sep;
  }

  prefix(p: string): void {
    this.pendingPrefix = p;
  }

  toString(): string {
    return this.parts.join('');
  }

  private word(w: string): void {
    if (this.hasText) {
      if (this.pendingBreak > 0) this.parts.push(this.pendingBreak === 2 ? '\n\n' : '\n');
      else if (this.pendingSeparator) this.parts.push(this.pendingSeparator);
      else if (this.pendingSpace) this.parts.push(' ');
    }
    if (this.pendingPrefix && (this.pendingBreak > 0 || !this.hasText)) this.parts.push(this.pendingPrefix);
    this.parts.push(w);
    this.hasText = true;
    this.pendingBreak = 0;
    this.pendingSpace = false;
    this.pendingSeparator = '';
    this.pendingPrefix = '';
  }
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAsciiAlnum(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57);
}

/**
 * Official HTML fragment -> plain text: paragraphs separated by "\n\n", <br> as a line break (two as a
 * paragraph break), table rows as lines with cells joined by " | ", entities decoded, no tags.
 * Contract: never throws and runs in linear time (a hand-written scanner, no backtracking regex);
 * malformed markup degrades to readable text.
 */
export function htmlToText(html: string): string {
  const out = new TextWriter();
  const n = html.length;
  let i = 0;
  let textStart = 0;
  // Position of the next '>' at or after some index; cached so the scan stays linear on "<a<a<a...".
  let nextGt = -2;
  let inCell = false;
  let cellsInRow = 0;

  const flushText = (end: number): void => {
    if (end > textStart) out.text(decodeEntities(html.slice(textStart, end)));
  };

  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const c1 = html.charCodeAt(lt + 1);

    if (c1 === 33 /* ! */ && html.startsWith('<!--', lt)) {
      flushText(lt);
      const end = html.indexOf('-->', lt + 4);
      i = textStart = end === -1 ? n : end + 3;
      continue;
    }

    const closing = c1 === 47; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    const c = html.charCodeAt(nameStart);
    const isTag = isAsciiLetter(c) || (!closing && (c1 === 33 || c1 === 63)); /* <!doctype, <?xml */
    if (!isTag) {
      i = lt + 1; // a literal '<' in text
      continue;
    }
    if (nextGt !== -1 && nextGt < lt) nextGt = html.indexOf('>', lt);
    if (nextGt === -1) break; // no tag can close: the rest is text

    flushText(lt);
    let nameEnd = nameStart;
    while (nameEnd < nextGt && isAsciiAlnum(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    i = textStart = nextGt + 1;

    if (!closing && SKIPPED_CONTENT_TAGS.has(name)) {
      i = textStart = skipRawText(html, i, name);
      continue;
    }

    if (name === 'table' || name === 'tr') {
      inCell = false;
      cellsInRow = 0;
      out.blockBreak(name === 'table' ? 2 : 1);
    } else if (name === 'td' || name === 'th') {
      if (closing) {
        inCell = false;
      } else {
        if (cellsInRow > 0) out.separator(' | ');
        cellsInRow++;
        inCell = true;
      }
    } else if (inCell && (name === 'br' || BLOCK_TAGS.has(name) || name === 'li')) {
      out.space(); // keep a cell on its row
    } else if (name === 'br') {
      out.lineBreak();
    } else if (name === 'li' || name === 'dt' || name === 'dd') {
      out.blockBreak(1);
      if (!closing && name === 'li') out.prefix('- ');
    } else if (BLOCK_TAGS.has(name)) {
      out.blockBreak(2);
    }
  }
  flushText(n);
  return out.toString().normalize('NFC');
}

/** Index just after the closing tag of a raw-text element (script, style), or the end of the input. */
function skipRawText(html: string, from: number, name: string): number {
  let pos = from;
  for (;;) {
    const idx = html.indexOf('</', pos);
    if (idx === -1) return html.length;
    if (html.slice(idx + 2, idx + 2 + name.length).toLowerCase() === name) {
      const gt = html.indexOf('>', idx);
      return gt === -1 ? html.length : gt + 1;
    }
    pos = idx + 2;
  }
}

/**
 * Plain text -> the same shape htmlToText produces: spaces collapsed inside lines, lines trimmed,
 * at most one blank line in a row, no leading/trailing blank lines.
 */
export function normalizeSpaces(s: string): string {
  return s
    .replace(INVISIBLE_RE, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Collapses every whitespace run (line breaks included) into one space: for one-line values. */
export function collapseSpaces(s: string): string {
  return s.replace(INVISIBLE_RE, '').replace(/\s+/g, ' ').trim();
}
