/**
 * `npm run bench -- --only bot --sizes 100000` (or `tsx scripts/bench/bot.ts --count 100000`)
 *
 * The bot runs with discord.js's production REST settings against the fake, which enforces Discord's rate limits
 * (global 50/s on bot routes, per-route buckets, 429s); a 429 counts as a failure of the run.
 *
 * Builds a generated corpus of --count questions in a temp SQLite file, starts the bot from its sources (tsx child
 * process) against the Discord fake, waits for the gateway and the search index, then injects 200 interactions
 * at once (searches, pages, questions, deputies, ministries, stats, autocompletes; one user each) and reports
 * the time from interaction to acknowledgement and to the final reply (p50/p99), the bot's memory and startup
 * times. Writes bench-results/bot-<count>.json. Exit code 1 when an acknowledgement exceeded 3 s or the fake
 * recorded a violation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCorpus, REPO, tempDir } from '../../tests/support/botCorpus';
import { FAKE_TOKEN, startDiscordFake } from '../../tests/support/discordFake';
import { percentile, runLoad } from '../../tests/support/loadScenario';
import { spawnBot } from '../../tests/support/spawnBot';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    interactions: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const interactions = Number(values.interactions);

const tmp = tempDir('bench-bot-');
const dbPath = path.join(tmp.dir, 'questions.db');
const log = (s: string): void => void process.stdout.write(`${s}\n`);

let t = performance.now();
const store = await buildCorpus({ dbPath, generated: count });
const corpusSize = store.count();
store.close();
const corpusBuildMs = Math.round(performance.now() - t);
log(`corpus : ${corpusSize.toLocaleString('fr-FR')} questions en ${(corpusBuildMs / 1000).toFixed(1)} s`);

const fake = await startDiscordFake();
t = performance.now();
const bot = spawnBot({
  DISCORD_TOKEN: FAKE_TOKEN,
  DISCORD_API_URL: fake.apiUrl,
  DATABASE_PATH: dbPath,
  INDEX_DIR: path.join(tmp.dir, 'index'),
  LOG_LEVEL: 'info',
});
let exitCode = 0;
try {
  await fake.waitForReady(120_000);
  const connectMs = Math.round(performance.now() - t);
  log(`connecté au faux Discord en ${connectMs} ms`);
  const ready = await bot.waitForLog('index: ready', 1_800_000);
  const indexReadyMs = Math.round(performance.now() - t);
  const rssIdleMb = bot.rssMb();
  log(`index prêt en ${(indexReadyMs / 1000).toFixed(1)} s (${String(ready.origin)}), RSS ${rssIdleMb} Mo`);

  const runs = [];
  for (let round = 0; round < 3; round++) {
    const res = await runLoad(fake, interactions, 700_000_000_000_000_000n + BigInt(round * 10_000));
    runs.push(res);
    log(
      `tour ${round + 1} : ${interactions} interactions, accusé de réception p50 ${percentile(res.ackMs, 50)} ms / p99 ${percentile(res.ackMs, 99)} ms / max ${Math.max(...res.ackMs)} ms ; réponse finale p50 ${percentile(res.replyMs, 50)} ms / p99 ${percentile(res.replyMs, 99)} ms ; ${res.direct} en une requête, ${res.deferred} différées ; erreurs ${res.errors.length}`,
    );
    await new Promise((r) => setTimeout(r, 11_000)); // past the flood window
  }
  const all = { ack: runs.flatMap((r) => r.ackMs), reply: runs.flatMap((r) => r.replyMs) };
  const result = {
    bench: 'bot',
    count: corpusSize,
    interactionsPerRound: interactions,
    rounds: runs.length,
    corpusBuildMs,
    connectMs,
    indexReadyMs,
    indexOrigin: ready.origin,
    ackMs: { p50: percentile(all.ack, 50), p99: percentile(all.ack, 99), max: Math.max(...all.ack) },
    replyMs: { p50: percentile(all.reply, 50), p99: percentile(all.reply, 99), max: Math.max(...all.reply) },
    perRound: runs.map((r) => ({
      ackP50: percentile(r.ackMs, 50),
      ackP99: percentile(r.ackMs, 99),
      replyP50: percentile(r.replyMs, 50),
      replyP99: percentile(r.replyMs, 99),
      direct: r.direct,
      deferred: r.deferred,
      wallMs: r.wallMs,
      errors: r.errors.length,
    })),
    /** discord.js runs with its production REST settings; the fake enforces Discord's rate limits. */
    rest: 'production (discord.js defaults: 50 requests/s global, per-route buckets, 3 retries)',
    rateLimited: fake.rateLimited.length,
    botRssMb: { idle: rssIdleMb, afterLoad: bot.rssMb() },
    violations: fake.violations.slice(0, 20),
    errors: runs.flatMap((r) => r.errors).slice(0, 20),
    node: process.version,
    at: new Date().toISOString(),
  };
  mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
  const out = path.join(REPO, 'bench-results', `bot-${count}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`résultats : ${path.relative(REPO, out)}`);
  if (
    result.ackMs.max >= 3000 ||
    fake.violations.length > 0 ||
    result.errors.length > 0 ||
    fake.rateLimited.length > 0
  ) {
    log(
      `ÉCHEC : accusé max ${result.ackMs.max} ms, ${fake.violations.length} violation(s), ${result.errors.length} erreur(s), ${fake.rateLimited.length} réponse(s) 429`,
    );
    exitCode = 1;
  }
} catch (e) {
  log(`ÉCHEC : ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 1;
} finally {
  await bot.stop();
  await fake.close();
  if (!values.keep) tmp.cleanup();
}
process.exit(exitCode);
