/**
 * The choices of `npm run corpus -- officiel`: `--chambres an,senat` and `--legislatures 14,15` or `8-17`, checked
 * against what each chamber publishes. Pure; French messages.
 */
import { SENAT_OLDEST_LEGISLATURE } from '../senat/address';
import type { Chamber } from '../types';
import { OFFICIAL_LEGISLATURES } from './addresses';

const CHAMBER_NAMES: Readonly<Record<string, Chamber>> = { an: 'an', assemblee: 'an', senat: 'senat' };

/** Legislatures each chamber's source holds: the Assemblée's JSON archives, the Sénat's database since 1978. */
function availableLegislatures(chamber: Chamber): number[] {
  if (chamber === 'an') return [...OFFICIAL_LEGISLATURES];
  const newest = Math.max(...OFFICIAL_LEGISLATURES);
  return Array.from({ length: newest - SENAT_OLDEST_LEGISLATURE + 1 }, (_, i) => SENAT_OLDEST_LEGISLATURE + i);
}

export type CorpusChoice = { ok: true; chambers: Chamber[]; legislatures: number[] } | { ok: false; problem: string };

/** Both chambers and the Assemblée's legislatures by default; a legislature must exist in one chosen chamber. */
export function parseCorpusChoice(chambersArg: string | undefined, legislaturesArg: string | undefined): CorpusChoice {
  const chambers: Chamber[] = [];
  for (const raw of (chambersArg ?? 'an,senat').split(',')) {
    const c = CHAMBER_NAMES[raw.trim().toLowerCase().replace('é', 'e')];
    if (!c) return { ok: false, problem: `--chambres : « an », « senat » ou « an,senat » (reçu « ${chambersArg} »).` };
    if (!chambers.includes(c)) chambers.push(c);
  }
  const available = [...new Set(chambers.flatMap(availableLegislatures))].sort((a, b) => a - b);
  if (legislaturesArg === undefined) return { ok: true, chambers, legislatures: [...OFFICIAL_LEGISLATURES] };
  const legislatures = new Set<number>();
  for (const part of legislaturesArg.split(',')) {
    const m = /^\s*(\d{1,2})\s*(?:-\s*(\d{1,2})\s*)?$/.exec(part);
    const from = Number(m?.[1]);
    const to = m?.[2] === undefined ? from : Number(m[2]);
    if (!m || to < from) {
      return {
        ok: false,
        problem: `--legislatures : une liste (14,15) ou un intervalle (8-17), reçu « ${legislaturesArg} ».`,
      };
    }
    for (let l = from; l <= to; l++) legislatures.add(l);
  }
  const unknown = [...legislatures].filter((l) => !available.includes(l));
  if (unknown.length > 0) {
    const per = chambers
      .map((c) => {
        const a = availableLegislatures(c);
        return `${c === 'an' ? 'Assemblée' : 'Sénat'} : ${a[0]} à ${a[a.length - 1]}`;
      })
      .join(' ; ');
    return {
      ok: false,
      problem: `--legislatures : législature${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} indisponible${unknown.length > 1 ? 's' : ''} (${per}).`,
    };
  }
  return { ok: true, chambers, legislatures: [...legislatures].sort((a, b) => a - b) };
}
