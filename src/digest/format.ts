/**
 * Small text helpers for messages built from corpus text: Markdown escaping, mention neutralising, cuts on
 * word boundaries, French dates. Pure.
 */
import { escapeCorpus } from '../discord/markdown';

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

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** "2025-03-04" -> "4 mars 2025"; null stays null. */
export function frenchIsoDate(iso: string | null): string | null {
  if (iso === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const day = Number(m[3]);
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(m[2]) - 1] ?? '?'} ${m[1]}`;
}

/** Whole days from one ISO date to another; null when either is missing. */
export function daysBetween(fromIso: string | null, toIso: string | null): number | null {
  if (fromIso === null || toIso === null) return null;
  const a = Date.parse(`${fromIso.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${toIso.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return Math.round((b - a) / 86_400_000);
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}
