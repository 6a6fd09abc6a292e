/**
 * `npm run ingest -- <fichier | dossier | archive.zip | URL> [...] [--db chemin] [--cache dossier] [--batch-size N]
 *   [--json] [--no-progress]`
 *
 * Prints the summary in French (or JSON with --json, including the peak RSS). Exit code 1 only when nothing at
 * all could be read (every input rejected or unreachable), 0 otherwise.
 */
import dotenv from 'dotenv';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { updateCampaigns } from '../src/campaigns/updateCampaigns';
import { configOrExit } from '../src/config';
import { formatSummary, ingest } from '../src/corpus/ingest';
import { openStore } from '../src/store/openStore';

dotenv.config({ quiet: true });

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    cache: { type: 'string' },
    'batch-size': { type: 'string' },
    json: { type: 'boolean', default: false },
    'no-progress': { type: 'boolean', default: false },
  },
});

if (positionals.length === 0) {
  console.error(
    'Usage : npm run ingest -- <fichier | dossier | archive.zip | URL> [...] [--db chemin] [--batch-size N] [--json]',
  );
  process.exit(1);
}
const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
  console.error(`Option --batch-size : entier positif attendu, reçu « ${values['batch-size']} ».`);
  process.exit(1);
}

const config = configOrExit(process.env);

const dbPath = values.db ?? config.databasePath;
const store = openStore(dbPath);
try {
  const summary = await ingest(positionals, {
    store,
    now: new Date(),
    log: (line) => console.error(line),
    progress: !values['no-progress'] && !values.json,
    cacheDir: values.cache ?? path.join(path.dirname(dbPath), 'cache'),
    ...(batchSize ? { batchSize } : {}),
  });
  updateCampaigns(store, (line) => console.error(line));
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
