import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest';
import { openStore } from '../../src/store/openStore';
import { REPO, writeClonedSingleFile } from '../ingest/support/cloneCorpus';
import { useTempDirs } from '../ingest/support/tempDir';

const tempDir = useTempDirs();

describe('two processes writing the same database', () => {
  // The bot writes (page state, deliveries) while the refresh's child process ingests: a deferred transaction that
  // read before the other's commit could not be upgraded and failed at once with "database is locked".
  it('an ingest waits for the other writer instead of failing with « database is locked »', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'q.db');
    openStore(db).close();
    const input = path.join(dir, 'q.json');
    await writeClonedSingleFile(input, 2000, { legislature: 14, start: 1 });
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(db)}); db.pragma('busy_timeout = 10000');
         const put = db.prepare("INSERT INTO meta (key, value) VALUES ('other_writer', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
         process.stdout.write('ready\\n');
         let i = 0; const t = setInterval(() => put.run(String(i++)), 1);
         process.stdin.on('data', () => { clearInterval(t); db.close(); process.exit(0); });`,
      ],
      { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
    const store = openStore(db);
    try {
      const s = await ingest([input], { store, now: new Date('2025-03-04T08:00:00Z'), batchSize: 20 });
      expect(s.rejected).toEqual([]);
      expect(s.questions.new).toBe(2000);
      expect(Number(store.getMeta('other_writer'))).toBeGreaterThan(0);
    } finally {
      writer.stdin.write('stop\n');
      await new Promise((r) => writer.once('exit', r));
      store.close();
    }
  }, 60_000);
});
