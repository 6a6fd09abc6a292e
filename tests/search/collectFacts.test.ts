/**
 * The shards' facts of every match (charts) follow the same matching as the search: same count, same statuses and
 * dates, for words, any-word fallbacks, filters alone and a number alone; an exact phrase is checked on the texts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchServiceHandle } from '../../src/search/createSearchService';
import { generateQuestions } from '../../tools/generator';
import { parseOpenDataQuestion } from '../../src/corpus/parse/parseOpenDataQuestion';
import type { Question } from '../../src/corpus/types';
import { allQuestions, startEngine } from './helpers';

let engine: SearchServiceHandle;

beforeAll(async () => {
  const generated: Question[] = [];
  for (const raw of generateQuestions({ count: 600, seed: 3, legislature: 16 })) {
    const r = parseOpenDataQuestion(raw, 'gen');
    if (r.ok) generated.push(r.value);
  }
  engine = await startEngine([...allQuestions(), ...generated]);
});

afterAll(async () => {
  await engine?.close();
});

const key = (f: {
  status: string;
  questionDate: string | null;
  answerDate: string | null;
  author: string | null;
  ministry: string | null;
}) => `${f.status}|${f.questionDate}|${f.answerDate}|${f.author}|${f.ministry}`;

describe('facts of every match, gathered by the shards', () => {
  it.each([
    ['words', { text: 'cybercriminalité' }],
    ['a frequent word', { text: 'ministre' }],
    ['no question has every word: any word', { text: 'cybercriminalité zzzyxq' }],
    ['filters alone', { text: '', filters: { legislature: 16 } }],
    ['words and filters', { text: 'santé', filters: { legislature: 16, status: 'answered' as const } }],
    ['a number alone', { text: '50862' }],
    ['an exact phrase', { text: '"entraide pénale"' }],
  ])('match the search for %s', async (_label, req) => {
    const now = new Date('2025-06-01T00:00:00Z');
    const { facts, mode } = await engine.engine.collectFacts({ ...req, now });
    const collected = await engine.engine.collect({ ...req, now, sort: 'newest' }, Number.MAX_SAFE_INTEGER);
    const page = await engine.engine.search({ ...req, now, limit: 1 });
    expect(facts.length).toBe(page.total);
    expect(mode).toBe(page.mode);
    expect(facts.map(key).sort()).toEqual(collected.hits.map(key).sort());
  });
});
