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
import { silentLogger } from '../src/digest/deliver';
import { createLiveLegislature } from '../src/digest/liveLegislature';
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
const store = openStore(dbPath);
try {
  // --url, else REFRESH_URL, else the live legislature the bot follows (as recorded in this database).
  const live = createLiveLegislature({
    store,
    openDataUrl: config.openDataUrl,
    fixedUrl: values.url ?? config.refreshUrl,
    log: silentLogger,
  });
  await live.discover();
  const { questions: url, before } = live.inputs();
  console.log(`Mise à jour depuis ${url}`);
  const outcome = await runRefresh({
    store,
    url,
    senatUrl: config.senatUrl,
    ...(before.length > 0 ? { before } : {}),
    now: new Date(),
    cacheDir: values.cache ?? path.join(path.dirname(dbPath), 'cache'),
    ingestLog: (line) => console.error(line),
  });
  console.log(outcome.message);
  if (outcome.ok) live.refreshed();
  if (!outcome.ok && outcome.retryAt) {
    console.log(
      `Échecs consécutifs : ${outcome.failures}. Nouvel essai conseillé après ${outcome.retryAt.toLocaleString('fr-FR', { timeZone: config.timeZone })} (le bot en cours d’exécution réessaie de lui-même).`,
    );
  }
  process.exitCode = outcome.ok ? 0 : 1;
} finally {
  store.close();
}
