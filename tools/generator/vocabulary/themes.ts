/**
 * The subjects of generated questions, one theme per rubrique (data in themes.json, written for this generator).
 * Noun phrases carry their article ("la filière laitière") so that templates can build "de la", "du", "des",
 * "à l'"... with elision. Lists are ordered from the most to the least common: picks are Zipf-weighted.
 */
import data from './themes.json';
import { frozen } from './frozen';

export interface Theme {
  /** Lower case, as `indexationAN.rubrique` writes it. */
  rubrique: string;
  /** Ministry keys, the first one being the usual addressee. */
  ministries: readonly string[];
  /** Têtes d'analyse (as the Assemblée capitalises them: first letter upper case). */
  tetes: readonly string[];
  /** What the question is about ("sur ..."). */
  subjects: readonly string[];
  /** The people concerned ("les éleveurs"). */
  publics: readonly string[];
  /** Domain noun phrases used in sentences and analyses. */
  terms: readonly string[];
  /** Public schemes, plans and funds. */
  measures: readonly string[];
  /** Codes cited in answers ("code rural et de la pêche maritime"), without "code ". */
  codes: readonly string[];
}

export const THEMES: readonly Theme[] = frozen(data as Theme[]);
