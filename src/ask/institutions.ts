/**
 * Ministries, political groups and departments named in plain French, matched against the corpus's own names (the
 * lexicon): « le ministère de la Justice », « la chancellerie », « que répond l'Intérieur », « les insoumis »,
 * « le groupe LR », « en Seine-Saint-Denis ». Familiar names come from the vocabulary's alias tables.
 */
import type { SearchFilters } from '../search/types';
import { tokensOf, type Lexicon, type LexNamed } from './lexicon';
import { close, findSeq, seqAt, type Tok, use } from './tokens';
import { GROUP_ALIASES, MINISTRY_ALIASES, STOP } from './vocabulary';

/** The name whose words the typed words hold best (small typos and word beginnings allowed; its first word required). */
function bestNamed<T extends LexNamed>(list: readonly T[], words: string[]): T | null {
  let best: { n: T; score: number } | null = null;
  const content = (toks: string[]) => toks.filter((t) => !STOP.has(t) && t.length > 1);
  for (const n of list) {
    const nameWords = content(n.tokens);
    if (!nameWords.length) continue;
    let matched = 0;
    for (const w of nameWords)
      if (words.some((t) => close(t, w) || (w.length >= 6 && t.length >= 5 && w.startsWith(t)))) matched++;
    // The first word of the name must be there ("justice", "interieur", "sante"...).
    if (
      !words.some(
        (t) => close(t, nameWords[0]!) || (nameWords[0]!.length >= 6 && t.length >= 5 && nameWords[0]!.startsWith(t)),
      )
    )
      continue;
    const score = matched * 1000 - (nameWords.length - matched) * 10 + Math.min(9, Math.log10(1 + n.count));
    if (!best || score > best.score) best = { n, score };
  }
  return best?.n ?? null;
}

/** « ministère de la Justice », « la chancellerie », « que répond l'Intérieur »: sets `f.ministry`. */
export function parseMinistry(toks: Tok[], lex: Lexicon, f: SearchFilters): void {
  for (const { alias, targets: words } of MINISTRY_ALIASES) {
    const i = findSeq(toks, alias);
    if (i < 0) continue;
    const hit = bestNamed(lex.ministries, words);
    if (hit) {
      use(toks, i, alias.length);
      f.ministry = hit.name;
      return;
    }
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.used || !/^(ministere|ministeres|ministre|ministres|min|ministerielle)$/.test(t.f)) continue;
    // The words after "ministère (de la) …", up to 6.
    let j = i + 1;
    const window: number[] = [];
    while (j < toks.length && window.length < 6 && !toks[j]!.used) {
      if (
        /^(sur|a|au|aux|concernant|pour|depuis|en|dans|qui|que|et|quand|comment|pourquoi|combien)$/.test(toks[j]!.f) &&
        window.length > 0 &&
        toks[j]!.f !== 'et'
      )
        break;
      window.push(j);
      j++;
    }
    const words = window.map((k) => toks[k]!.f);
    const hit = bestNamed(lex.ministries, words);
    if (hit) {
      f.ministry = hit.name;
      use(toks, i, 1);
      // Consume the matched words and the articles between them.
      const nameWords = tokensOf(hit.name);
      let last = i;
      for (const k of window)
        if (
          nameWords.some(
            (w) => close(toks[k]!.f, w) || (w.length >= 6 && toks[k]!.f.length >= 5 && w.startsWith(toks[k]!.f)),
          )
        )
          last = k;
      use(toks, i, last - i + 1);
      return;
    }
  }
  // "que répond la Justice", "qu'a dit l'Intérieur": a ministry's name right after an answer verb.
  for (let i = 0; i < toks.length - 1; i++) {
    if (!/^(repond|repondu|repondent|dit|dis|disent|pense|ecrit)$/.test(toks[i]!.f)) continue;
    let j = i + 1;
    while (j < toks.length && /^(le|la|les|l|du|de)$/.test(toks[j]!.f)) j++;
    const words = toks
      .slice(j, j + 3)
      .filter((t) => !t.used)
      .map((t) => t.f);
    const hit = lex.ministries.find((m) => {
      const w = m.tokens.filter((t) => !STOP.has(t));
      return w.length > 0 && w.length <= 3 && w.every((x, k) => words[k] !== undefined && close(words[k]!, x));
    });
    if (hit) {
      f.ministry = hit.name;
      use(toks, j, hit.tokens.filter((t) => !STOP.has(t)).length);
      return;
    }
  }
}

/** « les insoumis », « le groupe LR », « du groupe Socialistes »: sets `f.group` (an abbreviation when it has one). */
export function parseGroup(toks: Tok[], lex: Lexicon, f: SearchFilters): void {
  const byAbbrev = (abbrev: string) =>
    lex.groups
      .filter((g) => g.abbrev && (tokensOf(g.abbrev).join(' ') === abbrev || tokensOf(g.abbrev)[0] === abbrev))
      .sort((a, b) => b.count - a.count)[0];
  const byWords = (words: string[]) =>
    lex.groups.filter((g) => words.every((w) => g.tokens.includes(w))).sort((a, b) => b.count - a.count)[0];
  for (const { alias, targets } of GROUP_ALIASES) {
    const i = findSeq(toks, alias);
    if (i < 0) continue;
    // "ps" only when written in capitals or after "groupe" / "deputes".
    if (
      alias.length === 1 &&
      alias[0]!.length <= 3 &&
      !(toks[i]!.o === toks[i]!.o.toUpperCase() || /^(groupe|deputes|du|les)$/.test(toks[i - 1]?.f ?? ''))
    )
      continue;
    const hit = targets.map((t) => byAbbrev(t) ?? byWords([t])).find(Boolean);
    if (hit) {
      use(toks, i, alias.length);
      f.group = hit.abbrev ?? hit.name;
      return;
    }
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.used) continue;
    const g = byAbbrev(t.f);
    if (!g) continue;
    const short = t.f.length <= 3;
    const capitals = t.o.length > 1 && t.o === t.o.toUpperCase() && /\p{L}/u.test(t.o);
    if (short && !capitals && !/^(groupe|deputes|du|les|le)$/.test(toks[i - 1]?.f ?? '')) continue;
    use(toks, i, 1);
    if (toks[i - 1]?.f === 'groupe') use(toks, i - 1, 1);
    f.group = g.abbrev ?? g.name;
    return;
  }
  const gi = toks.findIndex((t) => !t.used && t.f === 'groupe');
  if (gi >= 0) {
    const window = toks.slice(gi + 1, gi + 5);
    const words = window.filter((t) => !t.used && !STOP.has(t.f)).map((t) => t.f);
    const hit = words.length ? bestNamed(lex.groups, words) : null;
    if (hit) {
      let last = gi;
      window.forEach((t, k) => {
        if (hit.tokens.some((w) => close(t.f, w))) last = gi + 1 + k;
      });
      use(toks, gi, last - gi + 1);
      f.group = hit.abbrev ?? hit.name;
    }
  }
}

/** « en Seine-Saint-Denis », « dans le Nord », « département du Rhône »: sets `f.department`. */
export function parseDepartment(toks: Tok[], lex: Lexicon, f: SearchFilters): void {
  const sorted = [...lex.departments].sort((a, b) => b.tokens.length - a.tokens.length);
  for (let i = 0; i < toks.length; i++) {
    const prep = toks[i]!.f;
    if (toks[i]!.used || !/^(dans|en|du|de|departement|des|le|la|l)$/.test(prep)) continue;
    let j = i + 1;
    while (j < toks.length && /^(le|la|les|l|du|de|des|departement)$/.test(toks[j]!.f)) j++;
    for (const d of sorted) {
      if (seqAt(toks, j, d.tokens, d.tokens.join('').length >= 6)) {
        // "en/dans" + name, or "département …": a place, not a subject ("du Nord" alone is too ambiguous).
        const lead = toks.slice(i, j).map((t) => t.f);
        if (!lead.some((w) => /^(dans|en|departement)$/.test(w)) && !(lead.includes('du') && d.tokens.length > 1))
          continue;
        use(toks, i, j - i + d.tokens.length);
        f.department = d.name;
        return;
      }
    }
  }
}
