/**
 * People and chambers named in plain French: a deputy or senator (« M. Tardy », « la sénatrice Dupont », « lionel
 * tardi », « les questions de Tardy »), matched against the lexicon's members with small typos, and the chamber
 * (« au Sénat », « les députés »). Civilities come from src/insights/names.ts, mandates from the vocabulary.
 */
import type { Chamber } from '../corpus/types';
import type { SearchFilters } from '../search/types';
import { civilityGender, foldName, isCivility } from '../insights/names';
import type { LexDeputy, Lexicon } from './lexicon';
import { seqAt, type Tok, use } from './tokens';
import { COMMON_WORDS, MANDATES, STOP } from './vocabulary';

/** The civility at the start of a display name (« Mme … » -> 'f', « M. … » -> 'm'). */
function civilityOf(name: string): 'f' | 'm' | null {
  return civilityGender(foldName(name).split(' ')[0] ?? '');
}

/** The member whose name (full, or last name with or without particles) starts at token `i`, the longest first. */
function deputyMatchAt(
  toks: Tok[],
  i: number,
  lex: Lexicon,
  fuzzy: boolean,
  civility: 'f' | 'm' | null = null,
  chamber: Chamber | null = null,
): { d: LexDeputy; len: number } | null {
  let best: { d: LexDeputy; len: number; rank: number } | null = null;
  for (const d of lex.deputies) {
    if (chamber && d.chamber !== chamber) continue;
    for (const seq of [d.full, ...d.lasts]) {
      if (best && seq.length < best.len) continue;
      if (seqAt(toks, i, seq, fuzzy && seq.join('').length >= 5)) {
        // Same words: the civility typed ("Mme Dupont-Aignan") decides, then the number of questions.
        const rank = (civility && civilityOf(d.name) === civility ? 1e9 : 0) + d.count;
        if (!best || seq.length > best.len || (seq.length === best.len && rank > best.rank))
          best = { d, len: seq.length, rank };
      }
    }
  }
  return best;
}

/** The person filter; a senator's name also sets the Sénat as the chamber (names alone mean the Assemblée's). */
function setPerson(f: SearchFilters, d: LexDeputy): void {
  f.deputy = d.name;
  if (d.chamber === 'senat') f.chamber = 'senat';
}

/** A deputy or senator named in the sentence: sets `f.deputy` (and the Sénat for a senator). */
export function parseDeputy(toks: Tok[], lex: Lexicon, f: SearchFilters): void {
  // 1. After a civility or a mandate: "M. Tardy", "Mme Dupont-Aignan", "le député Tardi" (typo), "sénatrice Dupont"
  // (a mandate looks among that chamber's members only).
  for (let i = 0; i < toks.length - 1; i++) {
    const w = toks[i]!.f;
    const member = MANDATES.get(w);
    if (toks[i]!.used || (!member && !isCivility(w))) continue;
    const hit = deputyMatchAt(toks, i + 1, lex, true, civilityGender(w) ?? member?.civility ?? null, member?.chamber);
    if (hit) {
      use(toks, i, 1 + hit.len);
      setPerson(f, hit.d);
      return;
    }
  }
  // 2. A full name anywhere ("lionel tardy"), with small typos.
  for (let i = 0; i < toks.length; i++) {
    if (toks[i]!.used) continue;
    const hit = deputyMatchAt(toks, i, lex, true);
    if (hit && hit.len >= 2 && hit.d.full.length === hit.len) {
      use(toks, i, hit.len);
      setPerson(f, hit.d);
      return;
    }
  }
  // 3. A last name written with a capital, or after "de"/"par": "les questions de Tardy", "posees par tardy".
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.used || STOP.has(t.f) || COMMON_WORDS.has(t.f) || t.f.length < 4) continue;
    const capital = i > 0 && /^\p{Lu}/u.test(t.o);
    const after = /^(de|par|d)$/.test(toks[i - 1]?.f ?? '');
    if (!capital && !after) continue;
    const hit = deputyMatchAt(toks, i, lex, capital && t.f.length >= 6);
    if (hit) {
      use(toks, i, hit.len);
      setPerson(f, hit.d);
      return;
    }
  }
}

/**
 * The chamber, when the sentence names one: « au Sénat », « les sénateurs », « à l’Assemblée », « les députés »
 * (a mandate followed by a name is the person's, read by parseDeputy). Run after it: only unused words count.
 */
export function parseChamber(toks: Tok[], f: SearchFilters): void {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.used) continue;
    let chamber: Chamber | null = null;
    if (t.f === 'senat' || /^senat(eur|rice)s$/.test(t.f)) chamber = 'senat';
    else if (t.f === 'assemblee' || /^deputee?s$/.test(t.f)) chamber = 'an';
    if (!chamber) continue;
    if (f.chamber && f.chamber !== chamber) {
      // « à l’Assemblée et au Sénat », « députés et sénateurs »: both chambers.
      delete f.chamber;
      return;
    }
    f.chamber = chamber;
    use(toks, i, t.f === 'assemblee' && toks[i + 1]?.f === 'nationale' ? 2 : 1);
  }
}
