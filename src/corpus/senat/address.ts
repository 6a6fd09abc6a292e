/**
 * The Sénat's dump among the archives `npm run corpus -- officiel` loads. Its address is configuration: `SENAT_URL`,
 * default data.senat.fr's questions.zip (src/config.ts, which imports nothing of the project).
 */
import type { OfficialArchive } from '../official/addresses';

/** The database starts in 1978: the 6th legislature (the Sénat files its questions under the Assemblée's numbers). */
export const SENAT_OLDEST_LEGISLATURE = 6;

/** The Sénat's dump as one of the archives `npm run corpus -- officiel` loads. */
export function senatArchive(url: string): OfficialArchive {
  return { kind: 'questions', legislature: null, url, label: 'questions écrites du Sénat (data.senat.fr)' };
}
