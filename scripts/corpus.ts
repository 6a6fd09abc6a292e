/**
 * `npm run corpus -- officiel [--chambres an,senat] [--legislatures 14,15,16,17 | 8-17] [--sans-deputes] [--db chemin]
 * [--cache dossier] [--json]`
 *
 * Downloads and ingests every official written-question archive of the chosen legislatures and the deputies'
 * history (AMO30), from OPENDATA_URL (see src/corpus/official), and the Sénat's questions of the same legislatures
 * from SENAT_URL. Exit code 0 when every archive was loaded or unchanged, 1 when one failed (the others are still
 * loaded) or the disk is too small, 2 on a usage error.
 */
import dotenv from 'dotenv';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { updateCampaigns } from '../src/campaigns/updateCampaigns';
import { configOrExit } from '../src/config';
import { parseCorpusChoice } from '../src/corpus/official/corpusArgs';
import { formatOfficialReport } from '../src/corpus/official/formatOfficialReport';
import { loadOfficialCorpus, NotEnoughDiskError } from '../src/corpus/official/loadOfficialCorpus';
import { openStore } from '../src/store/openStore';

dotenv.config({ quiet: true });

const USAGE =
  'Usage : npm run corpus -- officiel [--chambres an,senat] [--legislatures 14,15,16,17 | 8-17] [--sans-deputes] [--db chemin] [--cache dossier] [--json]';

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      legislatures: { type: 'string' },
      chambres: { type: 'string' },
      'sans-deputes': { type: 'boolean', default: false },
      db: { type: 'string' },
      cache: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-progress': { type: 'boolean', default: false },
    },
  });
} catch (err) {
  usage(`Option invalide : ${err instanceof Error ? err.message : String(err)}`);
}
const { values, positionals } = parsed;
if (positionals[0] !== 'officiel' || positionals.length !== 1) usage('Une seule sous-commande : officiel.');

const choice = parseCorpusChoice(values.chambres, values.legislatures);
if (!choice.ok) usage(choice.problem);
const { chambers, legislatures } = choice;

const config = configOrExit(process.env);

const dbPath = values.db ?? config.databasePath;
const store = openStore(dbPath);
try {
  const started = performance.now();
  const report = await loadOfficialCorpus({
    store,
    baseUrl: config.openDataUrl,
    legislatures,
    chambers,
    senatUrl: config.senatUrl,
    withDeputies: !values['sans-deputes'],
    cacheDir: values.cache ?? path.join(path.dirname(dbPath), 'cache'),
    now: new Date(),
    log: (line) => console.error(line),
    progress: !values.json && !values['no-progress'],
    opsLog: (line) => console.error(line),
  });
  updateCampaigns(store, (line) => console.error(line));
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const failed = report.archives.filter((a) => a.status === 'error');
  if (values.json) {
    console.log(
      JSON.stringify({ ...report, database: dbPath, wallMs: Math.round(performance.now() - started), maxRssBytes }),
    );
  } else {
    const sources = [
      chambers.includes('an') ? config.openDataUrl : null,
      chambers.includes('senat') ? config.senatUrl : null,
    ];
    console.log(`Base : ${dbPath} (sources : ${sources.filter((s) => s !== null).join(', ')})`);
    console.log(formatOfficialReport(report));
  }
  process.exitCode = failed.length > 0 ? 1 : 0;
} catch (err) {
  if (err instanceof NotEnoughDiskError) {
    console.error(err.message);
    process.exitCode = 1;
  } else throw err;
} finally {
  store.close();
}
