/**
 * End to end: charts, palmarès and CSV exports through the real discord.js client and the Discord fake, which
 * reads the multipart uploads as Discord does (files[n] + payload_json, size limit, attachment:// references).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import { QUESTION_COLUMNS } from '../../src/export/questionsCsv';
import { makeQuestion } from '../support/botCorpus';
import { componentsOf, type DiscordFake } from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { decodePng, parseCsv } from './support';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

let fake: DiscordFake;
let bot: BotOnCorpus;

const tricky = makeQuestion({
  number: 9191,
  legislature: 15,
  rubrique: 'sécurité des biens et des personnes',
  teteAnalyse: 'cybercriminalité ; « rançongiciels »',
  analyses: ['hôpitaux "attaqués"\nligne 2'],
  question: {
    text: 'Mme Dupont-Aignan interroge sur la cybercriminalité visant les hôpitaux ; « rançongiciels ».',
    joDate: '2019-04-02',
    joPage: '3000',
  },
});

beforeAll(async () => {
  bot = await startBotOnCorpus({
    corpus: { generated: 400, extra: [tricky] },
    bot: { clock: () => new Date('2025-06-01T08:00:00Z') },
  });
  ({ fake } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

function imageName(message: APIMessage): string | undefined {
  return message.embeds[0]?.image?.url?.replace('attachment://', '');
}

async function pressExport(message: APIMessage, user: string) {
  const button = componentsOf(message).find((c) => c.label === 'Exporter (CSV)');
  expect(button?.custom_id).toBeDefined();
  return fake.button(message, button!.custom_id!, { userId: user, timeoutMs: 20_000 }).done;
}

describe('charts and exports in Discord', () => {
  it('answers /tendance with a PNG chart shown in the embed and the figures in its alt text', async () => {
    const res = await fake.command(
      'tendance',
      { texte: 'cybercriminalité' },
      { userId: freshUser(), timeoutMs: 30_000 },
    ).done;
    const name = imageName(res.message);
    expect(name).toBe('tendance.png');
    const att = res.message.attachments.find((a) => a.filename === name);
    expect(att?.content_type).toBe('image/png');
    expect(att?.description).toMatch(/questions sur « cybercriminalité »/);
    expect(att?.description).toMatch(/Délai médian de réponse/);
    const png = decodePng(fake.attachmentData(res.message, 'tendance.png'));
    expect(png.width).toBeGreaterThan(600);
    expect(png.height).toBeGreaterThan(300);
    expect(png.colours).toBeGreaterThan(8);
    expect(png.inked).toBeGreaterThan(0.02);
    expect(res.body.allowed_mentions).toEqual({ parse: [] });
    const fields = res.message.embeds[0]?.fields?.map((f) => f.name) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['Qui pose ces questions', 'Groupes', 'Ministères interrogés']));
  });

  it('exports the questions of a trend as a CSV only the presser sees, readable by a CSV parser', async () => {
    const user = freshUser();
    const res = await fake.command('tendance', { texte: 'cybercriminalité' }, { userId: user, timeoutMs: 30_000 }).done;
    const exp = await pressExport(res.message, user);
    expect(exp.ephemeral).toBe(true);
    const csvAtt = exp.message.attachments[0];
    expect(csvAtt?.filename).toMatch(/\.csv$/);
    const csv = parseCsv(fake.attachmentData(exp.message, csvAtt!.filename));
    expect(csv.bom).toBe(true);
    expect(csv.header).toEqual(QUESTION_COLUMNS);
    const row = csv.rows.find((r) => r[0] === tricky.uid);
    expect(row).toBeDefined();
    expect(row![9]).toContain('« rançongiciels »');
    expect(row![9]).toContain('hôpitaux "attaqués"\nligne 2');
    expect(row![4]).toBe('02/04/2019');
  });

  it('ranks ministries with /palmares and exports the ranking and the overdue questions', async () => {
    const user = freshUser();
    const res = await fake.command('palmares', { legislature: 16 }, { userId: user, timeoutMs: 30_000 }).done;
    expect(imageName(res.message)).toBe('palmares.png');
    expect(decodePng(fake.attachmentData(res.message, 'palmares.png')).inked).toBeGreaterThan(0.02);
    expect(res.message.embeds[0]?.fields?.[0]?.value).toMatch(/^1\. \*\*/);
    const exp = await pressExport(res.message, user);
    expect(exp.message.attachments.map((a) => a.filename)).toEqual([
      'palmares-16.csv',
      'en-attente-plus-de-2-mois-16.csv',
    ]);
    const ranking = parseCsv(fake.attachmentData(exp.message, 'palmares-16.csv'));
    expect(ranking.header[1]).toBe('ministère');
    expect(ranking.rows.length).toBeGreaterThan(3);
  });

  it('adds a chart and an export to /depute, /ministere and /stats', async () => {
    const user = freshUser();
    const dep = await fake.command('depute', { nom: 'tardy' }, { userId: user, timeoutMs: 30_000 }).done;
    expect(imageName(dep.message)).toBe('profil.png');
    const exp = await pressExport(dep.message, user);
    const csv = parseCsv(fake.attachmentData(exp.message, exp.message.attachments[0]!.filename));
    expect(csv.rows.every((r) => /Tardy/.test(r[5] ?? ''))).toBe(true);
    const min = await fake.command('ministere', { nom: 'justice' }, { userId: user, timeoutMs: 30_000 }).done;
    expect(imageName(min.message)).toBe('profil.png');
    const stats = await fake.command('stats', {}, { userId: freshUser(), timeoutMs: 30_000 }).done;
    expect(imageName(stats.message)).toBe('corpus.png');
  });

  it('puts an export button under search results', async () => {
    const user = freshUser();
    const res = await fake.command(
      'recherche',
      { texte: 'ministre', legislature: 16 },
      { userId: user, timeoutMs: 30_000 },
    ).done;
    const exp = await pressExport(res.message, user);
    const csv = parseCsv(fake.attachmentData(exp.message, exp.message.attachments[0]!.filename));
    expect(csv.rows.length).toBeGreaterThan(5);
    expect(csv.rows.every((r) => r[1] === '16')).toBe(true);
  });
});
