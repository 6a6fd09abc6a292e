/**
 * What a campaign's questions share, once set aside what always differs between them: the opening (« M. X attire
 * l'attention de Mme la ministre de … »), civilities, the author's own name and département, and the French function
 * words (pronouns, articles: « Il lui demande » and « Elle lui demande » read the same). Pure.
 *
 * The opening and subject are found as the search's re-ranking finds them (`openingOf`), names are folded by the one
 * name matcher (`foldName`), stop words are the search analyzer's.
 */
import { foldName, isCivility, personKey } from '../insights/names';
import { isStopWord } from '../search/analyzeFrench';
import { openingOf, withoutCivilityDots } from '../search/rerank';

/** The parts of a question the normalisation reads. */
export interface CampaignSource {
  text: string;
  authorName: string | null;
  department: string | null;
}

/** The words of a question's text that a campaign's questions share, in order (folded, `[a-z0-9]+`). */
export function campaignWords(src: CampaignSource): string[] {
  const { subjectStart } = openingOf(src.text);
  const body = withoutCivilityDots(src.text).slice(subjectStart);
  const own = new Set<string>();
  if (src.authorName) for (const w of personKey({ name: src.authorName }).words) own.add(w);
  if (src.department) for (const w of foldName(src.department).split(' ')) if (w) own.add(w);
  const out: string[] = [];
  for (const w of foldName(body).split(' ')) {
    if (!w || isStopWord(w) || isCivility(w) || own.has(w)) continue;
    out.push(w);
  }
  return out;
}
