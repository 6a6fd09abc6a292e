import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest';
import { GENERIC_ERROR } from '../../src/present/handleInvocation';
import { openStore } from '../../src/store/openStore';
import { FIXTURES, REPO, SEEDS } from '../ingest/support/cloneCorpus';
import { useTempDirs } from '../ingest/support/tempDir';
import { runCliText } from '../support/cliRun';

const tempDir = useTempDirs();
let db: string;
let shared: string;

beforeAll(async () => {
  shared = mkdtempSync(path.join(tmpdir(), 'qe-cli-'));
  db = path.join(shared, 'q.db');
  const store = openStore(db);
  await ingest([SEEDS, FIXTURES], { store, now: new Date('2025-03-04T08:00:00Z') });
  store.close();
});
afterAll(() => rmSync(shared, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCliText([...argv, '--db', db]);

describe('npm run cli -- question', () => {
  it('renders a question in French: title, author, ministries, dates, status, texts and link', async () => {
    const r = await cli('question', '14-50862');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Question écrite n° 50862 (Assemblée nationale, 14e législature) — QANR5L14QE50862');
    expect(r.out).toContain('Auteur : M. Lionel Tardy, député (Les Républicains) — Haute-Savoie, 2e circonscription');
    expect(r.out).toContain('Ministère interrogé : Justice');
    expect(r.out).toContain('Question publiée au JO le 25 février 2014, page 1736');
    expect(r.out).toMatch(/Réponse publiée au JO le \d/);
    expect(r.out).toContain('Statut : répondue');
    expect(r.out).toContain('Ainsi ce sont 20 % des demandes');
    expect(r.out).toContain('Lien : https://www.assemblee-nationale.fr/dyn/14/questions/QANR5L14QE50862');
  });

  it('shows the history of ministries of a transferred question and a pending status', async () => {
    const r = await cli('question', 'QANR5L16QE1235');
    expect(r.out).toContain('Historique des attributions :');
    expect(r.out).toMatch(/ - 8 novembre 2022 : Organisation territoriale et professions de santé/);
    expect(r.out).toContain('Statut : en attente de réponse');
    expect(r.out).not.toContain('Texte de la réponse');
  });

  it('shows the closure label of a withdrawn question', async () => {
    const r = await cli('question', '16-1236');
    expect(r.out).toMatch(/Statut : close sans réponse \(Retirée/);
  });

  it('prints the stored record with --json', async () => {
    const r = await cli('question', '14-60080', '--json');
    const store = openStore(db);
    expect(JSON.parse(r.out)).toEqual(store.getQuestion('QANR5L14QE60080'));
    store.close();
  });

  it('finds a bare number when one legislature has it, and asks which one otherwise', async () => {
    expect((await cli('question', '1235')).out).toContain('QANR5L16QE1235');
    const store = openStore(db);
    const q = store.getQuestion('QANR5L16QE1235')!;
    store.upsertQuestions([{ ...q, uid: 'QANR5L17QE1235', legislature: 17 }], { seenAt: '2025-03-04T08:00:00Z' });
    store.close();
    const r = await cli('question', '1235');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Plusieurs questions portent le numéro 1235 : 17-1235, 16-1235');
  });

  it('answers an unknown number with a French message and exit code 1', async () => {
    const r = await cli('question', '14-999999');
    expect(r.code).toBe(1);
    // The reply the bot gives, through the same error-to-reply function.
    expect(r.err).toBe('⚠️ Aucune question « 14-999999 » dans la base.');
    expect((await cli('question', 'n’importe quoi')).err).toMatch(/^⚠️ Référence non reconnue/);
  });
});

describe('npm run cli -- stats and the registry', () => {
  it('counts by legislature, type and status with the newest date and last ingest', async () => {
    const r = await cli('stats');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Questions : 1[34]\n/);
    expect(r.out).toContain('  14e : 7 (');
    expect(r.out).toContain('Question écrite : ');
    expect(r.out).toContain('Question la plus récente : ');
    expect(r.out).toContain('Dernière ingestion : 4 mars 2025 à 08:00 UTC');
  });

  it('rejects an unknown subcommand in French and lists the known ones', async () => {
    const r = await cli('recherche-magique');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Commande inconnue : « recherche-magique »');
    expect(r.err).toContain('question <législature-numéro | uid> [--chambre an|senat] [--json]');
  });
});

// The CLI answers an error through the same error-to-reply function as Discord and the console.
describe('npm run cli errors', () => {
  it('a UserError thrown by a command’s logic prints its French message with exit code 1', async () => {
    // This database's campaigns were never computed: asking for them is the user's problem, not a bug.
    const r = await cli('demander', 'quelles campagnes sur les prisons ?');
    expect(r.err).toContain('Les campagnes ne sont pas encore calculées sur ce bot.');
    expect(r.err).not.toContain('Erreur inattendue');
    expect(r.code).toBe(1);
  });

  it('an unexpected error (a database file that is not SQLite) is logged, answered generically, exit code 2', async () => {
    const broken = path.join(tempDir(), 'pas-une-base.db');
    writeFileSync(broken, 'ceci n’est pas une base SQLite, mais un texte qui en occupe la place.\n'.repeat(50));
    const r = await runCliText(['question', '14-1', '--db', broken]);
    expect(r.code).toBe(2);
    // The log line (with the cause) first, then the reply the bot would give.
    expect(r.err).toMatch(/command failed[\s\S]*not a database[\s\S]*\n❌ /);
    expect(r.err.endsWith(`❌ ${GENERIC_ERROR}`)).toBe(true);
  });
});

describe('scripts (child processes)', () => {
  const tsx = (script: string, args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', script), ...args], {
      cwd: REPO,
      encoding: 'utf8',
    });

  it('npm run cli exits 1 on an unknown question and 0 on a known one', () => {
    expect(tsx('cli.ts', ['question', '14-1', '--db', db]).status).toBe(1);
    const ok = tsx('cli.ts', ['question', '14-50862', '--db', db]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('M. Lionel Tardy');
  });

  it('npm run ingest exits 1 only when nothing at all could be read', () => {
    const dir = tempDir();
    const junk = path.join(dir, 'junk.bin');
    writeFileSync(junk, Buffer.alloc(64, 0));
    const target = path.join(dir, 'i.db');
    const bad = tsx('ingest.ts', [junk, path.join(dir, 'absent'), '--db', target, '--no-progress']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('Rejets : 2');
    const mixed = tsx('ingest.ts', [junk, path.join(FIXTURES, 'QANR5L17QE502.json'), '--db', target, '--no-progress']);
    expect(mixed.status).toBe(0);
    expect(mixed.stdout).toContain('Questions : 1 nouvelles');
  });

  it('the bot and every script report a bad configuration the same way: the problem on stderr, exit code 1', () => {
    const runs: [string, ...string[]][] = [
      ['src/main.ts'],
      ['scripts/deploy-commands.ts'],
      ['scripts/refresh.ts'],
      ['scripts/ingest.ts', FIXTURES],
    ];
    for (const [script, ...args] of runs) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, script), ...args], {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'bavard', DISCORD_TOKEN: '' },
      });
      expect({ script, status: run.status, stderr: run.stderr.trim() }).toEqual({
        script,
        status: 1,
        stderr:
          "Configuration invalide :\n- LOG_LEVEL doit valoir l'un de fatal, error, warn, info, debug, trace, silent, reçu « bavard ».",
      });
    }
  });

  it("npm run cli -- demander on another database keeps its index beside that database, not in the bot's data/index", () => {
    // The bot's folder: the default configuration puts its index at data/index (beside data/questions.db).
    const botDir = tempDir();
    const botIndex = path.join(botDir, 'data', 'index');
    mkdirSync(botIndex, { recursive: true });
    writeFileSync(path.join(botIndex, 'manifest.json'), '{"bot":true}');
    const otherDir = tempDir();
    const other = path.join(otherDir, 'autre.db');
    copyFileSync(db, other);
    const { INDEX_DIR: _i, DATABASE_PATH: _d, ...env } = process.env;
    const tsxLoader = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        tsxLoader,
        path.join(REPO, 'scripts', 'cli.ts'),
        'demander',
        'questions sur les prisons',
        '--db',
        other,
      ],
      { cwd: botDir, encoding: 'utf8', env },
    );
    expect(run.stderr).not.toContain('Erreur');
    expect(run.status).toBe(0);
    expect(readdirSync(botIndex)).toEqual(['manifest.json']);
    expect(readdirSync(path.join(otherDir, 'index'))).toContain('manifest.json');
  });
});
