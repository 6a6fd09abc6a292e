/**
 * The plain-French parser's words: a sentence cut into tokens (as typed and folded, familiar forms replaced), each
 * marked `used` once a rule has read it, and the matching primitives every rule shares (sequences, small typos,
 * a regex over the folded words).
 */
import { boundedEditDistance } from '../insights/names';
import { tokensOf } from './lexicon';
import { FAMILIAR } from './vocabulary';

export interface Tok {
  /** As typed. */
  o: string;
  /** Folded. */
  f: string;
  used: boolean;
}

/** A typed word close enough to a name's word: equal, or one typo from 5 letters, two from 9. */
export function close(typed: string, name: string): boolean {
  if (typed === name) return true;
  if (name.length < 5 || typed.length < 4) return false;
  return boundedEditDistance(typed, name, name.length >= 9 ? 2 : 1) <= (name.length >= 9 ? 2 : 1);
}

/** The sentence's tokens: mentions dropped, hyphenated words split, each folded and its familiar form replaced. */
export function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  const re = /[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu;
  const cleaned = text.replace(/<@[!&]?\d+>/g, ' ').replace(/[’`]/g, "'");
  for (const m of cleaned.matchAll(re)) {
    const o = m[0];
    const parts = tokensOf(o);
    // Keep hyphenated names as several tokens (they are matched as token sequences).
    const origParts = o.split(/[-.]/);
    parts.forEach((f, i) => {
      const fixed = FAMILIAR.get(f) ?? f;
      out.push({ o: origParts.length === parts.length ? origParts[i]! : o, f: fixed, used: false });
    });
  }
  return out;
}

/** Whether `words` stand, unused, at token `i` (each within a small typo when `fuzzy`). */
export function seqAt(toks: Tok[], i: number, words: readonly string[], fuzzy = false): boolean {
  if (i + words.length > toks.length) return false;
  for (let k = 0; k < words.length; k++) {
    const t = toks[i + k]!;
    if (t.used) return false;
    if (!(fuzzy ? close(t.f, words[k]!) : t.f === words[k])) return false;
  }
  return true;
}

/** Where `words` first stand unused, or -1. */
export function findSeq(toks: Tok[], words: readonly string[], fuzzy = false): number {
  for (let i = 0; i < toks.length; i++) if (seqAt(toks, i, words, fuzzy)) return i;
  return -1;
}

/** Marks `count` tokens from `from` as read by a rule. */
export function use(toks: Tok[], from: number, count: number): void {
  for (let k = from; k < from + count && k < toks.length; k++) toks[k]!.used = true;
}

/** Marks the tokens of a regex match over the folded text (tokens joined by single spaces). */
export function consume(toks: Tok[], re: RegExp): RegExpExecArray | null {
  const text = toks.map((t) => (t.used ? '\u0000' : t.f)).join(' ');
  const m = re.exec(text);
  if (!m) return null;
  const start = m.index === 0 ? 0 : text.slice(0, m.index).split(' ').length - 1;
  const n = m[0].trim().split(' ').length;
  use(toks, start, n);
  return m;
}
