/**
 * A child process around the real digest code, for crash tests: `refresh` then/or `tick`, against the Discord
 * fake's REST (posting through discord.js REST, as the bot does), with an injected clock. The test kills it
 * from outside (SIGKILL when the fake receives a chosen POST), or, for a refresh, from a trigger on the events
 * table that this test harness installs (the production code has no crash point).
 *
 * Environment:
 *   DIGEST_DB            database path
 *   DIGEST_STEPS         comma list of "refresh" and "tick", run in order
 *   DIGEST_NOW           ISO clock of the run
 *   DIGEST_API_URL       the fake's REST base (".../api")
 *   DIGEST_REFRESH_URL   archive URL for "refresh"
 *   DIGEST_CRASH_AT      "refresh_events:N" (SIGKILL inside the ingest transaction that inserts the Nth new event)
 */
import { REST } from 'discord.js';
import { DigestRepository } from '../../../src/digest/DigestRepository';
import { DigestService } from '../../../src/digest/DigestService';
import { restPoster } from '../../../src/digest/poster';
import { runRefresh } from '../../../src/digest/refresh';
import { openStore } from '../../../src/store/openStore';
import { FAKE_TOKEN } from '../../support/discordFake';

const env = (k: string): string => {
  const v = process.env[k];
  if (v === undefined) throw new Error(`missing ${k}`);
  return v;
};

const store = openStore(env('DIGEST_DB'));
const now = new Date(env('DIGEST_NOW'));
const [crashName = '', crashNth = '0'] = (process.env.DIGEST_CRASH_AT ?? '').split(':');
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

if (crashName === 'refresh_events') {
  const base = store.maxEventId();
  store.db.function('crash_now', () => die());
  store.db.exec(
    `CREATE TEMP TRIGGER crash_refresh AFTER INSERT ON events WHEN NEW.id >= ${base + Number(crashNth)} BEGIN SELECT crash_now(); END`,
  );
}

const service = new DigestService({ corpus: store, repo: new DigestRepository(store.db) });
const rest = new REST({
  api: env('DIGEST_API_URL'),
  retries: 0,
  globalRequestsPerSecond: Number.POSITIVE_INFINITY,
  timeout: 5000,
}).setToken(FAKE_TOKEN);
const poster = restPoster(rest, () => null);

for (const step of env('DIGEST_STEPS').split(',')) {
  if (step === 'refresh') {
    const outcome = await runRefresh({
      store,
      url: env('DIGEST_REFRESH_URL'),
      now,
      batchSize: 40,
      cacheDir: `${env('DIGEST_DB')}.cache`,
    });
    console.log(JSON.stringify({ step, ok: outcome.ok, message: outcome.message }));
  } else if (step === 'tick') {
    const report = await service.tick(poster, () => now, { sleep: async () => {} });
    console.log(JSON.stringify({ step, report }));
  }
}
store.close();
