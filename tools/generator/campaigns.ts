/**
 * Campaigns in generated corpora (issue 21), opt-in (`GenerateOptions.campaignShare`, default 0: the output is then
 * byte-identical to a generator without campaigns). A campaign is a text an association hands to many deputies:
 * each member files it with their own opening (name, verb), their pronoun in the closing, a few words dropped, and
 * sometimes a paragraph about their own département; a campaign answered jointly gets one answer text for all.
 *
 * Membership is a pure function of (seed, legislature, number): a question joins with probability `share` one of
 * `PER_WINDOW` campaigns of its window of `WINDOW` consecutive numbers, so a campaign's questions are published within
 * a few weeks, as real ones are.
 */
import { Rng } from './random';
import type { TextContext } from './composeTexts';

const WINDOW = 2000;
const PER_WINDOW = 6;
/** The placeholder author of a campaign's template, replaced by each member's name. */
export const TEMPLATE_AUTHOR = 'Xavier Modèle';

export interface CampaignDraw {
  /** The campaign's name (`legislature-window-k`): the generator's ground truth. */
  key: string;
  /** Draws of the campaign's shared parts (theme, subject, ministry, template text, joint answer). */
  shared: Rng;
  /** Draws of this member's variations. */
  own: Rng;
  /** Whether the ministry answers the campaign with one text. */
  jointAnswer: boolean;
}

export function campaignOf(seed: number, legislature: number, number: number, share: number): CampaignDraw | null {
  if (share <= 0) return null;
  const r = Rng.of(seed, 'campaign-member', legislature, number);
  if (!r.chance(share)) return null;
  const k = r.int(0, PER_WINDOW - 1);
  const window = Math.floor(number / WINDOW);
  const jointAnswer = Rng.of(seed, 'campaign-answer', legislature, window, k).chance(0.5);
  return {
    key: `${legislature}-${window}-${k}`,
    shared: Rng.of(seed, 'campaign', legislature, window, k),
    own: r,
    jointAnswer,
  };
}

/** A member's text from the campaign's template (HTML paragraphs written for TEMPLATE_AUTHOR, a man). */
export function memberText(template: string, c: TextContext, own: Rng): string {
  let html = template.replace(`M. ${TEMPLATE_AUTHOR}`, `${c.author.civ} ${c.author.fullName}`);
  if (own.chance(0.4)) {
    html = html.replace(/ (attire|appelle) l'attention de /, (_m, v: string) =>
      v === 'attire' ? " appelle l'attention de " : " attire l'attention de ",
    );
  }
  if (c.author.civ === 'Mme')
    html = html.replace(
      /\b([Ii])l (lui|souhaite)\b/g,
      (_m, i: string, w: string) => `${i === 'I' ? 'E' : 'e'}lle ${w}`,
    );
  const paragraphs = html.slice(3, -4).split('</p><p>');
  // A few words dropped or changed (not in the opening sentence's paragraph).
  const edits = own.int(0, 4);
  for (let e = 0; e < edits && paragraphs.length > 1; e++) {
    const p = own.int(1, paragraphs.length - 1);
    const words = paragraphs[p]!.split(' ');
    const w = own.int(1, Math.max(1, words.length - 2));
    if (own.chance(0.5)) words.splice(w, 1);
    else words.splice(w, 0, own.pick(['vraiment', 'très', 'particulièrement', 'aussi', 'notamment']));
    paragraphs[p] = words.join(' ');
  }
  if (own.chance(0.3)) {
    const local =
      `Dans le département ${c.author.department.name}, ${own.int(5, 90)} communes sont concernées et les élus locaux ` +
      `ont fait part de leur inquiétude à plusieurs reprises, sans réponse à ce jour.`;
    paragraphs.splice(Math.max(1, paragraphs.length - 1), 0, local);
  }
  return `<p>${paragraphs.join('</p><p>')}</p>`;
}
