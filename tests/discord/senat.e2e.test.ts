/**
 * End to end, both chambers (issue 18): the bot through main() against the Discord fake (real discord.js client), on a
 * corpus holding Assemblée and Sénat questions made by hand (tests/support/botCorpus.ts `makeSenatQuestion`).
 * /recherche with and without chambre, /question and /suivre on a Sénat reference, /senateur beside /depute,
 * /palmares side by side and for one chamber, /stats per chamber, a digest following the Sénat only, and the CSV's
 * chamber column.
 */
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../src/corpus/types';
import { QUESTION_COLUMNS } from '../../src/export/questionsCsv';
import type { RunningApp } from '../../src/main';
import { decodePng, parseCsv } from '../charts/support';
import { makeQuestion, makeSenatQuestion } from '../support/botCorpus';
import { componentsOf, FAKE_CHANNEL_ID, FAKE_GUILD_ID, type DiscordFake } from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

const MANAGER = String(2248473465835073n | 32n); // default test member + ManageGuild
const DIGEST_CH = '700000000000000031';

const sante = { name: 'Santé', fullName: 'Ministère de la santé', organeRef: null };
const justice = { name: 'Justice', fullName: 'Ministère de la justice', organeRef: null };

/** A question on medical deserts, in charge of Santé, published on `asked`, answered on `answered` (or pending). */
function desert(
  make: typeof makeQuestion,
  number: number,
  asked: string,
  answered: string | null,
  over: Partial<Question> = {},
): Question {
  return make({
    number,
    legislature: 16,
    rubrique: 'santé',
    teteAnalyse: 'désertification médicale',
    analyses: ['accès aux soins'],
    ministryAsked: sante,
    ministryAssigned: sante,
    ministryHistory: [{ ministry: sante, date: asked }],
    question: {
      text: `La désertification médicale des territoires ruraux inquiète (question ${number}).`,
      joDate: asked,
      joPage: '100',
    },
    answer: answered
      ? { text: 'Le Gouvernement renforce les maisons de santé.', joDate: answered, joPage: '200' }
      : null,
    status: answered ? 'answered' : 'pending',
    closure: answered ? { code: 'REP_PUB', label: 'Réponse publiée', date: answered } : null,
    ...over,
  });
}

function onJustice(make: typeof makeQuestion, number: number, asked: string, answered: string | null, over = {}) {
  return desert(make, number, asked, answered, {
    rubrique: 'justice',
    teteAnalyse: 'tribunaux',
    analyses: ['carte judiciaire'],
    ministryAsked: justice,
    ministryAssigned: justice,
    ministryHistory: [{ ministry: justice, date: asked }],
    question: { text: `La carte judiciaire des communes rurales (question ${number}).`, joDate: asked, joPage: '1' },
    ...over,
  });
}

const larcher = {
  name: 'M. Gérard Larcher',
  civility: 'M.',
  fullName: 'Gérard Larcher',
  acteurRef: null,
  mandatRef: null,
  group: { name: 'Les Républicains', abbrev: 'LR', organeRef: null },
  department: 'Yvelines',
  departmentNumber: '78',
  circonscription: null,
};

const CORPUS: Question[] = [
  // The Assemblée: Santé answers one in time and one late; Justice leaves one pending.
  desert(makeQuestion, 4132, '2023-01-10', '2023-02-20'),
  desert(makeQuestion, 4200, '2023-01-10', '2023-06-01'),
  onJustice(makeQuestion, 4201, '2023-01-12', null),
  // The Sénat: the same number 4132 (another question), Santé late, one pending to follow; Justice in time.
  desert(makeSenatQuestion, 4132, '2023-03-09', '2023-08-01'),
  desert(makeSenatQuestion, 4133, '2023-03-09', null),
  onJustice(makeSenatQuestion, 4134, '2023-03-16', '2023-04-20', { author: larcher }),
];

let fake: DiscordFake;
let app: RunningApp;
let bot: BotOnCorpus;
let clock = new Date('2025-06-02T10:00:00Z'); // a Monday

beforeAll(async () => {
  bot = await startBotOnCorpus({ corpus: { seeds: false, extra: CORPUS, now: clock }, bot: { clock: () => clock } });
  ({ fake, app } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

/** The second line of each hit field starts with the chamber's marker: « AN · [n° 4132 (16e lég.)](…) ». */
function hitMarks(message: APIMessage): string[] {
  return (message.embeds[0]?.fields ?? []).map((f) => f.value.split(' · ')[0] ?? '');
}

function allText(m: Pick<APIMessage, 'content' | 'embeds'>): string {
  return [
    m.content,
    ...m.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join('\n');
}

describe('/recherche over both chambers', () => {
  it('finds both chambers by default, each hit marked AN or Sénat, and one chamber with chambre', async () => {
    const both = await fake.command('recherche', { texte: 'désertification médicale' }, { userId: freshUser() }).done;
    expect(hitMarks(both.message).sort()).toEqual(['AN', 'AN', 'Sénat', 'Sénat']);
    const senat = await fake.command(
      'recherche',
      { texte: 'désertification médicale', chambre: 'senat' },
      { userId: freshUser() },
    ).done;
    expect(hitMarks(senat.message)).toEqual(['Sénat', 'Sénat']);
    expect(allText(senat.message)).toContain('senat.fr/questions/base/2023/qSEQ2303');
    const an = await fake.command(
      'recherche',
      { texte: 'désertification médicale', chambre: 'an' },
      { userId: freshUser() },
    ).done;
    expect(hitMarks(an.message)).toEqual(['AN', 'AN']);
  });

  it('exports the hits with a chambre column naming each one’s chamber', async () => {
    const user = freshUser();
    const res = await fake.command('recherche', { texte: 'désertification médicale' }, { userId: user }).done;
    const button = componentsOf(res.message).find((c) => c.label === 'Exporter (CSV)');
    const exp = await fake.button(res.message, button!.custom_id!, { userId: user, timeoutMs: 20_000 }).done;
    const csv = parseCsv(fake.attachmentData(exp.message, exp.message.attachments[0]!.filename));
    const col = QUESTION_COLUMNS.indexOf('chambre');
    expect(col).toBeGreaterThan(0);
    expect(csv.header[col]).toBe('chambre');
    const byUid = Object.fromEntries(csv.rows.map((r) => [r[0], r[col]]));
    expect(byUid).toEqual({
      QANR5L16QE4132: 'Assemblée nationale',
      QANR5L16QE4200: 'Assemblée nationale',
      QSENL16QE4132: 'Sénat',
      QSENL16QE4133: 'Sénat',
    });
  });
});

describe('a Sénat reference', () => {
  it('shows the Sénat’s n° 4132 with chambre:senat, the Assemblée’s without, with the author’s mandate and page', async () => {
    const senat = await fake.command(
      'question',
      { numero: 4132, legislature: 16, chambre: 'senat' },
      { userId: freshUser() },
    ).done;
    const card = senat.message.embeds[0]!;
    expect(card.title).toBe('Question écrite n° 4132 — Sénat, 16e législature');
    expect(card.url).toBe('https://www.senat.fr/questions/base/2023/qSEQ230304132.html');
    expect(card.fields?.find((f) => f.name === 'Auteur')?.value).toBe('Mme Nathalie Goulet, sénatrice (UC) — Orne');
    const link = componentsOf(senat.message).find((c) => c.url);
    expect(link?.label).toBe('Page du Sénat');
    const an = await fake.command('question', { numero: 4132, legislature: 16 }, { userId: freshUser() }).done;
    expect(an.message.embeds[0]!.title).toBe('Question écrite n° 4132 — Assemblée nationale, 16e législature');
    expect(an.message.embeds[0]!.fields?.find((f) => f.name === 'Auteur')?.value).toContain(
      'Mme Camille Dupont-Aignan, députée (GT) — Ardèche',
    );
  });

  it('says the Sénat has no such question in French, ephemeral', async () => {
    const res = await fake.command('question', { numero: 4201, chambre: 'senat' }, { userId: freshUser() }).done;
    expect(res.ephemeral).toBe(true);
    expect(String(res.body.content)).toContain('Aucune question écrite n° 4201 au Sénat dans la base.');
  });

  it('follows a pending Sénat question with /suivre chambre:senat (its answer is told in the digest test below)', async () => {
    const user = freshUser();
    const res = await fake.command(
      'suivre',
      { numero: 4133, legislature: 16, chambre: 'senat', ou: 'salon' },
      { userId: user },
    ).done;
    expect(res.ephemeral).toBe(true);
    expect(String(res.body.content)).toContain('question n° 4133');
    expect(String(res.body.content)).toContain('(Sénat, 16e législature)');
    expect(app.deps.digest!.service.repo.activeFollowsOfUser(user).map((f) => f.uid)).toEqual(['QSENL16QE4133']);
  });

  it('finds similar questions to a Sénat question with /similaires chambre:senat', async () => {
    const res = await fake.command(
      'similaires',
      { numero: 4133, legislature: 16, chambre: 'senat' },
      { userId: freshUser() },
    ).done;
    expect(allText(res.message)).toContain('la n° 4133 (Sénat, 16e lég.)');
    expect(hitMarks(res.message)).toContain('AN');
  });
});

describe('/senateur beside /depute', () => {
  it('shows a senator’s questions, and /depute does not list senators', async () => {
    const res = await fake.command('senateur', { nom: 'goulet' }, { userId: freshUser() }).done;
    expect(res.message.embeds[0]!.title).toBe('Questions écrites de Mme Nathalie Goulet');
    expect(allText(res.message)).toContain('n° 4133');
    const dep = await fake.command('depute', { nom: 'goulet' }, { userId: freshUser() }).done;
    expect(dep.ephemeral).toBe(true);
    expect(String(dep.body.content)).toContain('Aucun député trouvé pour « goulet »');
  });

  it('completes senators’ names only', async () => {
    const senators = await fake.autocomplete('senateur', { nom: 'lar' }, 'nom', { userId: freshUser() }).done;
    expect(senators.choices?.map((c) => c.value)).toEqual(['M. Gérard Larcher']);
    const deputies = await fake.autocomplete('depute', { nom: '' }, 'nom', { userId: freshUser() }).done;
    expect(deputies.choices?.map((c) => c.value)).toEqual(['Mme Camille Dupont-Aignan']);
    // An author filter completes senators once chambre:senat is chosen.
    const filter = await fake.autocomplete('recherche', { texte: 'x', chambre: 'senat', depute: 'g' }, 'depute', {
      userId: freshUser(),
    }).done;
    expect(filter.choices?.map((c) => c.value)).toEqual(['Mme Nathalie Goulet', 'M. Gérard Larcher']);
    const digest = await fake.autocomplete(
      'digest',
      { salon: DIGEST_CH, chambre: 'senat', depute: 'larch' },
      'depute',
      { userId: freshUser(), subcommand: 'ajouter' },
    ).done;
    expect(digest.choices?.map((c) => c.value)).toEqual(['M. Gérard Larcher']);
  });
});

describe('/tendance on one chamber', () => {
  it('counts the Sénat’s questions only, says so in the title, and exports them', async () => {
    const user = freshUser();
    const res = await fake.command(
      'tendance',
      { texte: 'désertification médicale', chambre: 'senat' },
      { userId: user, timeoutMs: 30_000 },
    ).done;
    expect(res.message.embeds[0]!.title).toBe('Tendance : questions sur « désertification médicale » (Sénat)');
    const button = componentsOf(res.message).find((c) => c.label === 'Exporter (CSV)');
    const exp = await fake.button(res.message, button!.custom_id!, { userId: user, timeoutMs: 20_000 }).done;
    const csv = parseCsv(fake.attachmentData(exp.message, exp.message.attachments[0]!.filename));
    expect(csv.rows.map((r) => r[0]).sort()).toEqual(['QSENL16QE4132', 'QSENL16QE4133']);
  });
});

describe('/palmares and /stats per chamber', () => {
  it('puts the two chambers side by side by default, and ranks one chamber with chambre', async () => {
    const res = await fake.command('palmares', {}, { userId: freshUser(), timeoutMs: 30_000 }).done;
    const embed = res.message.embeds[0]!;
    expect(embed.title).toBe('Palmarès des ministères — 16e législature');
    const side = embed.fields?.find((f) => f.name.startsWith('Assemblée et Sénat côte à côte'));
    // Santé: 1 of 2 in time at the Assemblée (median of 41 and 142 days), 0 of 2 at the Sénat (one pending).
    expect(side?.value).toContain('**Santé** — AN 50\u202f% · 92 jours · Sénat 0\u202f% · 145 jours');
    expect(side?.value).toContain('**Justice** — AN 0\u202f% · — · Sénat 100\u202f% · 35 jours');
    expect(res.message.attachments.map((a) => a.filename).sort()).toEqual(['palmares-chambres.png', 'palmares.png']);
    const sideChart = decodePng(fake.attachmentData(res.message, 'palmares-chambres.png'));
    expect(sideChart.inked).toBeGreaterThan(0.02);
    expect(sideChart.colours).toBeGreaterThan(4);
    expect(res.message.embeds[1]?.image?.url).toBe('attachment://palmares-chambres.png');

    const user = freshUser();
    const senat = await fake.command('palmares', { chambre: 'senat' }, { userId: user, timeoutMs: 30_000 }).done;
    expect(senat.message.embeds[0]!.title).toBe('Palmarès des ministères — Sénat, 16e législature');
    expect(senat.message.embeds[0]!.fields?.some((f) => f.name.includes('côte à côte'))).toBe(false);
    const button = componentsOf(senat.message).find((c) => c.label === 'Exporter (CSV)');
    const exp = await fake.button(senat.message, button!.custom_id!, { userId: user, timeoutMs: 20_000 }).done;
    expect(exp.message.attachments.map((a) => a.filename)).toEqual([
      'palmares-16-senat.csv',
      'en-attente-plus-de-2-mois-16-senat.csv',
    ]);
    const ranking = parseCsv(fake.attachmentData(exp.message, 'palmares-16-senat.csv'));
    expect(ranking.rows.map((r) => [r[1], r[r.length - 1]])).toEqual([
      ['Justice', 'Sénat'],
      ['Santé', 'Sénat'],
    ]);
    const overdue = parseCsv(fake.attachmentData(exp.message, 'en-attente-plus-de-2-mois-16-senat.csv'));
    expect(overdue.rows.map((r) => r[0])).toEqual(['QSENL16QE4133']);
  });

  it('counts questions per chamber in /stats, and one chamber’s with chambre', async () => {
    const res = await fake.command('stats', {}, { userId: freshUser(), timeoutMs: 30_000 }).done;
    const text = allText(res.message);
    expect(text).toContain('Assemblée nationale : 3 questions.');
    expect(text).toContain('Sénat : 3 questions.');
    const senat = await fake.command('stats', { chambre: 'senat' }, { userId: freshUser(), timeoutMs: 30_000 }).done;
    expect(senat.message.embeds[0]!.title).toBe('Questions écrites : état du corpus — Sénat');
    expect(senat.message.embeds[0]!.description).toContain('**3** questions (Sénat).');
  });
});

describe('a digest that follows the Sénat only, and a followed Sénat question', () => {
  it('receives the Sénat’s news and none of the Assemblée’s; the follower hears of the answer', async () => {
    const added = await fake.command(
      'digest',
      { salon: DIGEST_CH, heure: '8h', chambre: 'senat' },
      { subcommand: 'ajouter', permissions: MANAGER, userId: freshUser() },
    ).done;
    expect(String(added.body.content)).toMatch(/Digest n° \d+ créé/);
    expect(String(added.body.content)).toContain('Sénat');
    const sub = app.deps.digest!.service.repo.listSubscriptions(FAKE_GUILD_ID).find((s) => s.channelId === DIGEST_CH);
    expect(sub?.chamber).toBe('senat');

    // News of both chambers, as a refresh would record it.
    app.store.upsertQuestions(
      [
        onJustice(makeQuestion, 5000, '2025-06-02', null),
        onJustice(makeSenatQuestion, 5001, '2025-06-02', null),
        desert(makeSenatQuestion, 5002, '2025-06-02', null),
        desert(makeSenatQuestion, 4133, '2023-03-09', '2025-06-02'),
        onJustice(makeQuestion, 4201, '2023-01-12', '2025-06-02'),
      ],
      { seenAt: '2025-06-02T12:00:00.000Z' },
    );
    // Tuesday 08:00 Paris (06:00 UTC in summer).
    clock = new Date('2025-06-03T06:00:00Z');
    await app.deps.digest!.scheduler!.tickNow();
    const posted = fake.channelMessages(DIGEST_CH);
    expect(posted).toHaveLength(1);
    const text = allText(posted[0]!);
    expect(text).toContain('2 nouvelles questions, 1 réponse publiée');
    expect(text).toContain('Sénat · **[n° 4133]');
    expect(text).not.toContain('n° 4201');
    expect(text).toContain('Sénat · **[n° 5001](https://www.senat.fr/questions/base/2025/qSEQ250605001.html)**');
    expect(text).toContain('Sénat · **[n° 5002]');
    expect(text).not.toContain('n° 5000');
    const notices = fake.channelMessages(FAKE_CHANNEL_ID).filter((m) => m.content.startsWith('🔔'));
    expect(notices.map((m) => m.content.split('\n')[0])).toEqual([
      expect.stringContaining('La question n° 4133 (Sénat, 16e législature) a reçu sa réponse'),
    ]);
  });
});
