/**
 * The ingest child process (the bot's refresh) inherits only the environment it needs: the Discord token and the
 * bot's other settings stay in the bot. Observed at the process boundary: while the child waits for its download
 * from a loopback server, the test reads the child's environment from /proc (Linux).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestInChildProcess } from '../../src/corpus/ingest/ingestInChildProcess';
import { useTempDirs } from './support/tempDir';

const tempDir = useTempDirs();

/** Environment of this process's live children whose command line names `entry`. */
function childEnvironments(entry: string): Array<Record<string, string>> {
  const found: Array<Record<string, string>> = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(entry)) continue;
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
      found.push(Object.fromEntries(env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])));
    } catch {
      // a process that ended meanwhile
    }
  }
  return found;
}

let server: Server | null = null;
const saved = { token: process.env.DISCORD_TOKEN, db: process.env.DATABASE_PATH };
afterEach(() => {
  server?.close();
  for (const [key, value] of [
    ['DISCORD_TOKEN', saved.token],
    ['DATABASE_PATH', saved.db],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe.runIf(process.platform === 'linux')('the ingest child process', () => {
  it('runs without the Discord token or the bot settings, with the system PATH', async () => {
    process.env.DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token-for-the-test';
    process.env.DATABASE_PATH = '/somewhere/else.db';
    const seen: Array<Array<Record<string, string>>> = [];
    server = createServer((_req, res) => {
      // The child is waiting for this answer: it is alive, its environment readable.
      seen.push(childEnvironments('ingestChild'));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dir = tempDir();
    const result = await ingestInChildProcess([`http://127.0.0.1:${port}/questions.json.zip`], {
      dbPath: `${dir}/q.db`,
      cacheDir: dir,
      now: new Date('2025-06-02T04:30:00Z'),
    });
    expect(result.pid).not.toBe(process.pid);
    expect(seen.flat()).toHaveLength(1);
    const env = seen.flat()[0]!;
    expect(env.DISCORD_TOKEN).toBeUndefined();
    expect(env.DATABASE_PATH).toBeUndefined();
    expect(Object.keys(env).filter((k) => /DISCORD|TOKEN|SECRET/i.test(k))).toEqual([]);
    expect(env.PATH).toBe(process.env.PATH);
  });
});
