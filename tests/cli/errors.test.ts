/**
 * The CLI answers an error through the same error-to-reply function as Discord and the console: a UserError
 * thrown by the command's own logic is its French message (exit 1), not « Erreur inattendue »; anything else is
 * logged and answered with the bot's generic message (exit 2).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERIC_ERROR } from '../../src/present/handleInvocation';
import { buildCorpus, tempDir } from '../support/botCorpus';
import { campaignCorpus } from '../support/campaignCorpus';
import { runCliText } from '../support/cliRun';

let tmp: ReturnType<typeof tempDir>;
let dbPath: string;

beforeAll(async () => {
  tmp = tempDir();
  dbPath = path.join(tmp.dir, 'questions.db');
  // The campaigns' corpus, its campaigns never computed: asking for them is the user's problem, not a bug.
  const store = await buildCorpus({ dbPath, seeds: false, extra: campaignCorpus() });
  store.close();
});

afterAll(() => tmp?.cleanup());

const cli = (...argv: string[]) => runCliText([...argv, '--db', dbPath]);

describe('npm run cli errors', () => {
  it('a UserError thrown by a command’s logic prints its French message with exit code 1', async () => {
    const r = await cli('demander', 'quelles campagnes sur la télémédecine ?');
    expect(r.err).toContain('Les campagnes ne sont pas encore calculées sur ce bot.');
    expect(r.err).not.toContain('Erreur inattendue');
    expect(r.code).toBe(1);
  });

  it('an unexpected error (a database file that is not SQLite) is logged, answered generically, exit code 2', async () => {
    const broken = path.join(tmp.dir, 'pas-une-base.db');
    writeFileSync(
      broken,
      'ceci n’est pas une base SQLite, mais un texte assez long pour en occuper la place.\n'.repeat(50),
    );
    const r = await runCliText(['question', '14-1', '--db', broken]);
    expect(r.code).toBe(2);
    // The log line (with the cause) first, then the reply the bot would give.
    expect(r.err).toMatch(/command failed[\s\S]*not a database[\s\S]*\n❌ /);
    expect(r.err.endsWith(`❌ ${GENERIC_ERROR}`)).toBe(true);
  });
});
