import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchServiceHandle } from '../../src/search/createSearchService';
import { rankSuggestions } from '../../src/search/suggestions';
import { allQuestions, startEngine } from './helpers';

describe('suggestions (autocomplete)', () => {
  let h: SearchServiceHandle;
  beforeAll(async () => {
    h = await startEngine(allQuestions());
  });
  afterAll(() => h.close());

  it('finds « M. Lionel Tardy » from « tardy », value = acteurRef when known, counting all his questions', async () => {
    const [first] = await h.engine.suggest('deputy', 'tardy');
    expect(first).toEqual({ label: 'M. Lionel Tardy', value: 'PA900008', count: 2 });
  });

  it('is accent- and case-insensitive', async () => {
    expect((await h.engine.suggest('deputy', 'HERVE'))[0]!.label).toBe('M. Hervé Lemoine');
    expect((await h.engine.suggest('ministry', 'education'))[0]!.label).toMatch(/^[ÉE]ducation nationale$/);
    expect((await h.engine.suggest('rubrique', 'telecom'))[0]!.label.toLowerCase()).toBe('télécommunications');
  });

  it('ranks exact > whole word > prefix > substring, then by number of questions', () => {
    const entries = [
      { key: 'a', label: 'Justice et libertés', value: 'a', count: 50, aliases: [] },
      { key: 'b', label: 'Justice', value: 'b', count: 1, aliases: [] },
      { key: 'c', label: 'Justices de proximité', value: 'c', count: 99, aliases: [] },
      { key: 'd', label: 'Injustice fiscale', value: 'd', count: 98, aliases: [] },
    ];
    expect(rankSuggestions(entries, 'justice', 10).map((s) => s.value)).toEqual(['b', 'a', 'c', 'd']);
    expect(rankSuggestions(entries, 'justi', 10).map((s) => s.value)).toEqual(['c', 'a', 'b', 'd']);
    expect(rankSuggestions(entries, '', 2).map((s) => s.value)).toEqual(['c', 'd']);
  });

  it('folds names as the one names module does: ß as ss, every civility aside (the filters and /depute alike)', () => {
    const entries = [
      { key: 'PA1', label: 'M. Hans Großmann', value: 'PA1', count: 3, aliases: [] },
      { key: 'PA2', label: 'Mlle Jeanne Dupont', value: 'PA2', count: 1, aliases: [] },
      { key: 'PA3', label: 'M. Paul Dupontel', value: 'PA3', count: 9, aliases: [] },
    ];
    expect(rankSuggestions(entries, 'grossmann', 5).map((s) => s.value)).toEqual(['PA1']);
    expect(rankSuggestions(entries, 'Großmann', 5).map((s) => s.value)).toEqual(['PA1']);
    // « Mlle » is a civility like « M. » and « Mme »: the exact name comes first, before a prefix with more questions.
    expect(rankSuggestions(entries, 'Mlle Jeanne Dupont', 5).map((s) => s.value)).toEqual(['PA2']);
    expect(rankSuggestions(entries, 'mademoiselle dupont', 5).map((s) => s.value)[0]).toBe('PA2');
  });

  it('matches groups by name or abbreviation and deputies by acteurRef', async () => {
    expect((await h.engine.suggest('group', 'lfi-nupes'))[0]!.value).toContain('La France insoumise');
    expect((await h.engine.suggest('group', 'republicains')).map((s) => s.value)).toContain('Les Républicains');
    expect((await h.engine.suggest('deputy', 'PA900004'))[0]!.label).toBe('M. Karim Benali');
  });

  it('respects the limit', async () => {
    expect(await h.engine.suggest('ministry', 'e', 3)).toHaveLength(3);
  });
});
