/**
 * The plain-French parser's fixed vocabulary (data files in ./vocabulary, each saying what it holds): familiar forms,
 * stop words, common words that are also last names, intent words, mandates, familiar names of ministries and
 * groups, Roman numerals. Data, not rules: the rules that use them live in the parser's files (tokens, periods,
 * institutions, people, intent, subject). Month names, civilities and particles are NOT here: they come from
 * src/format/french.ts and src/insights/names.ts. Read once, when the module loads (a few small files).
 */
import { readFileSync } from 'node:fs';
import type { Chamber } from '../corpus/types';

function readData<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./vocabulary/${name}`, import.meta.url), 'utf8')) as T;
}

/** Familiar and SMS forms -> the word the rules know (« cb » -> « combien »). */
export const FAMILIAR: ReadonlyMap<string, string> = new Map(
  Object.entries(readData<{ words: Record<string, string> }>('familiar.json').words),
);

/** The question's grammar, politeness and the corpus's own words: never a subject, never a name. */
export const STOP: ReadonlySet<string> = new Set(readData<{ words: string[] }>('stopWords.json').words);

/** Common nouns that are also last names: a capital alone does not make them a person. */
export const COMMON_WORDS: ReadonlySet<string> = new Set(readData<{ words: string[] }>('commonWords.json').words);

/** Words of the question's intent or grammar: never part of the subject. */
export const INTENT_WORDS: ReadonlySet<string> = new Set(readData<{ words: string[] }>('intentWords.json').words);

/** A mandate written before a name: the civility and chamber it tells. */
export const MANDATES: ReadonlyMap<string, { civility: 'f' | 'm' | null; chamber: Chamber }> = new Map(
  Object.entries(
    readData<{ words: Record<string, { civility: 'f' | 'm' | null; chamber: Chamber }> }>('mandates.json').words,
  ),
);

interface Alias {
  /** The familiar words, folded. */
  alias: string[];
  /** What they stand for: the words of one ministry's name; for a group, abbreviations or name words tried in order. */
  targets: string[];
}

/** Familiar names of ministries -> words of their official short name. */
export const MINISTRY_ALIASES: readonly Alias[] = readData<{ entries: Alias[] }>('ministryAliases.json').entries;

/** Familiar names of groups -> abbreviations or words of the name. */
export const GROUP_ALIASES: readonly Alias[] = readData<{ entries: Alias[] }>('groupAliases.json').entries;

/** Roman numerals of the legislatures (« xvi » -> 16). */
export const ROMAN_NUMERALS: ReadonlyMap<string, number> = new Map(
  Object.entries(readData<{ numerals: Record<string, number> }>('romanNumerals.json').numerals),
);
