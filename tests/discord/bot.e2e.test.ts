/**
 * End to end: the bot started through main() against the Discord fake (REST + gateway on 127.0.0.1), a real
 * SQLite corpus (seeds + generated + hand-made questions) and the real search service. The fake itself fails
 * the suite on any size-limit, allowed_mentions or 3 s acknowledgement violation (assertClean after each test).
 */
import { execFile } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import type { RunningApp } from '../../src/main';
import { longText, makeQuestion, REPO } from '../support/botCorpus';
import { componentsOf, FAKE_APP_ID, FAKE_GUILD_ID, FAKE_TOKEN, type DiscordFake } from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

const everyone = makeQuestion({
  number: 4242,
  legislature: 15,
  rubrique: 'numérique',
  teteAnalyse: 'réseaux sociaux',
  analyses: ['mentions @everyone'],
  question: {
    text: 'Mme Camille Dupont-Aignan signale que des messages « @everyone » et <@123456789012345678> circulent sur les plateformes de messagerie *sans* modération.',
    joDate: '2019-03-05',
    joPage: '2001',
  },
});
const longest = makeQuestion({
  number: 777,
  legislature: 15,
  analyses: ['tribunaux. '.repeat(30)],
  question: { text: longText(2500, 3), joDate: '2018-01-09', joPage: '100' },
  answer: { text: longText(6000, 5), joDate: '2019-01-08', joPage: '200' },
  status: 'answered',
  closure: { code: 'REP_PUB', label: 'Réponse publiée', date: '2019-01-08' },
});

let fake: DiscordFake;
let app: RunningApp;
let bot: BotOnCorpus;
const logLines: string[] = [];

function allText(embeds: APIEmbed[] | undefined, content?: string): string {
  return [
    content ?? '',
    ...(embeds ?? []).flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join('\n');
}

beforeAll(async () => {
  bot = await startBotOnCorpus({ corpus: { generated: 300, extra: [everyone, longest] }, bot: { logLines } });
  ({ fake, app } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

describe('the bot against the Discord fake', () => {
  it('logs in through the fake gateway within 5 s and never logs the token', () => {
    expect(app.client?.isReady()).toBe(true);
    expect(app.client?.application.id).toBe(FAKE_APP_ID);
    expect(fake.identifyCount).toBe(1);
    expect(app.startupMs).toBeLessThan(5000);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(FAKE_TOKEN);
  });

  it('registers the commands with the deploy script (guild scope)', async () => {
    // Asynchronous child: the fake answers from this very process.
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/deploy-commands.ts'],
        {
          cwd: REPO,
          env: {
            ...process.env,
            DISCORD_TOKEN: FAKE_TOKEN,
            DISCORD_API_URL: fake.apiUrl,
            DISCORD_GUILD_ID: FAKE_GUILD_ID,
            DISCORD_APPLICATION_ID: '',
          },
          encoding: 'utf8',
          timeout: 60_000,
        },
        (err, stdout, stderr) =>
          resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });
    expect(r.stderr).not.toContain(FAKE_TOKEN);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/commandes enregistrées sur le serveur/);
    expect(r.stdout).toContain('scope=applications.commands+bot');
    expect(r.stdout).toContain('integration_type=1&scope=applications.commands');
    const all = fake.commandsByScope.get(`guild:${FAKE_GUILD_ID}`) as Array<{
      type: number;
      name: string;
      name_localizations?: Record<string, string>;
    }>;
    // Slash commands (type 1); the message context menu of issue 13 (type 3) is deployed beside them.
    const registered = all.filter((c) => c.type === 1);
    expect(all.filter((c) => c.type === 3).map((c) => c.name)).toEqual(['Chercher des questions écrites']);
    expect(registered.map((c) => c.name).sort()).toEqual(app.registry.commands.map((c) => c.name).sort());
    expect(registered.find((c) => c.name === 'recherche')?.name_localizations?.['en-US']).toBe('search');
  });

  it('answers /recherche with linked results and bold matches, as the interaction response itself', async () => {
    const res = await fake.command('recherche', { texte: 'cybercriminalité', legislature: 14 }, { userId: freshUser() })
      .done;
    expect(res.callbackType).toBe(4);
    expect(res.ephemeral).toBe(false);
    const embed = res.message.embeds[0];
    expect(embed?.title).toContain('cybercriminalité');
    const text = allText(res.message.embeds);
    expect(text).toContain(
      '[n° 50862 (14e lég.)](https://www.assemblee-nationale.fr/dyn/14/questions/QANR5L14QE50862)',
    );
    expect(text).toMatch(/\*\*cybercriminalit[ée]\*\*/i);
    expect(res.body.allowed_mentions).toEqual({ parse: [] });
    const select = componentsOf(res.message).find((c) => c.type === 3);
    expect(select).toBeDefined();
  });

  it('answers an autocomplete with deputies from the corpus ("tard" -> M. Lionel Tardy)', async () => {
    const res = await fake.autocomplete('depute', { nom: 'tard' }, 'nom', { userId: freshUser() }).done;
    expect(res.callbackType).toBe(8);
    expect(res.choices[0]?.value).toBe('M. Lionel Tardy');
  });

  it('turns the page with a button and updates the same message', async () => {
    const user = freshUser();
    const first = await fake.command('recherche', { texte: 'ministre', legislature: 16 }, { userId: user }).done;
    const next = componentsOf(first.message).find((c) => c.type === 2 && c.label?.includes('suivante'));
    expect(next?.custom_id).toBeDefined();
    const nextId = next?.custom_id as string;
    const second = await fake.button(first.message, nextId, { userId: user }).done;
    expect([6, 7]).toContain(second.callbackType);
    expect(second.message.id).toBe(first.message.id);
    expect(second.message.embeds[0]?.description).toMatch(/page 2\//);
    expect(second.message.embeds[0]?.fields?.[0]?.name).toMatch(/^6\. /);
  });

  it('opens one result in full from the select menu, only for the caller', async () => {
    const user = freshUser();
    const first = await fake.command('recherche', { texte: 'cybercriminalité', legislature: 14 }, { userId: user })
      .done;
    const select = componentsOf(first.message).find((c) => c.type === 3);
    const res = await fake.select(first.message, select?.custom_id ?? '', ['QANR5L14QE50862'], { userId: user }).done;
    expect(res.ephemeral).toBe(true);
    expect(res.message.embeds[0]?.title).toContain('n° 50862');
  });

  it('answers /question on an unknown number with an ephemeral French error', async () => {
    const res = await fake.command('question', { numero: 999_999, legislature: 14 }, { userId: freshUser() }).done;
    expect(res.ephemeral).toBe(true);
    expect(Number(res.message.flags) & 64).toBe(64);
    expect(res.message.content).toContain('Aucune question écrite n° 999999');
  });

  it('shows corpus text containing @everyone without pinging anyone', async () => {
    const res = await fake.command('question', { numero: 4242, legislature: 15 }, { userId: freshUser() }).done;
    const text = allText(res.message.embeds, res.message.content);
    expect(text).toContain('everyone');
    expect(text).not.toMatch(/@everyone/);
    expect(text).not.toMatch(/<@\d+>/);
    expect(res.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('fits the longest question and answer within Discord limits, with a link to the rest', async () => {
    const res = await fake.command('question', { numero: 777, legislature: 15 }, { userId: freshUser() }).done;
    const text = allText(res.message.embeds);
    expect(text).toContain("Lire la suite sur le site de l'Assemblée");
    expect(res.message.embeds).toHaveLength(2);
  });

  it('refuses a date that does not exist, ephemerally', async () => {
    const res = await fake.command('recherche', { texte: 'internet', depuis: '31/02/2024' }, { userId: freshUser() })
      .done;
    expect(res.ephemeral).toBe(true);
    expect(res.message.content).toContain('Date impossible');
  });

  it('answers /depute, /ministere, /stats, /aide and /similaires within limits', async () => {
    for (const [name, options] of [
      ['depute', { nom: 'tardy' }],
      ['ministere', { nom: 'justice' }],
      ['stats', {}],
      ['aide', {}],
      ['similaires', { numero: 50862, legislature: 14 }],
    ] as const) {
      const res = await fake.command(name, options, { userId: freshUser() }).done;
      expect(res.message.embeds.length, name).toBeGreaterThan(0);
    }
  });

  it('slows down a user who floods, politely and only for them', async () => {
    const user = freshUser();
    const results = await Promise.all(
      Array.from({ length: 7 }, () => fake.command('stats', {}, { userId: user }).done),
    );
    const refused = results.filter((r) => r.message.content.startsWith('Doucement'));
    expect(refused.length).toBe(2);
    expect(refused.every((r) => r.ephemeral)).toBe(true);
    const other = await fake.command('stats', {}, { userId: freshUser() }).done;
    expect(other.message.content).not.toMatch(/Doucement/);
  });
});
