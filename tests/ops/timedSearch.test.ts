import { describe, expect, it } from 'vitest';
import type { BotSearch } from '../../src/present/deps';
import { timedSearch } from '../../src/ops/timedSearch';
import { SearchNotReadyError } from '../../src/search';
import type { SearchResponse } from '../../src/search/types';

const RESPONSE = { hits: [], total: 0 } as unknown as SearchResponse;

describe('the timed search engine', () => {
  it('passes results and errors through unchanged and times each call with its outcome', async () => {
    let ready = false;
    const engine: BotSearch = {
      get ready() {
        return ready;
      },
      search: async () => {
        if (!ready) throw new SearchNotReadyError();
        return RESPONSE;
      },
      similar: () => {
        throw new Error('boom');
      },
      suggest: () => [{ value: 'Santé', label: 'Santé', count: 3 }],
    };
    const seen: string[] = [];
    const timed = timedSearch(engine, (op, seconds, result) => {
      expect(seconds).toBeGreaterThanOrEqual(0);
      seen.push(`${op}:${result}`);
    });
    expect(timed.ready).toBe(false);
    await expect(timed.search({ text: 'x' } as never)).rejects.toBeInstanceOf(SearchNotReadyError);
    ready = true;
    expect(timed.ready).toBe(true);
    await expect(timed.search({ text: 'x' } as never)).resolves.toBe(RESPONSE);
    expect(() => timed.similar('u')).toThrow('boom');
    expect(timed.suggest('rubrique', 'sa')).toEqual([{ value: 'Santé', label: 'Santé', count: 3 }]);
    expect(seen).toEqual(['search:not_ready', 'search:ok', 'similar:error', 'suggest:ok']);
  });
});
