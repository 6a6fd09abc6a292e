/**
 * `npm run refresh [-- --url URL] [--db chemin] [--cache dossier]`
 *
 * The scheduled refresh, by hand: downloads the live legislature's archive (REFRESH_URL by default) with a
 * conditional GET through the ingest and records the events the digests are built from. Digests themselves are
 * posted by the running bot at their hour. Exit code 1 when the download failed.
 */
import dotenv from 'dotenv';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configOrExit } from '../src/config';
import { runRefresh } from '../src/digest/refresh';
import { openStore } from '../src/store/openStore';

dotenv.config({ quiet: true });

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    db: { type: 'string' },
    cache: { type: 'string' },
  },
});

const config = configOrExit(process.env);

const dbPath = values.db ?? config.databasePath;
const url = values.url ?? config.refreshUrl;
const store = openStore(dbPath);
try {
  console.log(`Mise à jour depuis ${url}`);
  const outcome = await runRefresh({
    store,
    url,
    senatUrl: config.senatUrl,
    now: new Date(),
    cacheDir: values.cache ?? path.join(path.dirname(dbPath), 'cache'),
    ingestLog: (line) => console.error(line),
  });
  console.log(outcome.message);
  if (!outcome.ok && outcome.retryAt) {
    console.log(
      `Échecs consécutifs : ${outcome.failures}. Nouvel essai conseillé après ${outcome.retryAt.toLocaleString('fr-FR', { timeZone: config.timeZone })} (le bot en cours d’exécution réessaie de lui-même).`,
    );
  }
  process.exitCode = outcome.ok ? 0 : 1;
} finally {
  store.close();
}
