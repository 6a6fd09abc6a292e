import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldKey } from '../../src/text/fold';
import { REPO } from '../support/botCorpus';

/** The parser compares folded words (no accents, lower case, letters and digits): a word written otherwise never matches. */
const FOLDED = /^[a-z0-9]+(-[a-z]+)?$/;
const DIR = path.join(REPO, 'src/ask/vocabulary');

/** The files' own field names, and the fields that hold no word (a mandate's civility and chamber). */
const FIELDS = new Set(['about', 'words', 'entries', 'alias', 'targets', 'numerals', 'civility', 'chamber']);
const NOT_WORDS = new Set(['about', 'civility', 'chamber']);

/** Every word a vocabulary file holds (keys and strings, its field names aside), with where it stands. */
function wordsOf(file: string): Array<{ where: string; word: string }> {
  const out: Array<{ where: string; word: string }> = [];
  const walk = (v: unknown, where: string): void => {
    if (typeof v === 'string') out.push({ where, word: v });
    else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, `${where}[${i}]`);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (!FIELDS.has(k)) out.push({ where: `${where} (key)`, word: k });
        if (!NOT_WORDS.has(k)) walk(x, `${where}.${k}`);
      }
  };
  walk(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')), file);
  return out;
}

describe('the plain-French vocabulary data', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('ships every table as JSON that says what it holds', () => {
    expect(files.sort()).toEqual([
      'commonWords.json',
      'familiar.json',
      'groupAliases.json',
      'intentWords.json',
      'mandates.json',
      'ministryAliases.json',
      'romanNumerals.json',
      'stopWords.json',
    ]);
    for (const f of files)
      expect((JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as { about?: string }).about).toBeTruthy();
  });

  it('holds only folded words, as the parser reads the sentence', () => {
    const bad = files.flatMap(wordsOf).filter(({ word }) => !FOLDED.test(word) || foldKey(word) !== word);
    expect(bad).toEqual([]);
  });
});
