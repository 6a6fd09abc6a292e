/** What the bot keeps grows with the corpus, not with time: the tables and maps that used to grow forever. */
import { describe, expect, it } from 'vitest';
import { stateId, SqlitePageState } from '../../src/present/sqlitePageState';
import { FloodGate } from '../../src/discord/floodControl';
import { openStore } from '../../src/store/openStore';

describe('page states of buttons', () => {
  it('keep at most maxRows rows (plus what 500 saves add between prunes), the most recently used', () => {
    const store = openStore(':memory:');
    try {
      const pages = new SqlitePageState(store.db, 180, 10);
      const t0 = Date.parse('2025-01-01T00:00:00Z');
      const ids: string[] = [];
      for (let i = 1; i <= 1001; i++) ids.push(pages.save('rs', { q: `recherche ${i}` }, new Date(t0 + i * 1000)));
      const rows = store.db.prepare('SELECT id FROM bot_page_state').all() as Array<{ id: string }>;
      expect(rows).toHaveLength(10);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids.slice(-10)));
      expect(pages.load('rs', ids.at(-1)!)).toEqual({ q: 'recherche 1001' });
      expect(pages.load('rs', ids[0]!)).toBeNull();
      expect(ids.at(-1)).toBe(stateId('rs', JSON.stringify({ q: 'recherche 1001' })));
    } finally {
      store.close();
    }
  });
});

describe('flood control', () => {
  it('forgets users whose window is over: 100,000 distinct users leave at most the last thousand behind', () => {
    const gate = new FloodGate(5, 10_000);
    for (let i = 0; i < 100_000; i++) gate.take(`u${i}`, i * 100); // one user every 100 ms
    const hits = (gate as unknown as { hits: Map<string, number[]> }).hits;
    expect(hits.size).toBeLessThanOrEqual(1000 + 100);
  });
});
