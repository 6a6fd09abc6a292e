/**
 * The insights read the deputies' records from the database; one they cannot read is left out of the name lists
 * and reported (which record, why), never skipped silently.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqlInsights } from '../../src/insights/sqlInsights';
import { buildCorpus, tempDir } from '../support/botCorpus';

let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(() => {
  tmp?.cleanup();
  tmp = null;
});

describe('SQL insights over the deputies records', () => {
  it('reports an unreadable deputy record with its uid and the reason, and still lists the others', async () => {
    tmp = tempDir();
    const store = await buildCorpus({ dbPath: path.join(tmp.dir, 'q.db'), generated: 30 });
    try {
      const [broken, ...others] = store.db.prepare<[], { uid: string }>('SELECT uid FROM acteurs ORDER BY uid').all();
      expect(others.length).toBeGreaterThan(0);
      store.db.prepare('UPDATE acteurs SET record = ? WHERE uid = ?').run('{"civility": "M.", tronqué', broken!.uid);
      const warnings: Array<{ obj: Record<string, unknown>; msg: string | undefined }> = [];
      const insights = createSqlInsights(store.db, () => store.revision(), {
        warn: (obj, msg) => warnings.push({ obj: obj as Record<string, unknown>, msg }),
      });
      expect(insights.findDeputies(others[0]!.uid).map((d) => d.acteurRef)).toContain(others[0]!.uid);
      expect(warnings).toEqual([
        {
          msg: 'deputy records unreadable (table acteurs): left out of the name lists',
          obj: { count: 1, first: [{ uid: broken!.uid, reason: expect.stringMatching(/JSON/) }] },
        },
      ]);
    } finally {
      store.close();
    }
  });
});
