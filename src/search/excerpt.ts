/**
 * Excerpts: the one or two sentences of the answer (else of the question) that best match the query,
 * cut on word boundaries to a maximum length with "…" where a sentence was cut, matched words marked.
 */
import { decodeEntities } from '../text/htmlEntities';
import { tokenSpans } from './analyzeFrench';
import type { Excerpt, ExcerptPart } from './types';

export interface ExcerptTexts {
  question: string | null;
  answer: string | null;
}

const ELLIPSIS = '…';

/**
 * Plain single-line text: no HTML tags, entities decoded by the corpus's one decoder (a name it does not know
 * becomes a space rather than show as "&name;"), no markdown headings, whitespace collapsed.
 */
function cleanForExcerpt(text: string): string {
  return decodeEntities(text.replace(/<[^>]{0,500}>/g, ' '))
    .replace(/&[a-z][a-z0-9]{1,31};/gi, ' ')
    .replace(/^\s*#{1,6}\s+/gm, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Sentence {
  start: number;
  end: number;
}

function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[.!?…](?:["»)]\s*)?\s+(?=[A-ZÀ-ÖØ-Þ«"(\d])/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].trimEnd().length;
    if (end - start > 0) out.push({ start, end });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

interface Scored {
  matchedTerms: Set<string>;
  hits: number;
}

/** Score of every sentence in one pass over the tokens (both lists are in text order). */
function scoreSentences(
  spans: ReturnType<typeof tokenSpans>,
  sentences: Sentence[],
  match: ReadonlySet<string>,
): Scored[] {
  const scores: Scored[] = sentences.map(() => ({ matchedTerms: new Set<string>(), hits: 0 }));
  let s = 0;
  for (const sp of spans) {
    while (s < sentences.length && sp.start >= sentences[s]!.end) s++;
    if (s >= sentences.length) break;
    for (const t of sp.terms)
      if (match.has(t)) {
        scores[s]!.matchedTerms.add(t);
        scores[s]!.hits++;
        break;
      }
  }
  return scores;
}

/** Largest cut of `text` ending on a word boundary at or before `max`. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max + 1);
  const lastSpace = slice.lastIndexOf(' ');
  const cut = lastSpace > max * 0.5 ? slice.slice(0, lastSpace) : text.slice(0, max);
  return cut.replace(/[\s,;:(«-]+$/, '');
}

function choose(text: string, match: ReadonlySet<string>, maxLength: number): { text: string; score: number } {
  const spans = tokenSpans(text);
  const sentences = splitSentences(text);
  let best = 0;
  let bestScore: Scored = { matchedTerms: new Set(), hits: 0 };
  const scores = scoreSentences(spans, sentences, match);
  sentences.forEach((_s, i) => {
    const sc = scores[i]!;
    if (
      sc.matchedTerms.size > bestScore.matchedTerms.size ||
      (sc.matchedTerms.size === bestScore.matchedTerms.size && sc.hits > bestScore.hits)
    ) {
      best = i;
      bestScore = sc;
    }
  });
  const first = sentences[best] ?? { start: 0, end: text.length };
  let start = first.start;
  let end = first.end;
  // A second sentence when it fits: the next one, else the previous one.
  const next = sentences[best + 1];
  const prev = sentences[best - 1];
  if (next && next.end - start <= maxLength) end = next.end;
  else if (prev && end - prev.start <= maxLength) start = prev.start;

  let chosen = text.slice(start, end);
  let lead = start > 0 ? '' : '';
  if (chosen.length > maxLength) {
    // Keep the first matched word visible: start a little before it when it lies beyond the cut.
    const local = tokenSpans(chosen);
    const firstMatch = local.find((sp) => sp.terms.some((t) => match.has(t)));
    if (firstMatch && firstMatch.end > maxLength - 40) {
      let from = Math.max(0, firstMatch.start - 60);
      const space = chosen.lastIndexOf(' ', from);
      from = space >= 0 ? space + 1 : 0;
      if (from > 0) {
        chosen = chosen.slice(from);
        lead = ELLIPSIS;
      }
    }
    const room = maxLength - lead.length - 1;
    if (chosen.length > room + 1) chosen = cutAtWord(chosen, room) + ELLIPSIS;
  }
  return { text: lead + chosen, score: bestScore.matchedTerms.size * 1000 + bestScore.hits };
}

function toParts(text: string, match: ReadonlySet<string>): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let pos = 0;
  for (const sp of tokenSpans(text)) {
    if (!sp.terms.some((t) => match.has(t))) continue;
    if (sp.start > pos) parts.push({ text: text.slice(pos, sp.start), match: false });
    parts.push({ text: text.slice(sp.start, sp.end), match: true });
    pos = sp.end;
  }
  if (pos < text.length) parts.push({ text: text.slice(pos), match: false });
  // Merge neighbouring plain parts (and keep matches separate so each is marked on its own).
  return parts.filter((p) => p.text.length > 0);
}

/**
 * Best excerpt for a hit. `matchTerms` are index terms (stems) of the query and of what the index matched
 * (fuzzy and prefix expansions). Returns null when there is no text at all.
 */
export function buildExcerpt(texts: ExcerptTexts, matchTerms: Iterable<string>, maxLength = 300): Excerpt | null {
  const match = new Set(matchTerms);
  const answer = texts.answer ? cleanForExcerpt(texts.answer) : '';
  const question = texts.question ? cleanForExcerpt(texts.question) : '';
  const max = Math.max(40, maxLength);
  const candidates: Array<{ from: Excerpt['from']; text: string; score: number }> = [];
  if (answer) candidates.push({ from: 'answer', ...choose(answer, match, max) });
  if (question) candidates.push({ from: 'question', ...choose(question, match, max) });
  if (!candidates.length) return null;
  // The answer wins unless the question matches more of the query's words.
  let pick = candidates[0]!;
  for (const c of candidates) if (Math.floor(c.score / 1000) > Math.floor(pick.score / 1000)) pick = c;
  return { from: pick.from, parts: toParts(pick.text, match) };
}

/** Markdown rendering: matched words in bold, every text piece escaped by the caller's function. */
export function excerptToMarkdown(excerpt: Excerpt, escapePiece: (s: string) => string): string {
  return excerpt.parts.map((p) => (p.match ? bold(escapePiece(p.text)) : escapePiece(p.text))).join('');
}

/** `**` must touch the word: Markdown does not bold "** mot **", so surrounding spaces stay outside. */
function bold(text: string): string {
  const core = text.trim();
  if (core === '') return text;
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  return `${text.slice(0, lead)}**${core}**${text.slice(text.length - trail)}`;
}

/** Plain rendering for the JSON CLI: matched words wrapped in `**`, nothing escaped. */
export function excerptToPlain(excerpt: Excerpt): string {
  return excerpt.parts.map((p) => (p.match ? `**${p.text}**` : p.text)).join('');
}
