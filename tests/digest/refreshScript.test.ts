import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planEvolution } from '../../tools/generator/planEvolution';
import { openStore } from '../../src/store/openStore';
import { archiveBytes, startArchiveServer, type ArchiveServer } from './support/archive';

function refresh(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/refresh.ts', ...args],
      { env: { ...process.env, DISCORD_TOKEN: '' } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let server: ArchiveServer;
let dir: string;

beforeAll(async () => {
  server = await startArchiveServer();
  dir = mkdtempSync(path.join(os.tmpdir(), 'refresh-script-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run refresh', () => {
  it('downloads the archive, then finds it unchanged, and reports a failed download with exit code 1', async () => {
    const plan = planEvolution({ count: 60, seed: 9, legislature: 17 }, { newQuestions: 2 });
    server.body = await archiveBytes({ questions: plan.day1Questions, out: path.join(dir, 'day1.zip'), seed: 9 });
    const db = path.join(dir, 'q.db');
    const first = await refresh(['--url', server.url, '--db', db]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Archive lue : 60 nouvelles questions');
    const second = await refresh(['--url', server.url, '--db', db]);
    expect(second.stdout).toContain('Archive inchangée');
    expect(server.requests.at(-1)).toMatchObject({ status: 304 });
    server.body = null;
    const failed = await refresh(['--url', server.url, '--db', db]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Échec de la mise à jour');
    const store = openStore(db);
    try {
      expect(store.count()).toBe(60);
      expect(store.getMeta('digest.refresh_failures')).toBe('1');
    } finally {
      store.close();
    }
  });
});
