/**
 * Where the Sénat publishes its written questions, in ONE place: the whole questions database (every question since
 * 1978, refreshed daily, Licence Ouverte) as a zip holding one PostgreSQL plain dump (data-formats §7).
 * `SENAT_URL` overrides it (src/config.ts).
 */
import type { OfficialArchive } from '../official/addresses';

export const DEFAULT_SENAT_URL = 'https://data.senat.fr/data/questions/questions.zip';

/** The database starts in 1978: the 6th legislature (the Sénat files its questions under the Assemblée's numbers). */
export const SENAT_OLDEST_LEGISLATURE = 6;

/** The Sénat's dump as one of the archives `npm run corpus -- officiel` loads. */
export function senatArchive(url: string): OfficialArchive {
  return { kind: 'questions', legislature: null, url, label: 'questions écrites du Sénat (data.senat.fr)' };
}
