/**
 * Which events a subscription wants. Pure.
 *
 * Keywords: comma-separated alternatives ("retraite, déserts médicaux"); an item matches when every word of
 * one alternative is found, after the search index's French analysis (src/search/analyzeFrench: accents
 * folded, stop words dropped, Porter-stemmed, so « retraites » matches « retraite »), in the question's
 * title, text or answer. The chamber, when one is chosen, is the question's. The deputy is matched by the one name matcher of `/depute` and the search
 * (src/insights/names.ts: whole words in any order, civility, accents, hyphens and particles aside; « Brun » is not
 * « Bruneau ») or given as an acteurRef (PA...). Ministry and rubrique are accent/case-insensitive substring matches.
 */
import type { Question } from '../corpus/types';
import { analyzeQueryToken, analyzeText, TOKEN_RE } from '../search/analyzeFrench';
import { questionTitle } from '../format/french';
import { foldText } from '../text/fold';
import { nameFilterMatches, parseNameQuery, personKey } from '../insights/names';
import type { EventKind } from '../store/types';
import type { DigestContent, DigestFilters } from './types';

/** Terms of a text, with the search index's own French analysis (same stems as /recherche). */
export function analyze(text: string): string[] {
  return analyzeText(text);
}

/** Terms of a keyword as typed (query form: stop words dropped, hyphenated words joined). */
function queryTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of foldText(text).matchAll(new RegExp(TOKEN_RE.source, 'g'))) {
    const term = analyzeQueryToken(m[0]);
    if (term !== null) out.push(term);
  }
  return out;
}

/** Parsed keywords: alternatives of required terms. Empty when there are no keywords. */
export function parseKeywords(keywords: string | null): string[][] {
  if (keywords === null) return [];
  return keywords
    .split(/[,;|]/)
    .map((alt) => queryTerms(alt))
    .filter((terms) => terms.length > 0);
}

export function matchesKeywords(alternatives: string[][], q: Question): boolean {
  if (alternatives.length === 0) return true;
  const haystack = new Set(analyze([questionTitle(q), q.question?.text ?? '', q.answer?.text ?? ''].join('\n')));
  return alternatives.some((terms) => terms.every((t) => haystack.has(t)));
}

function includesFolded(value: string | null | undefined, needle: string): boolean {
  return value !== null && value !== undefined && foldText(value).includes(needle);
}

export function matchesDeputy(deputy: string | null, q: Question): boolean {
  return deputyMatcher(deputy)(q);
}

/** The deputy filter, parsed once. */
function deputyMatcher(deputy: string | null): (q: Question) => boolean {
  const needle = deputy?.trim() ?? '';
  if (needle === '') return () => true;
  if (/^pa\d+$/i.test(needle)) return (q) => (q.author.acteurRef ?? '').toUpperCase() === needle.toUpperCase();
  const query = parseNameQuery(needle);
  return (q) => {
    const name = q.author.name ?? q.author.fullName;
    return name !== null && nameFilterMatches(query, personKey({ name }));
  };
}

export function matchesMinistry(ministry: string | null, q: Question): boolean {
  if (ministry === null) return true;
  const needle = foldText(ministry).trim();
  if (needle === '') return true;
  const ms = [q.ministryAsked, q.ministryAssigned, ...q.ministryHistory.map((h) => h.ministry)];
  return ms.some((m) => m !== null && (includesFolded(m.name, needle) || includesFolded(m.fullName, needle)));
}

function matchesRubrique(rubrique: string | null, q: Question): boolean {
  if (rubrique === null) return true;
  const needle = foldText(rubrique).trim();
  return needle === '' || includesFolded(q.rubrique, needle);
}

/** Event kinds each `contenu` choice receives. */
function kindsFor(content: DigestContent): readonly EventKind[] {
  switch (content) {
    case 'questions':
      return ['new_question'];
    case 'reponses':
      return ['new_answer'];
    case 'tout':
      return ['new_question', 'new_answer', 'transfer', 'closed'];
  }
}

/** A compiled filter: parse keywords once, test many questions. */
export function compileFilters(f: DigestFilters): (kind: EventKind, q: Question) => boolean {
  const alternatives = parseKeywords(f.keywords);
  const kinds = kindsFor(f.content);
  const deputyOk = deputyMatcher(f.deputy);
  return (kind, q) =>
    kinds.includes(kind) &&
    (f.chamber == null || q.chamber === f.chamber) &&
    deputyOk(q) &&
    matchesMinistry(f.ministry, q) &&
    matchesRubrique(f.rubrique, q) &&
    matchesKeywords(alternatives, q);
}
