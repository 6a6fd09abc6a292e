/**
 * End to end over a hostile corpus: Markdown and mention syntax in every field (author, group, department,
 * rubrique, analyses, ministries, history, texts, closure), a 60,000-character answer, 30 ministry transfers,
 * over-long titles and names, and hostile user input echoed in errors. Every command, subcommand, component and
 * autocomplete of the bot is driven through the real discord.js client against the Discord fake, and every
 * payload the bot sent (interaction responses, edits, follow-ups, channel posts) is checked: nothing from the
 * corpus or the user renders as Markdown, and nothing can ping (the fake also checks Discord's limits and
 * allowed_mentions itself).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { makeUid, type Question, senatQuestionUrl } from '../../src/corpus/types';
import type { RunningApp } from '../../src/main';
import { longText, makeQuestion } from '../support/botCorpus';
import { componentsOf, FAKE_GUILD_ID, type DiscordFake, type InteractionResult } from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

/** Markdown and mention syntax, inline and at line starts. Each marker word exists only here. */
const INLINE =
  '**gras** __souligné__ *italique* _penché_ ||spoiler|| ~~barré~~ `code` [lien](https://evil.example/x) @everyone @here ' +
  '<@123456789012345678> <@!123456789012345679> <@&223456789012345678> <#323456789012345678> <t:1700000000:R> </aide:1234>';
const BLOCK = `\n# Titre\n## Soustitre\n> citation\n>>> bloc\n- liste\n1. numéro\n-# petit\n`;
const HOSTILE = `${INLINE}${BLOCK}`;
const LONG_NAME = `M. Zorglubien ${INLINE} ${'Nomtreslong '.repeat(40)}`;
const MINISTRY = `Ministère zorglubique ${INLINE} ${'desaffairesinterieures '.repeat(15)}`;

function hostileQuestion(n: number, over: Partial<Question> = {}): Question {
  const base = makeQuestion({ number: n, legislature: 17 });
  const ministry = { name: MINISTRY, fullName: MINISTRY, organeRef: null };
  return {
    ...base,
    author: {
      ...base.author,
      name: LONG_NAME,
      fullName: LONG_NAME,
      acteurRef: 'PA666001',
      group: { name: `Groupe ${INLINE}`, abbrev: `**GR** @here`, organeRef: null },
      department: `Département ${INLINE}`,
    },
    rubrique: `zorglub ${INLINE}`,
    teteAnalyse: `tête ${HOSTILE} ${'analyse '.repeat(80)}`,
    analyses: Array.from({ length: 40 }, (_, i) => `analyse ${i} ${INLINE}`),
    ministryAsked: ministry,
    ministryAssigned: ministry,
    ministryHistory: Array.from({ length: 31 }, (_, i) => ({
      ministry: { name: `${i === 30 ? MINISTRY : `Ministère ${i} ${INLINE}`}`, fullName: null, organeRef: null },
      date: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
    })),
    question: {
      text: `${HOSTILE} zorglub ${longText(300, n)} ${HOSTILE}`,
      joDate: `2024-0${1 + (n % 9)}-10`,
      joPage: '12',
    },
    ...over,
  };
}

const answered = (n: number): Partial<Question> => ({
  answer: {
    text: `${HOSTILE} zorglub réponse ${`${INLINE} ${longText(40, n)} `.repeat(400)}`.slice(0, 60_000),
    joDate: '2024-11-05',
    joPage: '99',
  },
  status: 'answered',
  closure: { code: 'REP_PUB', label: `Réponse ${INLINE}`, date: '2024-11-05' },
});

// 12 at start: enough for two pages of results and of the deputy's list; some answered, some pending.
const initial = Array.from({ length: 12 }, (_, i) => hostileQuestion(9001 + i, i % 3 === 0 ? answered(9001 + i) : {}));
initial.push(
  hostileQuestion(9013, {
    status: 'withdrawn',
    closure: { code: 'RET', label: `Retirée ${INLINE}`, date: '2024-10-01' },
  }),
);
// A senator with the same hostile name (issue 18): /senateur, its pages and its autocomplete.
for (const n of [9101, 9102]) {
  const q = hostileQuestion(n);
  initial.push({
    ...q,
    uid: makeUid(17, 'QE', n, 'senat'),
    chamber: 'senat',
    author: { ...q.author, name: `Mme Zorglubette ${INLINE}`, fullName: null, acteurRef: null },
    url: senatQuestionUrl(n, q.question?.joDate ?? null),
  });
}
// Namesakes: /depute and /ministere list them as « Autres correspondances » in a footer (plain text).
{
  const namesake = hostileQuestion(9014);
  const bis = { name: `Ministère zorglubique bis ${INLINE}`, fullName: null, organeRef: null };
  initial.push({
    ...namesake,
    author: { ...namesake.author, name: `Mme Zorglubienne ${INLINE}`, acteurRef: 'PA666002' },
    ministryAsked: bis,
    ministryAssigned: bis,
  });
}

// A campaign (issue 21): the same hostile text filed again by another hostile author, a week later.
{
  const first = hostileQuestion(9030);
  initial.push(first, {
    ...first,
    uid: 'QANR5L17QE9031',
    number: 9031,
    author: { ...first.author, name: `M. Zorglubard ${INLINE}`, acteurRef: 'PA666003' },
  });
}

let fake: DiscordFake;
let app: RunningApp;
let bot: BotOnCorpus;
let clock = new Date('2025-03-03T10:00:00Z'); // a Monday
const results: Array<{ what: string; res: InteractionResult }> = [];
const exercised = { commands: new Set<string>(), components: new Set<string>() };

beforeAll(async () => {
  bot = await startBotOnCorpus({
    corpus: { generated: 150, extra: initial },
    campaigns: true,
    bot: { clock: () => clock, env: { FLOOD_MAX: '1000', REFRESH_URL: 'http://127.0.0.1:9/repository/17/x.zip' } },
  });
  ({ fake, app } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

const MANAGER = String(2248473465835073n | 32n);

async function command(
  name: string,
  options: Record<string, string | number> = {},
  opts: { subcommand?: string; permissions?: string } = {},
): Promise<InteractionResult> {
  exercised.commands.add(name);
  const res = await fake.command(name, options, { userId: freshUser(), ...opts }).done;
  results.push({ what: `/${name}${opts.subcommand ? ` ${opts.subcommand}` : ''} ${JSON.stringify(options)}`, res });
  return res;
}

async function press(from: InteractionResult, customId: string, values?: string[]): Promise<InteractionResult> {
  exercised.components.add(customId.split(':')[0] ?? '');
  const i = values
    ? fake.select(from.message, customId, values, { userId: freshUser() })
    : fake.button(from.message, customId, { userId: freshUser() });
  const res = await i.done;
  results.push({ what: `component ${customId}`, res });
  return res;
}

// ----------------------------------------------------------------------------------------- the checker

/**
 * The hostile mentions, live: the neutralised forms carry a zero-width space after "@" or "<". (The bot's own
 * channel links, <#id> of a digest's channel, are not from the corpus and ping nobody.)
 */
const LIVE_MENTIONS = [
  /@(everyone|here)/,
  /<@!?12345678901234567[89]>/,
  /<@&223456789012345678>/,
  /<#323456789012345678>/,
  /<t:1700000000/,
  /<\/aide:1234>/,
];

/** The hostile markers, as they would look if they rendered (not preceded by an escaping backslash). */
const LIVE_MARKDOWN = [
  /(^|[^\\])\*\*gras/,
  /(^|[^\\])__soulign/,
  /(^|[^\\*])\*italique/,
  /(^|[^\\_])_penché/,
  /(^|[^\\])\|\|spoiler/,
  /(^|[^\\])~~barré/,
  /(^|[^\\])`code/,
  /(^|[^\\])\[lien\]/,
  /^\s*#{1,3} (Titre|Soustitre)/m,
  /^\s*(>\s*)+(citation|bloc)/m,
  /^\s*- liste/m,
  /^\s*1\. numéro/m,
  /^\s*-# petit/m,
];

interface Text {
  where: string;
  text: string;
}

/** Strings of a message body by how Discord shows them: with Markdown, or as plain text. */
function textsOf(body: Record<string, unknown>): { markdown: Text[]; plain: Text[] } {
  const markdown: Text[] = [];
  const plain: Text[] = [];
  if (typeof body.content === 'string') markdown.push({ where: 'content', text: body.content });
  ((body.embeds ?? []) as APIEmbed[]).forEach((e, i) => {
    if (e.title) markdown.push({ where: `embed ${i} title`, text: e.title });
    if (e.description) markdown.push({ where: `embed ${i} description`, text: e.description });
    (e.fields ?? []).forEach((f, j) => {
      markdown.push({ where: `embed ${i} field ${j} name`, text: f.name });
      markdown.push({ where: `embed ${i} field ${j} value`, text: f.value });
    });
    if (e.footer?.text) plain.push({ where: `embed ${i} footer`, text: e.footer.text });
    if (e.author?.name) plain.push({ where: `embed ${i} author`, text: e.author.name });
  });
  for (const c of componentsOf(body)) {
    if (c.label) plain.push({ where: `component ${c.custom_id ?? c.url} label`, text: c.label });
    for (const o of c.options ?? []) {
      plain.push({ where: `option ${o.value} label`, text: o.label });
      if (o.description) plain.push({ where: `option ${o.value} description`, text: o.description });
    }
  }
  for (const ch of (body.choices ?? []) as Array<{ name: string }>) plain.push({ where: 'choice', text: ch.name });
  return { markdown, plain };
}

function problemsOf(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const { markdown, plain } = textsOf(body);
  for (const t of [...markdown, ...plain]) {
    for (const re of LIVE_MENTIONS)
      if (re.test(t.text)) problems.push(`${t.where}: live mention ${re} in ${JSON.stringify(t.text.slice(0, 160))}`);
  }
  for (const t of markdown) {
    for (const re of LIVE_MARKDOWN) {
      const m = re.exec(t.text);
      if (m)
        problems.push(
          `${t.where}: renders ${re} near ${JSON.stringify(t.text.slice(Math.max(0, m.index - 40), m.index + 60))}`,
        );
    }
  }
  for (const t of plain) {
    // Where Discord shows no Markdown, an escaping backslash would show as is.
    if (/\\[*_|~`[\]]/.test(t.text))
      problems.push(`${t.where}: escape backslash shown as is in ${JSON.stringify(t.text.slice(0, 120))}`);
  }
  return problems;
}

/** Every message body the bot sent: callbacks' data, edits, follow-ups, channel posts. */
function sentBodies(): Array<{ what: string; body: Record<string, unknown> }> {
  return fake.requests
    .filter((r) => r.body && typeof r.body === 'object' && !Array.isArray(r.body))
    .map((r) => {
      const b = r.body as Record<string, unknown>;
      const body = r.path.endsWith('/callback') ? ((b.data ?? {}) as Record<string, unknown>) : b;
      return { what: `${r.method} ${r.path.replace(/itok_[^/]+/, 'itok_…')}`, body };
    });
}

// ----------------------------------------------------------------------------------------- the walk

describe('a hostile corpus and hostile input', () => {
  it('walks every command, subcommand, component and autocomplete', async () => {
    // /recherche: results, page 2, the open-a-result menu, and an input error echo.
    const search = await command('recherche', { texte: 'zorglub', legislature: 17 });
    expect(search.message.embeds[0]?.fields?.length).toBeGreaterThan(0);
    const next = componentsOf(search.message).find((c) => c.type === 2 && c.custom_id?.endsWith(':n') && !c.disabled);
    expect(next?.custom_id).toBeDefined();
    await press(search, next!.custom_id!);
    const menu = componentsOf(search.message).find((c) => c.type === 3)!;
    await press(search, menu.custom_id!, [menu.options![0]!.value]);
    await command('recherche', {
      texte: `**gras** ${INLINE}`.slice(0, 200),
      depute: LONG_NAME.slice(0, 100),
      ministere: MINISTRY.slice(0, 100),
    });
    await command('recherche', { texte: '** __ || ~~ `' });
    await command('recherche', { texte: 'zorglub', depuis: '**@here**' });
    await command('recherche', { texte: 'zorglub', legislature: '<@123456789012345678>' });

    // /question: a 60,000-character answer with 30 transfers, a pending one, a withdrawn one; the similar button.
    const q = await command('question', { numero: 9001, legislature: 17 });
    expect(q.message.embeds).toHaveLength(2);
    await command('question', { numero: 9002, legislature: 17 });
    await command('question', { numero: 9013 });
    const similarButton = componentsOf(q.message).find((c) => c.label === 'Questions similaires')!;
    const similar = await press(q, similarButton.custom_id!);
    const similarNext = componentsOf(similar.message).find(
      (c) => c.type === 2 && c.custom_id?.endsWith(':n') && !c.disabled,
    );
    if (similarNext?.custom_id) await press(similar, similarNext.custom_id);
    await command('similaires', { numero: 9003, legislature: 17 });

    // /depute and its pages, /ministere, each with a hostile unknown name echoed back.
    const deputy = await command('depute', { nom: 'zorglubien' });
    expect(deputy.message.embeds[0]?.title).toContain('Zorglubien');
    expect(deputy.message.embeds[0]?.footer?.text).toContain('Zorglubienne');
    const deputyNext = componentsOf(deputy.message).find(
      (c) => c.type === 2 && c.custom_id?.endsWith(':n') && !c.disabled,
    );
    expect(deputyNext?.custom_id).toBeDefined();
    await press(deputy, deputyNext!.custom_id!);
    await command('depute', { nom: `**x** @everyone <@123456789012345678> __y__` });
    const senator = await command('senateur', { nom: 'zorglubette' });
    expect(senator.message.embeds[0]?.title).toContain('Zorglubette');
    await command('senateur', { nom: `**x** @everyone <@123456789012345678> __y__` });
    await command('question', { numero: 9101, legislature: 17, chambre: 'senat' });
    await command('recherche', { texte: 'zorglub', chambre: 'senat' });
    const ministry = await command('ministere', { nom: 'zorglubique' });
    expect(ministry.message.embeds[0]?.title).toContain('zorglubique');
    expect(ministry.message.embeds[0]?.footer?.text).toContain('zorglubique');
    await command('ministere', { nom: `||z|| @here <#323456789012345678> ~~w~~` });

    await command('stats');
    await command('aide');

    // /campagnes, a campaign's list and its export, and hostile filters echoed back.
    const campaigns = await command('campagnes', { texte: 'zorglub' });
    const open = componentsOf(campaigns.message).find((c) => c.custom_id?.startsWith('camp:'));
    expect(open?.custom_id).toBeDefined();
    const opened = await press(campaigns, open!.custom_id!);
    const campaignExport = componentsOf(opened.message).find((c) => c.custom_id?.startsWith('exp:c:'));
    expect((await press(opened, campaignExport!.custom_id!)).message.attachments?.[0]?.filename).toMatch(/\.csv$/);
    await command('campagnes', { texte: `**gras** ${INLINE}`.slice(0, 200) });
    await command('campagnes', { texte: 'zorglub', depuis: '**@here**' });

    // /tendance, /palmares and /demander (charts' fields and alt text, the ranking, the plain-French answer), and
    // the « Exporter (CSV) » button, over the hostile names.
    const trend = await command('tendance', { texte: 'zorglub' });
    expect(trend.message.attachments?.length ?? 0).toBeGreaterThan(0);
    const trendExport = componentsOf(trend.message).find((c) => c.custom_id?.startsWith('exp:'));
    expect(trendExport?.custom_id).toBeDefined();
    const exported = await press(trend, trendExport!.custom_id!);
    expect(exported.message.attachments?.[0]?.filename).toMatch(/\.csv$/);
    await command('tendance', { texte: `**gras** ${INLINE}`.slice(0, 200) });
    await command('palmares', { legislature: 17 });
    await command('demander', { texte: 'qui pose des questions sur zorglub ?' });
    await command('demander', { texte: `les dernières questions sur zorglub ${INLINE}`.slice(0, 200) });
    await command('demander', { texte: '** __ || ~~ `' });

    // /digest: every subcommand, with hostile filter values typed by the user and echoed back.
    const sub = { permissions: MANAGER };
    const added = await command(
      'digest',
      { salon: '700000000000000001', 'mots-cles': 'zorglub' },
      { ...sub, subcommand: 'ajouter' },
    );
    expect(added.message.content).toMatch(/Digest n° \d+ créé/);
    const echoed = await command(
      'digest',
      {
        salon: '700000000000000003',
        'mots-cles': `zorglub, ${INLINE}`.slice(0, 200),
        depute: LONG_NAME.slice(0, 100),
        rubrique: `**r** @here`,
      },
      { ...sub, subcommand: 'ajouter' },
    );
    expect(echoed.message.content).toMatch(/Digest n° \d+ créé/);
    await command('digest', { salon: '700000000000000002', heure: '**8h**' }, { ...sub, subcommand: 'ajouter' });
    await command(
      'digest',
      { salon: '700000000000000002', jours: '<@123456789012345678> __lundi__' },
      { ...sub, subcommand: 'ajouter' },
    );
    const [main, other] = app.deps.digest!.service.repo.listSubscriptions(FAKE_GUILD_ID);
    const id = main!.id;
    await command(
      'digest',
      { id: other!.id, ministere: MINISTRY.slice(0, 100), contenu: 'tout' },
      { ...sub, subcommand: 'modifier' },
    );
    // News after the subscription: the preview and the posted digest carry hostile text.
    app.store.upsertQuestions([hostileQuestion(9020), hostileQuestion(9021, answered(9021))], {
      seenAt: '2025-03-03T11:00:00Z',
    });
    const preview = await command('digest', { id }, { ...sub, subcommand: 'apercu' });
    expect(preview.message.content).toContain('2 nouvelles questions');
    await command('digest', {}, { ...sub, subcommand: 'liste' });

    // /suivre, /suivis and its menu.
    await command('suivre', { numero: 9002, ou: 'salon' });
    const closed = await command('suivre', { numero: 9013 });
    expect(closed.message.content).toContain('est close');
    const followUser = freshUser();
    exercised.commands.add('suivre').add('suivis');
    const follow = await fake.command('suivre', { numero: 9003 }, { userId: followUser }).done;
    results.push({ what: '/suivre 9003', res: follow });
    const follows = await fake.command('suivis', {}, { userId: followUser }).done;
    results.push({ what: '/suivis', res: follows });
    const stop = componentsOf(follows.message).find((c) => c.type === 3)!;
    exercised.components.add('svr');
    const stopped = await fake.select(follows.message, stop.custom_id!, [stop.options![0]!.value], {
      userId: followUser,
    }).done;
    results.push({ what: 'component svr', res: stopped });
    expect(stopped.message.content).toContain('Suivi retiré');
    await command('digest', { id: other!.id }, { ...sub, subcommand: 'retirer' });

    // Autocompletes fed by the hostile names.
    for (const [name, options, focused, subcommand] of [
      ['depute', { nom: 'zorg' }, 'nom', undefined],
      ['senateur', { nom: 'zorg' }, 'nom', undefined],
      ['ministere', { nom: 'zorg' }, 'nom', undefined],
      ['recherche', { texte: 'x', groupe: 'gr' }, 'groupe', undefined],
      ['recherche', { texte: 'x', rubrique: 'zorg' }, 'rubrique', undefined],
      ['digest', { salon: '700000000000000001', depute: 'zorg' }, 'depute', 'ajouter'],
      ['digest', { id: '' }, 'id', 'retirer'],
    ] as const) {
      const res = await fake.autocomplete(name, options, focused, {
        userId: freshUser(),
        ...(subcommand ? { subcommand } : {}),
      }).done;
      results.push({ what: `autocomplete ${name} ${focused}`, res });
    }

    // The scheduled digest, posted on Tuesday 08:00 Paris.
    clock = new Date('2025-03-04T07:00:00Z');
    await app.deps.digest!.scheduler!.tickNow();

    // Every command and every component prefix of the bot was exercised.
    expect([...exercised.commands].sort()).toEqual(app.registry.commands.map((c) => c.name).sort());
    const prefixes = app.registry.commands.flatMap((c) => Object.keys(c.components));
    expect([...exercised.components].sort()).toEqual([...prefixes].sort());
  }, 120_000);

  it('sends nothing that renders as Markdown or can ping, anywhere', () => {
    const bodies = sentBodies();
    expect(results.length).toBeGreaterThan(35);
    expect(bodies.length).toBeGreaterThanOrEqual(results.length);
    // The hostile text did reach the messages (escaped), or the check would prove nothing.
    const all = bodies.map((b) => JSON.stringify(b.body)).join('\n');
    expect(all).toContain('\\\\*\\\\*gras\\\\*\\\\*');
    expect(all).toContain('@\u200beveryone');
    expect(fake.channelMessages('700000000000000001').length).toBeGreaterThan(0);
    const problems = bodies.flatMap((b) => problemsOf(b.body).map((p) => `${b.what}: ${p}`));
    expect(problems).toEqual([]);
    for (const r of results) expect(r.res.callbackType, r.what).toBeGreaterThan(0);
  });
});
