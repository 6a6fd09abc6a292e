/**
 * The pure `run` functions of every command, on a real SQLite corpus (seeds + generated + hand-made questions)
 * and the real search engine in-process. Assertions on payloads; every payload also passes the fake's
 * independent Discord-limit checks after fitToLimits (what the dispatcher applies).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { commands } from '../../commands/index';
import { createRegistry, type CallContext } from '../../src/present/commandKit';
import { createCommandDeps } from '../../src/present/createCommandDeps';
import type { BotSearch, CommandDeps } from '../../src/present/deps';
import { handleCommand, handleComponent } from '../../src/present/handleInvocation';
import type { Reply } from '../../src/present/reply';
import { createSearchService, SearchUnavailableError, type SearchServiceHandle } from '../../src/search';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { parseActeur } from '../../src/corpus/parse/parseActeur';
import { buildCorpus, longText, makeQuestion, REPO, tempDir } from '../support/botCorpus';
import { checkMessageBody, componentsOf, type FlatComponent } from '../support/discordFake';

const registry = createRegistry(commands);
const now = new Date('2025-06-01T08:00:00Z');
const ctx: CallContext = { userId: '42', guildId: '1', channelId: '2', memberPermissions: null, locale: 'fr', now };

const pendingOld = makeQuestion({
  number: 1001,
  legislature: 15,
  question: { text: 'Sur la carte judiciaire en Ardèche.', joDate: '2018-01-09', joPage: '1' },
});
const pendingRecent = makeQuestion({
  number: 1002,
  legislature: 15,
  question: { text: 'Sur les greffes des tribunaux.', joDate: '2025-05-20', joPage: '2' },
});
const transferred = makeQuestion({
  number: 1003,
  legislature: 15,
  ministryAsked: { name: 'Intérieur', fullName: null, organeRef: null },
  ministryAssigned: { name: 'Justice', fullName: null, organeRef: null },
  ministryHistory: [
    { ministry: { name: 'Intérieur', fullName: null, organeRef: null }, date: '2018-02-06' },
    { ministry: { name: 'Justice', fullName: null, organeRef: null }, date: '2018-04-10' },
  ],
  question: { text: 'Sur la sécurité des palais de justice.', joDate: '2018-02-06', joPage: '3' },
  answer: {
    text: 'Le ministère de la justice a renforcé la sécurité des juridictions.',
    joDate: '2018-08-07',
    joPage: '4',
  },
  status: 'answered',
});
const huge = makeQuestion({
  number: 1004,
  legislature: 15,
  analyses: ['analyse très longue '.repeat(40)],
  question: { text: `${longText(3000, 2)} *gras* @everyone`, joDate: '2017-09-05', joPage: '5' },
  answer: { text: longText(7000, 9), joDate: '2019-09-05', joPage: '6' },
  status: 'answered',
});

let tmp: ReturnType<typeof tempDir>;
let store: QuestionStore;
let search: SearchServiceHandle;
let deps: CommandDeps;

function limitsOk(reply: Reply): void {
  expect(checkMessageBody({ ...reply, allowed_mentions: { parse: [] } }, { requireContent: true })).toEqual([]);
}

function text(reply: Reply): string {
  return [
    reply.content ?? '',
    ...(reply.embeds ?? []).flatMap((e: APIEmbed) => [
      e.title ?? '',
      e.description ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join('\n');
}

async function run(name: string, values: Record<string, string | number>, d: CommandDeps = deps): Promise<Reply> {
  const reply = await handleCommand(registry, name, { values }, d, ctx);
  limitsOk(reply);
  return reply;
}

function buttons(reply: Reply): FlatComponent[] {
  return componentsOf(reply);
}

beforeAll(async () => {
  tmp = tempDir();
  store = await buildCorpus({
    dbPath: path.join(tmp.dir, 'q.db'),
    generated: 200,
    extra: [pendingOld, pendingRecent, transferred, huge],
  });
  search = createSearchService({ store, indexDir: null, workers: 0 });
  await search.whenReady;
  deps = createCommandDeps(store, search.engine);
});

afterAll(async () => {
  await search?.close();
  store?.close();
  tmp?.cleanup();
});

describe('/recherche', () => {
  it('lists 5 linked results with the excerpt in bold, and page buttons', async () => {
    const reply = await run('recherche', { texte: 'ministre' });
    const embed = reply.embeds?.[0];
    expect(embed?.fields).toHaveLength(5);
    expect(embed?.description).toMatch(/résultats · page 1\/\d+/);
    expect(embed?.fields?.[0]?.value).toMatch(
      /\[n° \d+ \(\d+e lég\.\)\]\(https:\/\/www\.assemblee-nationale\.fr\/dyn\/\d+\/questions\/QANR5L\d+QE\d+\)/,
    );
    expect(text(reply)).toMatch(/\*\*ministre\*\*/i);
    const ids = buttons(reply).map((b) => b.custom_id);
    expect(ids).toContain(ids.find((i) => i?.startsWith('rsp:') && i.endsWith(':2:n')));
  });

  it('applies the filters (deputy, legislature) and dates', async () => {
    const reply = await run('recherche', {
      texte: 'cybercriminalité',
      depute: 'Tardy',
      legislature: 14,
      depuis: '01/01/2014',
      jusqua: '2014-12-31',
    });
    expect(reply.embeds?.[0]?.fields?.map((f) => f.value).join('\n')).toContain('n° 50862');
    expect(reply.embeds?.[0]?.fields).toHaveLength(1);
  });

  it('says "Aucun résultat" and suggests what to loosen', async () => {
    const reply = await run('recherche', {
      texte: 'cybercriminalité',
      legislature: 13,
      statut: 'en_attente',
      depuis: '01/01/2024',
    });
    expect(text(reply)).toContain('Aucun résultat');
    expect(text(reply)).toMatch(/retirez un filtre \(« législature », « statut »\)/);
    expect(text(reply)).toMatch(/élargissez la période/);
  });

  it('says so when no question has every word, or too few', async () => {
    const none = await run('recherche', { texte: 'cybercriminalité xylophonique' });
    expect(text(none)).toMatch(/Aucune question ne contient tous les mots : voici celles qui en contiennent le plus/);
    const few = await run('recherche', { texte: 'cybercriminalité europol' });
    expect(text(few)).toMatch(/Une seule question contient tous les mots : elle vient en premier/);
  });

  it.each([
    [{ texte: '   ' }, /vide/],
    [{ texte: '"" -' }, /Aucun mot cherchable/],
    [{ texte: 'x'.repeat(201) }, /trop long/],
    [{ texte: 'internet', depuis: '31/02/2024' }, /Date impossible/],
    [{ texte: 'internet', depuis: '2020-01-02', jusqua: '2020-01-01' }, /postérieure/],
    [{ texte: 'internet', statut: 'peut-être' }, /Valeur inconnue/],
  ])('refuses bad input %j ephemerally', async (values, message) => {
    const reply = await run('recherche', values);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(message);
  });

  it('answers "index en cours de chargement" before the index is ready', async () => {
    const loading: BotSearch = {
      ready: false,
      search: () => Promise.reject(new Error('no')),
      similar: () => Promise.reject(new Error('no')),
      suggest: async () => [],
    };
    const reply = await run('recherche', { texte: 'internet' }, { ...deps, search: loading });
    expect(reply).toMatchObject({ ephemeral: true });
    expect(reply.content).toMatch(/index de recherche est en cours de chargement/);
  });

  it('answers « recherche momentanément indisponible » ephemerally while a search worker is being replaced', async () => {
    const restarting: BotSearch = {
      ready: true,
      search: () => Promise.reject(new SearchUnavailableError()),
      similar: () => Promise.reject(new SearchUnavailableError()),
      suggest: async () => [],
    };
    const reply = await run('recherche', { texte: 'internet' }, { ...deps, search: restarting });
    expect(reply).toMatchObject({ ephemeral: true });
    expect(reply.content).toMatch(/Recherche momentanément indisponible, réessayez dans quelques secondes/);
  });

  it('turns pages with buttons that still work after a restart (state in SQLite)', async () => {
    const first = await run('recherche', { texte: 'ministre', tri: 'recentes' });
    const nextId = buttons(first).find((b) => b.custom_id?.endsWith(':n'))?.custom_id as string;
    // "Restart": a new connection to the same database, new deps, new search engine.
    const reopened = openStore(store.path);
    const search2 = createSearchService({ store: reopened, indexDir: null, workers: 0 });
    await search2.whenReady;
    try {
      const page2 = await handleComponent(registry, nextId, [], createCommandDeps(reopened, search2.engine), ctx);
      limitsOk(page2);
      expect(page2.embeds?.[0]?.description).toMatch(/page 2\//);
      expect(page2.embeds?.[0]?.fields?.[0]?.name).toMatch(/^6\. /);
      expect(page2.mode).not.toBe('reply');
    } finally {
      await search2.close();
      reopened.close();
    }
  });

  it('opens one result in full from the select menu, ephemerally', async () => {
    const first = await run('recherche', { texte: 'cybercriminalité' });
    const select = buttons(first).find((c) => c.type === 3);
    const options = select?.options ?? [];
    expect(options.length).toBeGreaterThan(0);
    expect(options.every((o) => o.label.length <= 100)).toBe(true);
    const opened = await handleComponent(registry, select?.custom_id ?? '', [options[0]!.value], deps, ctx);
    expect(opened).toMatchObject({ mode: 'reply', ephemeral: true });
    expect(opened.embeds?.[0]?.title).toMatch(/^Question écrite n° \d+/);
  });

  it('autocompletes deputies, ministries, groups and rubriques from the corpus', async () => {
    const r = registry.get('recherche')!;
    const dep = await r.autocomplete!({ name: 'depute', value: 'TARDY' }, { values: {} }, deps, ctx);
    expect(dep[0]).toMatchObject({ value: 'M. Lionel Tardy' });
    const min = await r.autocomplete!({ name: 'ministere', value: 'just' }, { values: {} }, deps, ctx);
    expect(min[0]?.value).toBe('Justice');
    const rub = await r.autocomplete!({ name: 'rubrique', value: 'telecom' }, { values: {} }, deps, ctx);
    expect(rub.map((c) => String(c.value).toLowerCase())).toContain('télécommunications');
  });
});

describe('/question', () => {
  it('shows metadata, question, answer, ministry history and delay', async () => {
    const reply = await run('question', { numero: 1003, legislature: 15 });
    const t = text(reply);
    expect(reply.embeds?.[0]?.title).toBe('Question écrite n° 1003 — Assemblée nationale, 15e législature');
    expect(reply.embeds?.[0]?.url).toBe('https://www.assemblee-nationale.fr/dyn/15/questions/QANR5L15QE1003');
    expect(t).toContain('Historique des ministères');
    expect(t).toMatch(/06\/02\/2018 : Intérieur\n10\/04\/2018 : Justice/);
    expect(t).toContain('réponse en 182 jours');
    expect(reply.embeds?.[1]?.description).toContain('renforcé la sécurité');
    expect(buttons(reply).find((b) => b.custom_id === 'qsim:QANR5L15QE1003')).toBeDefined();
  });

  it('finds the most recent legislature holding a number when none is given', async () => {
    const reply = await run('question', { numero: 50862 });
    expect(reply.embeds?.[0]?.title).toContain('14e législature');
  });

  it('cuts the longest texts to Discord limits with a link to the rest, escaping Markdown and mentions', async () => {
    const reply = await run('question', { numero: 1004, legislature: 15 });
    const t = text(reply);
    expect(t).toContain(
      "[Lire la suite sur le site de l'Assemblée](https://www.assemblee-nationale.fr/dyn/15/questions/QANR5L15QE1004)",
    );
    expect(t).not.toMatch(/(?<!\\)\*gras\*/);
  });

  it('says "sans réponse depuis N jours" for a pending question', async () => {
    const reply = await run('question', { numero: 1002, legislature: 15 });
    expect(text(reply)).toContain('sans réponse depuis 12 jours');
  });

  it('refuses an unknown number and says where the number exists', async () => {
    const unknown = await run('question', { numero: 999_999 });
    expect(unknown).toMatchObject({ ephemeral: true });
    expect(unknown.content).toContain('Aucune question écrite n° 999999');
    const wrongLeg = await run('question', { numero: 50862, legislature: 16 });
    expect(wrongLeg.content).toMatch(/existe dans : 14e législature/);
  });

  it('offers similar questions with a button', async () => {
    const similar = await handleComponent(registry, 'qsim:QANR5L14QE50862', [], deps, ctx);
    limitsOk(similar);
    expect(similar.mode).toBe('reply');
    expect(similar.embeds?.[0]?.title).toContain('Questions similaires à la n° 50862');
    expect(text(similar)).not.toContain('QANR5L14QE50862)\n'); // itself excluded
  });
});

describe('/similaires', () => {
  it('lists the closest questions, itself excluded', async () => {
    const reply = await run('similaires', { numero: 60080, legislature: 14 });
    const values = reply.embeds?.[0]?.fields?.map((f) => f.value).join('\n') ?? '';
    expect(values).not.toContain('n° 60080 (14e');
    expect(reply.embeds?.[0]?.fields?.length).toBeGreaterThan(0);
  });
});

describe('/depute', () => {
  it('finds "tardy" as M. Lionel Tardy, with a summary and the newest questions', async () => {
    const reply = await run('depute', { nom: 'tardy' });
    expect(reply.embeds?.[0]?.title).toBe('Questions écrites de M. Lionel Tardy');
    const t = text(reply);
    expect(t).toMatch(/Délai médian de réponse/);
    expect(t).toContain('n° 50862');
  });

  it('pages through a prolific deputy, newest first', async () => {
    const reply = await run('depute', { nom: 'Camille Dupont-Aignan' });
    const t = text(reply);
    expect(t).toMatch(/Questions\n4 \(du 05\/09\/2017 au 20\/05\/2025\)/);
    expect(t).toMatch(/1 au-delà de 2 mois|dont 1 au-delà/);
    const lines = (reply.embeds?.[1]?.description ?? '').split('\n');
    expect(lines[0]).toContain('n° 1002');
  });

  it('finds a deputy typed last name first, without accents', async () => {
    const reply = await run('depute', { nom: 'tardy lionel' });
    expect(reply.embeds?.[0]?.title).toBe('Questions écrites de M. Lionel Tardy');
  });

  it("shows a deputy of the deputies' records who has asked nothing yet as « 0 question »", async () => {
    const raw = JSON.parse(readFileSync(path.join(REPO, 'tests/fixtures/samples/acteurs/PA841813.json'), 'utf8'));
    const parsed = parseActeur(raw);
    if (!parsed.ok) throw new Error(parsed.reason);
    store.upsertActeurs([parsed.value], now.toISOString());
    const reply = await run('depute', { nom: 'herouin leautey' });
    expect(reply.embeds?.[0]?.title).toBe('Questions écrites de Mme Florence Herouin-Léautey');
    expect(text(reply)).toContain('0 question dans la base');
    const choices = await registry.commands.find((c) => c.name === 'depute')!.autocomplete!(
      { name: 'nom', value: 'Herouin' },
      { values: {} },
      deps,
      ctx,
    );
    expect(choices[0]).toEqual({
      name: 'Mme Florence Herouin-Léautey (0 question)',
      value: 'Mme Florence Herouin-Léautey',
    });
  });

  it('refuses an unknown deputy in French', async () => {
    const reply = await run('depute', { nom: 'Zzyzx Inconnu' });
    expect(reply).toMatchObject({ ephemeral: true });
    expect(reply.content).toContain('Aucun député trouvé');
  });
});

describe('/ministere', () => {
  it('gives the answer rate, median delay and the oldest pending questions past two months', async () => {
    const reply = await run('ministere', { nom: 'justice' });
    const t = text(reply);
    expect(reply.embeds?.[0]?.title).toBe('Ministère : Justice');
    expect(t).toMatch(/répondues \(\d+ %\)/);
    expect(t).toMatch(/au-delà de 2 mois/);
    expect(reply.embeds?.[1]?.description).toContain('n° 1001');
    expect(reply.embeds?.[1]?.description).not.toContain('n° 1002'); // less than two months old
  });

  it('counts a question transferred away from the asked ministry too', async () => {
    const reply = await run('ministere', { nom: 'Intérieur' });
    expect(text(reply)).toMatch(/Questions\n\d+/);
  });

  it('refuses an unknown ministry', async () => {
    const reply = await run('ministere', { nom: 'Ministère des Licornes' });
    expect(reply.content).toContain('Aucun ministère trouvé');
  });
});

describe('/stats and /aide', () => {
  it('counts by legislature and status with the newest date', async () => {
    const reply = await run('stats', {});
    const t = text(reply);
    expect(t).toMatch(/\*\*\d[\d  ]*\*\* questions au total/);
    expect(t).toContain('14e législature');
    expect(t).toContain('Question la plus récente : 20/05/2025');
  });

  it('documents every registered command with an example', async () => {
    const reply = await run('aide', {});
    for (const c of registry.commands) expect(text(reply)).toContain(`/${c.name}`);
    expect(reply.ephemeral).toBe(true);
  });
});
