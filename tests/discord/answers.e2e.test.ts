/**
 * End to end, the bot through main() against the Discord fake (real discord.js client, production REST settings,
 * rate-limited fake): what each answer says and how it is sent. Queries with nothing to search, input errors that
 * must be ephemeral from the very first response (no public deferral first), the wording of similar questions, and
 * /question on a question whose heading is huge. The console twin and the CLI are checked on the same corpus.
 */
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/main';
import { createConsoleSession } from '../../src/console/consoleTwin';
import { longText, makeQuestion, REPO } from '../support/botCorpus';
import {
  componentsOf,
  type DiscordFake,
  type InjectedInteraction,
  type InteractionResult,
} from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

/** A question whose heading (rubrique / tête d'analyse / analyses) alone would fill an embed. */
const heavy = makeQuestion({
  number: 8100,
  legislature: 15,
  rubrique: 'administration',
  teteAnalyse: 'fonctionnement des services publics déconcentrés et décentralisés dans les territoires',
  analyses: Array.from({ length: 120 }, (_, i) => `analyse numéro ${i + 1} des moyens`),
  question: { text: `QUESTION-DEBUT ${longText(2500, 11)}`, joDate: '2019-02-05', joPage: '1000' },
  answer: {
    text: `REPONSE-DEBUT ${'Le Gouvernement rappelle les règles applicables. '.repeat(1224)}`.slice(0, 60_000),
    joDate: '2019-09-10',
    joPage: '2000',
  },
  status: 'answered',
  closure: { code: 'REP_PUB', label: 'Réponse publiée', date: '2019-09-10' },
});

let fake: DiscordFake;
let app: RunningApp;
let bot: BotOnCorpus;

beforeAll(async () => {
  bot = await startBotOnCorpus({ corpus: { generated: 300, extra: [heavy] } });
  ({ fake, app } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

/** The interaction was answered by ONE ephemeral interaction response, nothing before or after it. */
async function ephemeralFromTheStart(i: InjectedInteraction): Promise<InteractionResult> {
  const res = await i.done;
  expect(res.callbackType, 'first response').toBe(4);
  expect(Number((res.body as { flags?: number }).flags ?? 0) & 64, 'ephemeral flag on the first response').toBe(64);
  expect(fake.requestsOf(i).map((r) => `${r.method} ${r.path.replace(/\/\d+\/[^/]+/, '/…')}`)).toEqual([
    'POST /api/v10/interactions/…/callback',
  ]);
  return res;
}

describe('a query with nothing to search', () => {
  it.each(['de', 'le la les', '???', '☃', '😀🎉'])(
    '« %s » gets a French ephemeral error saying why and what to type',
    async (texte) => {
      const i = fake.command('recherche', { texte }, { userId: freshUser() });
      const res = await ephemeralFromTheStart(i);
      expect(res.message.content).toContain('Aucun mot cherchable');
      expect(res.message.content).toMatch(/ne contient (ni lettre ni chiffre|que des mots trop courants)/);
      expect(res.message.content).toContain('tapez au moins un mot');
      expect(res.message.embeds).toHaveLength(0);
    },
  );

  it('is refused the same way by the console twin', async () => {
    const session = createConsoleSession({
      registry: app.registry,
      deps: app.deps,
      input: new PassThrough(),
      output: new PassThrough(),
    });
    try {
      const out = await session.handleLine('/recherche texte:le la les');
      expect(out).toContain('(visible seulement par vous)');
      expect(out).toContain('Aucun mot cherchable : « le la les »');
      expect(out).not.toMatch(/résultats? ·/);
    } finally {
      session.close();
    }
  });

  it('is refused by `npm run cli -- search`, with an error object and a non-zero exit under --json', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            '--import',
            'tsx',
            'scripts/cli.ts',
            'search',
            ...args,
            '--db',
            bot.dbPath,
            '--index-dir',
            path.join(bot.tmp.dir, 'cli-index'),
          ],
          { cwd: REPO, encoding: 'utf8', timeout: 120_000 },
          (err, stdout, stderr) =>
            resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
        );
      });
    const json = await run(['???', '--json']);
    expect(json.code).not.toBe(0);
    const parsed = JSON.parse(json.stdout) as { error?: { code?: string; message?: string } };
    expect(parsed.error?.code).toBe('aucun_mot_cherchable');
    expect(parsed.error?.message).toContain('Aucun mot cherchable : « ??? » ne contient ni lettre ni chiffre');
    const text = await run(['de']);
    expect(text.code).not.toBe(0);
    expect(text.stderr).toContain('Aucun mot cherchable : « de »');
    expect(text.stdout).not.toMatch(/question\(s\) trouvée/);
  }, 180_000);
});

describe('input errors are ephemeral from the first response', () => {
  it.each([
    ['recherche', { texte: 'internet', depuis: '31/02/2024' }, 'Date impossible'],
    ['recherche', { texte: 'internet', depuis: '2020-01-02', jusqua: '2020-01-01' }, 'postérieure'],
    ['depute', { nom: 'Zyxwvutsrq' }, 'Aucun député trouvé'],
    ['ministere', { nom: 'Zyxwvutsrq' }, 'Aucun ministère trouvé'],
    ['similaires', { numero: 999_999, legislature: 14 }, 'Aucune question écrite n° 999999'],
    ['question', { numero: 999_998 }, 'Aucune question écrite n° 999998'],
    ['suivre', { numero: 999_997 }, 'Aucune question écrite n° 999997'],
  ] as const)('/%s %j', async (name, options, message) => {
    const res = await ephemeralFromTheStart(fake.command(name, options, { userId: freshUser() }));
    expect(res.message.content).toContain(message);
  });

  it('even while other interactions are in flight (a burst used to defer everything publicly)', async () => {
    const busy = Array.from({ length: 6 }, () =>
      fake.command('recherche', { texte: 'ministre' }, { userId: freshUser() }),
    );
    const bad = fake.command('question', { numero: 999_996, legislature: 14 }, { userId: freshUser() });
    const res = await ephemeralFromTheStart(bad);
    expect(res.message.content).toContain('Aucune question écrite n° 999996');
    await Promise.all(busy.map((b) => b.done));
  });

  it('for buttons and menus too: expired result page, unknown question, expired deputy list', async () => {
    const user = freshUser; // one user per interaction: flood control stays out of the way
    const first = await fake.command('recherche', { texte: 'ministre', legislature: 16 }, { userId: user() }).done;
    const next = componentsOf(first.message).find((c) => c.type === 2 && c.label?.includes('suivante'));
    const expiredPage = (next?.custom_id ?? '').replace(/^rsp:[^:]+:/, 'rsp:AAAAAAAAAAAA:');
    const staleMessage = {
      ...first.message,
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: expiredPage }] }],
    } as typeof first.message;
    const page = await ephemeralFromTheStart(fake.button(staleMessage, expiredPage, { userId: user() }));
    expect(page.message.content).toContain('Cette recherche a expiré');

    const select = componentsOf(first.message).find((c) => c.type === 3);
    const gone = await ephemeralFromTheStart(
      fake.select(first.message, select?.custom_id ?? '', ['QANR5L99QE1'], { userId: user() }),
    );
    expect(gone.message.content).toContain("n'est plus dans la base");

    const q = await fake.command('question', { numero: 50862, legislature: 14 }, { userId: user() }).done;
    const similarMessage = {
      ...q.message,
      components: [
        { type: 1, components: [{ type: 2, style: 1, label: 'Questions similaires', custom_id: 'qsim:QANR5L99QE2' }] },
      ],
    } as typeof q.message;
    const qsim = await ephemeralFromTheStart(fake.button(similarMessage, 'qsim:QANR5L99QE2', { userId: user() }));
    expect(qsim.message.content).toContain("n'est plus dans la base");

    const dppMessage = {
      ...q.message,
      components: [
        { type: 1, components: [{ type: 2, style: 1, label: 'Page suivante', custom_id: 'dpp:AAAAAAAAAAAA:2:n' }] },
      ],
    } as typeof q.message;
    const dpp = await ephemeralFromTheStart(fake.button(dppMessage, 'dpp:AAAAAAAAAAAA:2:n', { userId: user() }));
    expect(dpp.message.content).toContain('Cette liste a expiré');
  });
});

describe('similar questions', () => {
  const WHAT = 'questions les plus proches par le sujet et le texte';
  const FALLBACK = 'Aucune question ne contient tous les mots';

  it('/similaires says what the list is, not the any-word fallback', async () => {
    const res = await fake.command('similaires', { numero: 50862, legislature: 14 }, { userId: freshUser() }).done;
    const description = res.message.embeds[0]?.description ?? '';
    expect(description).toContain(WHAT);
    expect(description).not.toContain(FALLBACK);
  });

  it('the « Questions similaires » button says so too, on its pages as well', async () => {
    const user = freshUser();
    const q = await fake.command('question', { numero: 50862, legislature: 14 }, { userId: user }).done;
    const button = componentsOf(q.message).find((c) => c.label === 'Questions similaires');
    const res = await fake.button(q.message, button?.custom_id ?? '', { userId: user }).done;
    expect(res.message.embeds[0]?.description).toContain(WHAT);
    expect(res.message.embeds[0]?.description).not.toContain(FALLBACK);
    const next = componentsOf(res.message).find((c) => c.type === 2 && c.label?.includes('suivante') && !c.disabled);
    if (next?.custom_id) {
      const page2 = await fake.button(res.message, next.custom_id, { userId: user }).done;
      expect(page2.message.embeds[0]?.description).toContain(WHAT);
    }
  });
});

describe('/question on a question with a huge heading and a 60,000-character answer', () => {
  it('caps the heading and keeps room for the question, its « Lire la suite » link and the answer', async () => {
    const res = await fake.command('question', { numero: 8100, legislature: 15 }, { userId: freshUser() }).done;
    const [first, answer] = res.message.embeds;
    const description = first?.description ?? '';
    const heading = description.split('\n\n')[0] ?? '';
    expect(heading.length).toBeLessThanOrEqual(300);
    expect(heading).toContain('administration');
    const questionPart = description.slice(heading.length);
    expect(questionPart).toContain('QUESTION-DEBUT');
    expect(questionPart.length).toBeGreaterThan(800);
    expect(questionPart).toContain(
      "[Lire la suite sur le site de l'Assemblée](https://www.assemblee-nationale.fr/dyn/15/questions/QANR5L15QE8100)",
    );
    expect(answer?.description).toContain('REPONSE-DEBUT');
    expect((answer?.description ?? '').length).toBeGreaterThan(1500);
    expect(answer?.description).toContain("[Lire la suite sur le site de l'Assemblée]");
  });
});
