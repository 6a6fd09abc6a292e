/**
 * `npm run ingest -- <fichier | dossier | archive.zip | URL> [...] [--db chemin] [--cache dossier] [--json] [--no-progress]`
 *
 * Prints the summary in French (or JSON with --json, including the peak RSS). Exit code 1 only when nothing at
 * all could be read (every input rejected or unreachable), 0 otherwise.
 * Test hooks (environment): INGEST_BATCH_SIZE, INGEST_PAUSE_AFTER_BATCH_MS.
 */
import { parseArgs } from 'node:util';
import { formatSummary, ingest } from '../src/corpus/ingest';
import { defaultDatabasePath, openStore } from '../src/store/openStore';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    cache: { type: 'string' },
    json: { type: 'boolean', default: false },
    'no-progress': { type: 'boolean', default: false },
  },
});

if (positionals.length === 0) {
  console.error('Usage : npm run ingest -- <fichier | dossier | archive.zip | URL> [...] [--db chemin] [--json]');
  process.exit(1);
}

const positiveInt = (v: string | undefined) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
const dbPath = values.db ?? defaultDatabasePath();
const store = openStore(dbPath);
try {
  const batchSize = positiveInt(process.env.INGEST_BATCH_SIZE);
  const pause = positiveInt(process.env.INGEST_PAUSE_AFTER_BATCH_MS);
  const summary = await ingest(positionals, {
    store,
    now: new Date(),
    log: (line) => console.error(line),
    progress: !values['no-progress'] && !values.json,
    ...(values.cache ? { cacheDir: values.cache } : {}),
    ...(batchSize ? { batchSize } : {}),
    ...(pause ? { pauseAfterBatchMs: pause } : {}),
  });
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  if (values.json) {
    console.log(JSON.stringify({ ...summary, database: dbPath, maxRssBytes }));
  } else {
    console.log(`Base : ${dbPath}`);
    console.log(formatSummary(summary));
    console.log(`Mémoire maximale (RSS) : ${Math.round(maxRssBytes / 1024 / 1024)} Mo`);
  }
  const nothingRead = summary.inputs.every((i) => i.status === 'error');
  process.exitCode = nothingRead ? 1 : 0;
} finally {
  store.close();
}
