/**
 * Everyday vocabulary shared by every theme (trades, sectors, qualifiers; data in general.json): the long tail of
 * a real corpus, where many words appear only a few times. Zipf-weighted picks keep the first ones frequent.
 */
import data from './general.json';
import { frozen } from './frozen';

const vocabulary = frozen(data as { professions: string[]; sectors: string[]; qualifiers: string[] });

export const PROFESSIONS: readonly string[] = vocabulary.professions;
export const SECTORS: readonly string[] = vocabulary.sectors;
export const QUALIFIERS: readonly string[] = vocabulary.qualifiers;
