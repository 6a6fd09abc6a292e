/**
 * The corpus's own names, prepared for the plain-French parser: deputies (full and last names), ministries,
 * political groups (names and abbreviations) and departments, all folded (no accents, lower case, hyphens and
 * apostrophes as spaces). Built from the store's lists; cheap enough to rebuild per corpus revision.
 */
import type { Chamber } from '../corpus/types';
import { isCivility, isParticle } from '../insights/names';
import { foldKey } from '../text/fold';

export interface LexiconInput {
  /** Deputies and senators (`chamber`: the Assemblée when absent). */
  deputies: Array<{ name: string; acteurRef: string | null; count: number; chamber?: Chamber }>;
  ministries: Array<{ name: string; count: number }>;
  groups: Array<{ name: string; abbrev?: string | null; count: number }>;
  departments: Array<{ name: string; count: number }>;
  legislatures: number[];
}

export interface LexDeputy {
  name: string;
  count: number;
  /** A deputy ('an') or a senator ('senat'). */
  chamber: Chamber;
  /** "lionel tardy" */
  full: string[];
  /** "tardy"; "dupont aignan"; particles kept ("de la verpilliere") and also dropped ("verpilliere"). */
  lasts: string[][];
}

export interface LexNamed {
  name: string;
  count: number;
  tokens: string[];
}

interface LexGroup extends LexNamed {
  abbrev: string | null;
}

export interface Lexicon {
  deputies: LexDeputy[];
  ministries: LexNamed[];
  groups: LexGroup[];
  departments: LexNamed[];
  legislatures: number[];
}

/** Folded tokens: "Seine-Saint-Denis" -> ["seine", "saint", "denis"], "l’Intérieur" -> ["l", "interieur"]. */
export function tokensOf(text: string): string[] {
  return foldKey(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

export function buildLexicon(input: LexiconInput): Lexicon {
  const deputies: LexDeputy[] = [];
  for (const d of input.deputies) {
    const toks = tokensOf(d.name).filter((t, i) => !(i === 0 && isCivility(t)));
    if (toks.length === 0 || /^pa\d+$/.test(toks[0]!)) continue;
    const last = toks.length > 1 ? toks.slice(1) : toks;
    const lasts = [last];
    let i = 0;
    while (i < last.length - 1 && isParticle(last[i]!)) i++;
    if (i > 0) lasts.push(last.slice(i));
    deputies.push({ name: d.name, count: d.count, chamber: d.chamber ?? 'an', full: toks, lasts });
  }
  return {
    deputies,
    ministries: input.ministries.map((m) => ({ name: m.name, count: m.count, tokens: tokensOf(m.name) })),
    groups: input.groups.map((g) => ({
      name: g.name,
      abbrev: g.abbrev ?? null,
      count: g.count,
      tokens: tokensOf(g.name),
    })),
    departments: input.departments.map((d) => ({ name: d.name, count: d.count, tokens: tokensOf(d.name) })),
    legislatures: input.legislatures,
  };
}
