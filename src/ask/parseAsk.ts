/**
 * Questions asked in plain French (« qui pose des questions sur la cybercriminalité ? », « cb de questions sur les
 * deserts medicaux en 2024 », « que répond le ministère de la Justice sur les prisons ? ») turned into an intent,
 * a subject and search filters. Rule-based, over the corpus's own names (the lexicon): no external service.
 * Tolerates missing accents, lower case, small typos in names, and familiar forms (cb, ya, kel, stp).
 * Pure: the clock is a parameter.
 */
import type { Chamber, QuestionStatus } from '../corpus/types';
import type { SearchFilters } from '../search/types';
import { tokensOf, type LexDeputy, type Lexicon, type LexNamed } from './lexicon';
import { frenchMonthWords } from '../format/french';
import { boundedEditDistance, civilityGender, isCivility } from '../insights/names';

export type AskIntent = 'who' | 'count' | 'answer' | 'latest' | 'pending' | 'compare' | 'campaigns' | 'search';

export interface AskParse {
  intent: AskIntent;
  /** What the question is about, as typed (accents kept), '' when only filters were given. */
  subject: string;
  filters: SearchFilters;
  /** Years to compare (intent 'compare'). */
  years: number[];
  /** True when an intent word was recognised (else the answer is a plain search). */
  understood: boolean;
}

interface Tok {
  /** As typed. */
  o: string;
  /** Folded. */
  f: string;
  used: boolean;
}

/** Familiar and SMS forms -> the word the rules know. */
const FAMILIAR: Record<string, string> = {
  cb: 'combien',
  cbn: 'combien',
  combiens: 'combien',
  conbien: 'combien',
  combein: 'combien',
  kel: 'quel',
  kels: 'quels',
  kelle: 'quelle',
  kelles: 'quelles',
  koi: 'quoi',
  ki: 'qui',
  ya: 'y',
  pk: 'pourquoi',
  qd: 'quand',
  qq: 'quelques',
  qst: 'questions',
  qsts: 'questions',
  qe: 'questions',
  qes: 'questions',
  depute: 'depute',
  deputes: 'deputes',
  deputer: 'depute',
  minsitere: 'ministere',
  ministere: 'ministere',
  minister: 'ministere',
  ministre: 'ministre',
  ministe: 'ministre',
  reponce: 'reponse',
  reponces: 'reponses',
  repondu: 'repondu',
  repond: 'repond',
  repon: 'repond',
  questiosn: 'questions',
  qestions: 'questions',
  questons: 'questions',
  quetions: 'questions',
  gouv: 'gouvernement',
  gvt: 'gouvernement',
  gouvt: 'gouvernement',
  vs: 'vs',
};

const MONTHS = frenchMonthWords(true);

/** Familiar names of ministries -> words of their official short name. */
const MINISTRY_ALIASES: Array<[string[], string[]]> = [
  [['garde', 'des', 'sceaux'], ['justice']],
  [['chancellerie'], ['justice']],
  [['bercy'], ['economie']],
  [['beauvau'], ['interieur']],
  [
    ['quai', 'd', 'orsay'],
    ['affaires', 'etrangeres'],
  ],
  [['matignon'], ['premier', 'ministre']],
  [
    ['premier', 'ministre'],
    ['premier', 'ministre'],
  ],
  [['education'], ['education']],
  [['armee'], ['armees']],
  [['defense'], ['armees']],
];

/** Familiar names of groups -> abbreviation or words of the name. */
const GROUP_ALIASES: Array<[string[], string[]]> = [
  [['insoumis'], ['lfi']],
  [['insoumise'], ['lfi']],
  [['france', 'insoumise'], ['lfi']],
  [['socialistes'], ['soc', 'socialistes']],
  [['socialiste'], ['soc', 'socialistes']],
  [['ps'], ['soc', 'socialistes']],
  [['republicains'], ['lr', 'republicains']],
  [['ecologistes'], ['ecolo', 'ecologiste']],
  [['ecologiste'], ['ecolo', 'ecologiste']],
  [['ecolos'], ['ecolo', 'ecologiste']],
  [['communistes'], ['gdr']],
  [['rassemblement', 'national'], ['rn']],
  [['macronistes'], ['re', 'epr', 'renaissance']],
  [['modem'], ['dem', 'modem', 'democrate']],
];

const STOP = new Set([
  'le',
  'la',
  'les',
  'l',
  'un',
  'une',
  'des',
  'de',
  'du',
  'd',
  'au',
  'aux',
  'a',
  'et',
  'ou',
  'en',
  'sur',
  'pour',
  'par',
  'avec',
  'ce',
  'ces',
  'cet',
  'cette',
  'se',
  's',
  'sa',
  'son',
  'ses',
  'leur',
  'leurs',
  'y',
  'il',
  'ils',
  'elle',
  'elles',
  'on',
  'nous',
  'vous',
  'je',
  'j',
  'me',
  'm',
  'moi',
  'est',
  'sont',
  'ont',
  'a',
  'ete',
  'etait',
  'qu',
  'que',
  'qui',
  'quoi',
  'quel',
  'quels',
  'quelle',
  'quelles',
  'dont',
  'ne',
  'n',
  'pas',
  'plus',
  'moins',
  'tres',
  'bien',
  'tout',
  'tous',
  'toutes',
  'toute',
  'the',
  'stp',
  'svp',
  'merci',
  'bonjour',
  'salut',
  'hello',
  'dis',
  'moi',
  'donne',
  'donner',
  'montre',
  'montrer',
  'affiche',
  'afficher',
  'liste',
  'lister',
  'cherche',
  'chercher',
  'trouve',
  'trouver',
  'peux',
  'tu',
  'pourrais',
  'voudrais',
  'veux',
  'aimerais',
  'sais',
  'savoir',
  'connaitre',
  'c',
  'ca',
  'cela',
  'ceci',
  'est-ce',
  'ya',
  'question',
  'questions',
  'ecrite',
  'ecrites',
  'qe',
  'posee',
  'posees',
  'pose',
  'posent',
  'poser',
  'deja',
  'il',
  'y',
  'avoir',
  'eu',
  'depute',
  'deputes',
  'deputee',
  'deputees',
  'elu',
  'elus',
  'parlementaire',
  'parlementaires',
  'assemblee',
  'nationale',
  'senat',
  'senateur',
  'senateurs',
  'senatrice',
  'senatrices',
  'an',
  'sujet',
  'theme',
  'propos',
  'concernant',
  'combien',
  'nombre',
  'nb',
  'quand',
  'comment',
  'pourquoi',
  'alors',
  'donc',
  'aussi',
  'encore',
  'gouvernement',
  'ministere',
  'ministeres',
  'ministre',
  'ministres',
  'annee',
  'annees',
  'an',
  'ans',
  'mois',
  'depuis',
  'entre',
  'jusqu',
  'jusque',
]);

const COMMON_WORDS = new Set([
  'france',
  'paris',
  'sante',
  'justice',
  'prisons',
  'ecole',
  'ecoles',
  'police',
  'travail',
  'emploi',
  'logement',
  'agriculture',
  'eau',
  'energie',
  'culture',
  'sport',
  'securite',
  'defense',
  'retraite',
  'retraites',
  'famille',
  'enfants',
  'femmes',
  'hommes',
  'ville',
  'villes',
  'route',
  'routes',
  'nord',
  'sud',
  'est',
  'ouest',
  'centre',
  'bois',
  'mer',
  'montagne',
  'vallee',
  'fontaine',
  'pont',
  'moulin',
  'marchand',
  'boucher',
  'fort',
]);

/** A typed word close enough to a name's word: equal, or one typo from 5 letters, two from 9. */
function close(typed: string, name: string): boolean {
  if (typed === name) return true;
  if (name.length < 5 || typed.length < 4) return false;
  return boundedEditDistance(typed, name, name.length >= 9 ? 2 : 1) <= (name.length >= 9 ? 2 : 1);
}

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  const re = /[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu;
  const cleaned = text.replace(/<@[!&]?\d+>/g, ' ').replace(/[’`]/g, "'");
  for (const m of cleaned.matchAll(re)) {
    const o = m[0];
    const parts = tokensOf(o);
    // Keep hyphenated names as several tokens (they are matched as token sequences).
    const origParts = o.split(/[-.]/);
    parts.forEach((f, i) => {
      const fixed = FAMILIAR[f] ?? f;
      out.push({ o: origParts.length === parts.length ? origParts[i]! : o, f: fixed, used: false });
    });
  }
  return out;
}

function seqAt(toks: Tok[], i: number, words: readonly string[], fuzzy = false): boolean {
  if (i + words.length > toks.length) return false;
  for (let k = 0; k < words.length; k++) {
    const t = toks[i + k]!;
    if (t.used) return false;
    if (!(fuzzy ? close(t.f, words[k]!) : t.f === words[k])) return false;
  }
  return true;
}

function findSeq(toks: Tok[], words: readonly string[], fuzzy = false): number {
  for (let i = 0; i < toks.length; i++) if (seqAt(toks, i, words, fuzzy)) return i;
  return -1;
}

function use(toks: Tok[], from: number, count: number): void {
  for (let k = from; k < from + count && k < toks.length; k++) toks[k]!.used = true;
}

/** Marks the tokens of a regex match over the folded text (tokens joined by single spaces). */
function consume(toks: Tok[], re: RegExp): RegExpExecArray | null {
  const text = toks.map((t) => (t.used ? '\u0000' : t.f)).join(' ');
  const m = re.exec(text);
  if (!m) return null;
  const start = m.index === 0 ? 0 : text.slice(0, m.index).split(' ').length - 1;
  const n = m[0].trim().split(' ').length;
  use(toks, start, n);
  return m;
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const ROMAN: Record<string, number> = { xi: 11, xii: 12, xiii: 13, xiv: 14, xv: 15, xvi: 16, xvii: 17, xviii: 18 };

function parseDates(toks: Tok[], now: Date, f: SearchFilters, range: number[]): number[] {
  const year = now.getUTCFullYear();
  const Y = '((?:19|20)\\d\\d)';
  const M = `(${[...MONTHS.keys()].join('|')})`;
  let m: RegExpExecArray | null;
  const years: number[] = [];
  // "entre 2019 et 2021", "de 2019 a 2021"
  if ((m = consume(toks, new RegExp(`\\b(?:entre|de) (?:l an )?${Y} (?:et|a) (?:l an )?${Y}\\b`)))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    f.from = iso(Math.min(a, b), 1, 1);
    f.to = iso(Math.max(a, b), 12, 31);
    range.push(a, b);
  }
  // "en 2023 qu'en 2022", "2018 2019"
  while ((m = consume(toks, new RegExp(`\\b(?:en )?${Y} (?:qu en|que en|qu a|par rapport a l an|)\\s?${Y}\\b`)))) {
    years.push(Number(m[1]), Number(m[2]));
  }
  // "2022 et 2023", "2022 vs 2023", "2022 par rapport a 2023", "en 2022 et en 2023"
  while (
    (m = consume(
      toks,
      new RegExp(`\\b(?:en )?${Y} (?:et|vs|versus|contre|ou|par rapport a|compare a) (?:en |a )?${Y}\\b`),
    ))
  ) {
    years.push(Number(m[1]), Number(m[2]));
  }
  // "en mars 2023", "mars 2023"
  if ((m = consume(toks, new RegExp(`\\b(?:en |depuis |au mois de |depuis le mois de )?${M} ${Y}\\b`)))) {
    const month = MONTHS.get(m[1]!)!;
    const y = Number(m[2]);
    if (/^depuis/.test(m[0])) f.from = iso(y, month, 1);
    else {
      f.from = iso(y, month, 1);
      f.to = iso(y, month, lastDay(y, month));
    }
    return years;
  }
  // "depuis janvier" (this year)
  if ((m = consume(toks, new RegExp(`\\bdepuis (?:le mois de )?${M}\\b`)))) {
    const month = MONTHS.get(m[1]!)!;
    f.from = iso(month > now.getUTCMonth() + 1 ? year - 1 : year, month, 1);
  }
  // "depuis 2020", "a partir de 2020", "apres 2020"
  if ((m = consume(toks, new RegExp(`\\b(?:depuis|a partir de|apres|des) (?:l an |l annee )?${Y}\\b`))))
    f.from = iso(Number(m[1]), 1, 1);
  // "avant 2020", "jusqu en 2020"
  if ((m = consume(toks, new RegExp(`\\b(?:avant|jusqu en|jusqu a|jusque) ${Y}\\b`))))
    f.to = /avant/.test(m[0]) ? iso(Number(m[1]) - 1, 12, 31) : iso(Number(m[1]), 12, 31);
  // "cette annee", "l an dernier", "l annee derniere"
  if (consume(toks, /\b(?:cette annee|depuis le debut de l annee|cette annee ci)\b/)) f.from = iso(year, 1, 1);
  if (consume(toks, /\b(?:l an dernier|l annee derniere|l annee passee|l an passe)\b/)) {
    f.from = iso(year - 1, 1, 1);
    f.to = iso(year - 1, 12, 31);
  }
  // "ces 6 derniers mois", "les 3 derniers mois", "depuis 6 mois", "depuis un an"
  if (
    (m = consume(
      toks,
      /\b(?:ces|les|depuis|sur les|dans les) (\d{1,2}|un|deux|trois|six|douze) (?:derniers )?(mois|ans|annees)(?: derniers| dernieres)?\b/,
    ))
  ) {
    const words: Record<string, number> = { un: 1, deux: 2, trois: 3, six: 6, douze: 12 };
    const n = Number(m[1]) || words[m[1]!] || 1;
    const d = new Date(now.getTime());
    if (m[2] === 'mois') d.setUTCMonth(d.getUTCMonth() - n);
    else d.setUTCFullYear(d.getUTCFullYear() - n);
    f.from = d.toISOString().slice(0, 10);
  }
  // JJ/MM/AAAA given as tokens "12 03 2024" after "depuis"/"avant"
  if ((m = consume(toks, /\b(depuis le|depuis|apres le|avant le|jusqu au) (\d{1,2}) (\d{1,2}) ((?:19|20)\d\d)\b/))) {
    const d = iso(Number(m[4]), Number(m[3]), Number(m[2]));
    if (/^(depuis|apres)/.test(m[1]!)) f.from = d;
    else f.to = d;
  }
  // "en 2024", "de 2024", "2024"
  if (!f.from && !f.to && years.length === 0) {
    if ((m = consume(toks, new RegExp(`\\b(?:en |de |pour |durant |pendant |sur )?(?:l annee |l an )?${Y}\\b`)))) {
      const y = Number(m[1]);
      f.from = iso(y, 1, 1);
      f.to = iso(y, 12, 31);
    }
  }
  return years;
}

function parseLegislature(toks: Tok[], f: SearchFilters): void {
  let m: RegExpExecArray | null;
  if (
    (m = consume(
      toks,
      /\b(?:(?:sous|pendant|durant|de|dans) (?:la )?)?(\d{1,2}) ?(?:e|eme|ieme|ème)? (?:legislature|leg)\b/,
    ))
  )
    f.legislature = Number(m[1]);
  else if (
    (m = consume(
      toks,
      /\b(?:(?:sous|pendant|durant|de|dans) (?:la )?)?(xi|xii|xiii|xiv|xv|xvi|xvii|xviii)e? (?:legislature|leg)\b/,
    ))
  )
    f.legislature = ROMAN[m[1]!];
  else if ((m = consume(toks, /\b(?:legislature|leg) (?:n )?(\d{1,2})\b/))) f.legislature = Number(m[1]);
  else if ((m = consume(toks, /\b(?:sous la|pendant la|durant la|de la|dans la) (\d{1,2}) ?(?:e|eme|ieme)\b/)))
    f.legislature = Number(m[1]);
  else if ((m = consume(toks, /\bl(1[1-8])\b/))) f.legislature = Number(m[1]);
}

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

function parseMinistry(toks: Tok[], lex: Lexicon, f: SearchFilters): void {
  for (const [alias, words] of MINISTRY_ALIASES) {
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

function parseGroup(toks: Tok[], lex: Lexicon, f: SearchFilters): void {
  const byAbbrev = (abbrev: string) =>
    lex.groups
      .filter((g) => g.abbrev && (tokensOf(g.abbrev).join(' ') === abbrev || tokensOf(g.abbrev)[0] === abbrev))
      .sort((a, b) => b.count - a.count)[0];
  const byWords = (words: string[]) =>
    lex.groups.filter((g) => words.every((w) => g.tokens.includes(w))).sort((a, b) => b.count - a.count)[0];
  for (const [alias, targets] of GROUP_ALIASES) {
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

function parseDepartment(toks: Tok[], lex: Lexicon, f: SearchFilters): void {
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

/** "Mme" or "M." at the start of a display name. */
function civilityOf(name: string): 'f' | 'm' | null {
  return /^(mme|mlle|madame)\b/i.test(name) ? 'f' : /^(m\.|m |monsieur)/i.test(name) ? 'm' : null;
}

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

/** A person's mandate written before the name: « député », « sénatrice »… (the civility and chamber it tells). */
const MEMBER_WORDS: Record<string, { civility: 'f' | 'm' | null; chamber: Chamber }> = {
  depute: { civility: null, chamber: 'an' },
  deputes: { civility: null, chamber: 'an' },
  deputee: { civility: 'f', chamber: 'an' },
  deputees: { civility: 'f', chamber: 'an' },
  senateur: { civility: 'm', chamber: 'senat' },
  senateurs: { civility: null, chamber: 'senat' },
  senatrice: { civility: 'f', chamber: 'senat' },
  senatrices: { civility: 'f', chamber: 'senat' },
};

/** The person filter; a senator's name also sets the Sénat as the chamber (names alone mean the Assemblée's). */
function setPerson(f: SearchFilters, d: LexDeputy): void {
  f.deputy = d.name;
  if (d.chamber === 'senat') f.chamber = 'senat';
}

function parseDeputy(toks: Tok[], lex: Lexicon, f: SearchFilters): void {
  // 1. After a civility or a mandate: "M. Tardy", "Mme Dupont-Aignan", "le député Tardi" (typo), "sénatrice Dupont"
  // (a mandate looks among that chamber's members only).
  for (let i = 0; i < toks.length - 1; i++) {
    const w = toks[i]!.f;
    const member = MEMBER_WORDS[w];
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
function parseChamber(toks: Tok[], f: SearchFilters): void {
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

function detectIntent(toks: Tok[], years: number[], range: number[]): { intent: AskIntent; status?: QuestionStatus } {
  const text = ` ${toks.map((t) => t.f).join(' ')} `;
  const has = (re: RegExp) => re.test(text);
  const pending = has(
    / (sans|pas de|pas eu de|aucune|jamais eu de|toujours pas de|toujours sans|pas encore de|en attente de) (reponses?|retours?) | en attente | pas (encore )?(ete )?repondu| toujours pas | non repondues?| restees? sans | en souffrance | ignorees? | sans retour | attend(ent)? (encore |toujours )?(une |des |leur |sa )?reponses? /,
  );
  const countWord = has(
    / (combien|nombre|nb|tendance|evolution|evolue|augmente|augmentent|hausse|baisse|diminue|statistiques?|stats|frequence|volume) /,
  );
  const compareWord = has(/ (compar\w*|vs|versus|par rapport|plus qu en|moins qu en|difference entre) /);
  // Campaigns (issue 21): « quelles campagnes sur… », « cette question a-t-elle déjà été posée ? », « même texte ».
  if (
    has(
      / (campagnes?|deja (ete )?(posee?s?|deposee?s?)|(meme|memes) textes?|textes? (identiques?|repris)|questions? identiques?|copier coller) /,
    )
  )
    return { intent: 'campaigns' };
  if (
    (compareWord && (years.length >= 2 || range.length >= 2)) ||
    (countWord && years.length >= 2) ||
    (years.length >= 2 && has(/ (plus|moins|autant) /))
  ) {
    return { intent: 'compare', ...(pending ? { status: 'pending' as const } : {}) };
  }
  const who =
    has(/^ (qui|c est qui|qui est ce qui|ki) /) ||
    has(
      / (quels?|quelles?) (sont les )?(deputes?|deputees?|senateurs?|senatrices?|elus?|parlementaires?|groupes?|partis?) /,
    ) ||
    has(/ (les deputes?|les senateurs?|les senatrices?|les elus?) (qui|les plus actifs) /) ||
    has(
      / (?<!questions )qui (pose|posent|a pose|ont pose|interroge|interrogent|s interesse|s interessent|parle|parlent le plus|ecrit|ecrivent|demande|demandent|travaille|travaillent|se preoccupe|se soucie|suit|suivent|se penche|se penchent|a le plus|en pose) /,
    ) ||
    has(/ (le plus|les plus) (actifs?|de questions) /);
  if (who) return { intent: 'who', ...(pending ? { status: 'pending' as const } : {}) };
  if (countWord) return { intent: 'count', ...(pending ? { status: 'pending' as const } : {}) };
  const answer =
    has(
      / (que|qu|quoi|ce que|qu est ce que|quelle est la|quelle a ete la|quelles sont les) (a |ont |avait )?(repond|repondu|repondent|dit|dis|dise|disent|pense|pensent|explique|position|reponse|reponses) /,
    ) ||
    has(
      / (reponses?|position|positions|avis) (du|de la|des|de l) (gouvernement|ministere|ministre|ministres|ministeres|justice|interieur|sante) /,
    ) ||
    has(
      / (le gouvernement|le ministere|le ministre|la ministre|la justice|l interieur) (a|ont) (t il |t elle )?(repondu|dit|explique) /,
    ) ||
    has(/ a t (il|elle) repondu | ont ils repondu | repond quoi | repondu quoi | dit quoi /);
  if (answer && !pending) return { intent: 'answer', status: 'answered' };
  if (pending) return { intent: 'pending', status: 'pending' };
  const latest = has(
    / (dernieres?|derniers|plus recentes?|recentes?|recemment|nouvelles?|nouveaux|quoi de neuf|du jour|de la semaine|cette semaine|ce mois ci) /,
  );
  if (latest) return { intent: 'latest' };
  return { intent: 'search' };
}

const INTENT_WORDS =
  /^(campagnes?|deja|posee|posees|deposee|deposees|identiques?|repris|combien|combiens|nombre|nb|tendance|evolution|evolue|augmente|augmentent|hausse|baisse|baissent|diminue|diminuent|statistiques?|stats|qui|ki|repond|repondu|repondent|dit|disent|pense|dernieres?|derniers|recentes?|recemment|nouvelles?|nouveaux|quoi|neuf|sans|reponse|reponses|attente|attend|attendent|compare|comparer|comparaison|vs|versus|actifs?|interesse|interessent|parle|parlent|ecrit|interroge|interrogent|demande|demandent|travaille|position|souffrance|repondues?|toujours|encore|jamais|aucune|ignorees?|retour|retours|rapport|difference|frequence|volume|preoccupe|soucie|penche|penchent|suit|suivent|explique|avis|plus|moins|autant|liste|ete|t|il|elle|ils|elles|actuellement|aujourd|hui|quelles|quels|quel|quelle|sont|ya|y|a|as|ai|avez|avons|ca|est|ce|eu|n|ont|qu)$/;

function extractSubject(toks: Tok[]): string {
  const lead =
    /^(sur|concernant|propos|sujet|parlant|parlent|parle|traitant|traitent|evoquant|portant|relatives?|relatifs?)$/;
  const rest = toks.filter((t) => !t.used);
  let marker = -1;
  for (let i = rest.length - 1; i >= 0; i--) {
    if (lead.test(rest[i]!.f) && rest.slice(i + 1).some((t) => !STOP.has(t.f) && !INTENT_WORDS.test(t.f))) {
      marker = i;
      break;
    }
  }
  let words: Tok[];
  if (marker >= 0) {
    // "… sur les violences faites aux femmes": everything after the marker, edges trimmed.
    words = rest.slice(marker + 1);
    let a = 0;
    let b = words.length;
    while (a < b && STOP.has(words[a]!.f)) a++;
    while (b > a && (STOP.has(words[b - 1]!.f) || INTENT_WORDS.test(words[b - 1]!.f))) b--;
    words = words.slice(a, b);
  } else {
    // No marker: the words that are neither the question's grammar nor its intent.
    words = rest.filter((t) => !INTENT_WORDS.test(t.f));
    let a = 0;
    let b = words.length;
    while (a < b && STOP.has(words[a]!.f)) a++;
    while (b > a && STOP.has(words[b - 1]!.f)) b--;
    words = words
      .slice(a, b)
      .filter((t, i, all) => !STOP.has(t.f) || (i > 0 && i < all.length - 1 && !STOP.has(all[i - 1]!.f)));
  }
  return words
    .map((t) => t.o)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseAsk(text: string, lex: Lexicon, now: Date): AskParse {
  const toks = tokenize(text.slice(0, 500));
  const filters: SearchFilters = {};
  parseLegislature(toks, filters);
  const range: number[] = [];
  const years = [...new Set(parseDates(toks, now, filters, range))].sort((a, b) => a - b);
  parseMinistry(toks, lex, filters);
  parseGroup(toks, lex, filters);
  parseDepartment(toks, lex, filters);
  parseDeputy(toks, lex, filters);
  parseChamber(toks, filters);
  const { intent, status } = detectIntent(toks, years, range);
  if (status) filters.status = status;
  if (intent === 'compare' && years.length < 2) years.push(...range);
  if (intent === 'compare' && years.length >= 2) {
    delete filters.from;
    delete filters.to;
  }
  const subject = extractSubject(toks);
  return { intent, subject, filters, years: intent === 'compare' ? years : [], understood: intent !== 'search' };
}
