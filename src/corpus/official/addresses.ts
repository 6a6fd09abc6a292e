/**
 * Every address of the Assemblée nationale's open data the project downloads, in ONE place, relative to one base
 * (`OPENDATA_URL`, default in src/config.ts): the written-question archive of each legislature and the deputies' history
 * (AMO30: every deputy since the 11th legislature with every mandate).
 */

/** Written-question archives by legislature, relative to the base. 14: one JSON file; 15 to 17: one file per question. */
const QUESTION_ARCHIVES: Readonly<Record<number, string>> = Object.freeze({
  14: '14/questions/questions_ecrites/Questions_ecrites_XIV.json.zip',
  15: '15/questions/questions_ecrites/Questions_ecrites_XV.json.zip',
  16: '16/questions/questions_ecrites/Questions_ecrites.json.zip',
  17: '17/questions/questions_ecrites/Questions_ecrites.json.zip',
});

/**
 * A legislature after the table's last one is published in the layout of the 16th and 17th (the daily refresh
 * discovers it: src/digest/liveLegislature.ts).
 */
const NEXT_QUESTION_ARCHIVE = (legislature: number) =>
  `${legislature}/questions/questions_ecrites/Questions_ecrites.json.zip`;

/** The deputies' history (acteur/PA*.json and organe/PO*.json), about 14 MB zipped, under each legislature's folder. */
const DEPUTIES_ARCHIVE = (legislature: number) =>
  `${legislature}/amo/tous_acteurs_mandats_organes_xi_legislature/AMO30_tous_acteurs_tous_mandats_tous_organes_historique.json.zip`;

/** Legislatures whose written questions are published as JSON archives, oldest first. */
export const OFFICIAL_LEGISLATURES: readonly number[] = Object.freeze(Object.keys(QUESTION_ARCHIVES).map(Number));

/** The newest legislature this table knows: where the daily refresh starts before it discovers a later one. */
export const LATEST_KNOWN_LEGISLATURE = Math.max(...OFFICIAL_LEGISLATURES);

export interface OfficialArchive {
  kind: 'questions' | 'deputies';
  /** Legislature of a question archive; null for the deputies' history. */
  legislature: number | null;
  url: string;
  /** French label for reports (« questions écrites de la 14e législature »). */
  label: string;
}

function join(base: string, relative: string): string {
  return `${base.replace(/\/+$/, '')}/${relative}`;
}

export function questionArchiveUrl(base: string, legislature: number): string {
  const relative =
    QUESTION_ARCHIVES[legislature] ??
    (legislature > LATEST_KNOWN_LEGISLATURE ? NEXT_QUESTION_ARCHIVE(legislature) : undefined);
  if (!relative) throw new Error(`no official written-question archive for legislature ${legislature}`);
  return join(base, relative);
}

/** The deputies' history published with `legislature` (default: the newest known). */
export function deputiesArchiveUrl(base: string, legislature = LATEST_KNOWN_LEGISLATURE): string {
  return join(base, DEPUTIES_ARCHIVE(legislature));
}

/**
 * What `npm run corpus -- officiel` downloads, in order: the deputies first (questions are then named as they are
 * written, with no back-fill), then the legislatures oldest first.
 */
export function officialArchives(
  base: string,
  legislatures: readonly number[],
  withDeputies: boolean,
): OfficialArchive[] {
  const out: OfficialArchive[] = [];
  if (withDeputies)
    out.push({
      kind: 'deputies',
      legislature: null,
      url: deputiesArchiveUrl(base),
      label: 'historique des députés (AMO30)',
    });
  for (const l of [...new Set(legislatures)].sort((a, b) => a - b)) {
    out.push({
      kind: 'questions',
      legislature: l,
      url: questionArchiveUrl(base, l),
      label: `questions écrites, ${l}e législature`,
    });
  }
  return out;
}
