/**
 * Name and place lists for generated deputies (data in people.json). Hand-written lists of common French names
 * (no real deputy list was used): combinations of first and last names are what makes a generated deputy.
 */
import data from './people.json';
import { frozen } from './frozen';

/** Department, its number as the AMO dataset writes it, its number of circonscriptions, its region. */
export interface DepartmentInfo {
  name: string;
  number: string;
  circos: number;
  region: string;
  overseas: boolean;
}

interface PeopleData {
  firstNamesM: string[];
  firstNamesF: string[];
  lastNames: string[];
  departments: Array<Omit<DepartmentInfo, 'overseas'>>;
  communePrefixes: string[];
  communeSuffixes: string[];
  rivers: string[];
}

const vocabulary = frozen(data as PeopleData);

export const FIRST_NAMES_M: readonly string[] = vocabulary.firstNamesM;
export const FIRST_NAMES_F: readonly string[] = vocabulary.firstNamesF;
export const LAST_NAMES: readonly string[] = vocabulary.lastNames;

export const DEPARTMENTS: readonly DepartmentInfo[] = Object.freeze(
  vocabulary.departments.map((d) => Object.freeze({ ...d, overseas: d.number.length === 3 && d.number !== '099' })),
);

/** Syllables of plausible commune names: prefix + suffix gives the long tail of place names in texts. */
export const COMMUNE_PREFIXES: readonly string[] = vocabulary.communePrefixes;
export const COMMUNE_SUFFIXES: readonly string[] = vocabulary.communeSuffixes;
export const RIVERS: readonly string[] = vocabulary.rivers;
