/**
 * Small text helpers for messages built from corpus text: Markdown escaping, mention neutralising, cuts on
 * word boundaries. Pure (French dates and counts: src/format/french.ts).
 */
import { escapeCorpus } from '../present/markdown';

/**
 * Corpus text on one line, made inert (the bot's `escapeCorpus`: Markdown escaped, mentions broken; the messages
 * also carry allowed_mentions parse []).
 */
export function escapeText(text: string): string {
  return escapeCorpus(text.replace(/\s+/g, ' ').trim());
}

/** Cut to at most `max` characters on a word boundary, ending with "…" when cut. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, Math.max(0, max - 1));
  const lastSpace = slice.lastIndexOf(' ');
  const base = lastSpace > max * 0.6 ? slice.slice(0, lastSpace) : slice;
  return `${base.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/** Cut, then escape, within `max` characters (cutting first: escaping long texts is slow). */
export function escapeAndCut(text: string, max: number): string {
  const raw = text.replace(/\s+/g, ' ').trim();
  let limit = max;
  for (;;) {
    const escaped = escapeText(cutText(raw, limit));
    if (escaped.length <= max || limit <= 1) return escaped.length <= max ? escaped : escaped.slice(0, max);
    limit = Math.max(1, Math.min(limit - 1, Math.floor(limit * (max / escaped.length))));
  }
}
