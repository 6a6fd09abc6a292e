import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { campaignCorpus } from '../support/campaignCorpus';
import { componentsOf, type DiscordFake, type InteractionResult } from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

let fake: DiscordFake;
let bot: BotOnCorpus;

beforeAll(async () => {
  bot = await startBotOnCorpus({
    corpus: { generated: 200, legislature: 17, extra: campaignCorpus() },
    campaigns: true,
  });
  ({ fake } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

const run = (name: string, options: Record<string, string | number | boolean> = {}) =>
  fake.command(name, options, { userId: freshUser() }).done;

function buttonOf(res: InteractionResult, prefix: string) {
  const b = componentsOf(res.message).find((c) => c.custom_id?.startsWith(prefix));
  expect(b, `button ${prefix}`).toBeDefined();
  return b!;
}

describe('/campagnes', () => {
  it('lists the largest campaigns with their figures, and no lookalike', async () => {
    const res = await run('campagnes');
    const text = res.message.embeds[0]!.description!;
    expect(text).toMatch(/^\*\*1\.\*\* sur l'expérimentation de valise de télémédecine/);
    expect(text).toContain(
      '8 questions du 2 au 16 mars 2025 · 8 auteurs, 3 groupes · Intérieur · 63 % répondues · réponse commune à 5',
    );
    expect(text).toContain('3 questions du 1er au 3 avril 2025');
    expect(text).not.toMatch(/\*\*3\.\*\*/);
    expect(res.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('opens a campaign as the list of its questions, exported as CSV', async () => {
    const list = await run('campagnes', { texte: 'télémédecine' });
    const opened = await fake.button(list.message, buttonOf(list, 'camp:').custom_id!, { userId: freshUser() }).done;
    expect(opened.message.embeds[0]!.title).toContain('Campagne : sur l');
    expect(opened.message.embeds[0]!.description!.match(/^• /gm)).toHaveLength(8);
    const exported = await fake.button(opened.message, buttonOf(opened, 'exp:c:').custom_id!, { userId: freshUser() })
      .done;
    const file = exported.message.attachments![0]!;
    expect(file.filename).toMatch(/\.csv$/);
    const csv = fake.attachmentData(exported.message, file.filename).toString('utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(9); // header + 8 questions
    expect(csv).toContain('QANR5L17QE9001');
    // The last column: the campaign's size.
    expect(csv.split('\r\n')[0]).toMatch(/;campagne \(questions\)$/);
    expect(csv.split('\r\n')[1]).toMatch(/;8$/);
  });

  it('filters by legislature and period, and says so when nothing matches', async () => {
    const none = await run('campagnes', { legislature: 15 });
    expect(none.message.embeds[0]!.description).toContain('Aucune campagne');
    const april = await run('campagnes', { depuis: '01/04/2025' });
    expect(april.message.embeds[0]!.description).toContain('3 questions du 1er au 3 avril 2025');
    expect(april.message.embeds[0]!.description).not.toContain('télémédecine');
  });

  it('refuses a bad date with a French message only the user sees', async () => {
    const res = await run('campagnes', { depuis: 'hier soir' });
    expect(res.callbackType).toBe(4);
    expect(Number((res.body as { flags?: number }).flags ?? 0) & 64).toBe(64);
    expect(res.message.content).toMatch(/depuis/);
  });
});

describe('/question and campaigns', () => {
  it('says the text was filed by others, when, and that the answer is common, with a button to the campaign', async () => {
    const res = await run('question', { numero: 9002, legislature: 17 });
    const field = res.message.embeds[0]!.fields!.find((f) => f.name === 'Campagne')!;
    expect(field.value).toBe(
      'Texte repris par 7 autres questions (campagne du 2 au 16 mars 2025)\nRéponse commune à 5 questions',
    );
    const opened = await fake.button(res.message, buttonOf(res, 'camp:').custom_id!, { userId: freshUser() }).done;
    expect(opened.message.embeds[0]!.description).toContain('8 questions du 2 au 16 mars 2025');
  });

  it('says a common answer of questions that are no campaign, and nothing of a lookalike', async () => {
    const common = await run('question', { numero: 9201, legislature: 17 });
    expect(common.message.embeds[0]!.fields!.find((f) => f.name === 'Campagne')?.value).toBe(
      'Réponse commune à 2 questions',
    );
    expect(componentsOf(common.message).some((c) => c.custom_id?.startsWith('camp:'))).toBe(false);
    const lookalike = await run('question', { numero: 9203, legislature: 17 });
    expect(lookalike.message.embeds[0]!.fields!.some((f) => f.name === 'Campagne')).toBe(false);
  });
});

describe('/depute and campaigns', () => {
  it('says how many of the deputy’s questions repeat a campaign’s text', async () => {
    const res = await run('depute', { nom: 'Cubertafon' });
    expect(res.message.embeds[0]!.description).toBe(
      'Sa question reprend le texte d’une campagne (1 campagne ; voir /campagnes).',
    );
  });
});

describe('campaigns in plain French', () => {
  it('answers « quelles campagnes sur… » and « a-t-elle déjà été posée ? » with the campaigns', async () => {
    const res = await run('demander', { texte: 'quelles campagnes sur la télémédecine ?' });
    expect(res.message.content).toContain(
      'Compris : **les campagnes de questions identiques** — sujet « télémédecine »',
    );
    expect(res.message.content).toContain('`/campagnes texte:télémédecine`');
    expect(res.message.embeds[0]!.description).toContain('8 questions du 2 au 16 mars 2025');
    const asked = await run('demander', { texte: 'cette question a-t-elle déjà été posée ?' });
    expect(asked.message.embeds[0]!.description).toMatch(/^\*\*1\.\*\* sur l'expérimentation/);
  });
});

describe('/similaires and campaigns', () => {
  it('lists the same campaign first, labelled, then the other questions', async () => {
    const first = await run('similaires', { numero: 9002, legislature: 17 });
    const embed = first.message.embeds[0]!;
    expect(embed.description).toContain('Les questions marquées « même campagne » reprennent le même texte');
    expect(embed.fields!.every((f) => f.name.endsWith('· même campagne'))).toBe(true);
    const next = componentsOf(first.message).find((c) => c.custom_id?.endsWith(':n') && !c.disabled)!;
    const second = await fake.button(first.message, next.custom_id!, { userId: freshUser() }).done;
    const names = second.message.embeds[0]!.fields!.map((f) => f.name.endsWith('· même campagne'));
    expect(names.slice(0, 2)).toEqual([true, true]); // 7 others: 5 on page 1, 2 on page 2
    expect(names.slice(2).every((x) => !x)).toBe(true);
  });
});

describe('/palmares and campaigns', () => {
  it('can count each campaign once, and says so', async () => {
    const pending = (res: InteractionResult) =>
      Number(/\*\*(\d+)\*\* en attente au-delà de deux mois/.exec(res.message.embeds[0]!.description!)![1]);
    const all = await run('palmares', { legislature: 17 });
    const once = await run('palmares', { legislature: 17, campagnes: true });
    expect(once.message.embeds[0]!.description).toContain('Chaque campagne de questions identiques compte une fois');
    expect(all.message.embeds[0]!.description).not.toContain('Chaque campagne');
    // 3 pending questions of « télémédecine » and 2 of « dédoublement » are not the first of their campaign.
    expect(pending(all) - pending(once)).toBe(5);
  });
});

describe('/tendance and campaigns', () => {
  it('can count each campaign once, and says so', async () => {
    const all = await run('tendance', { texte: 'télémédecine', legislature: 17 });
    const once = await run('tendance', { texte: 'télémédecine', legislature: 17, campagnes: true });
    const total = (res: InteractionResult) =>
      Number(/^\*\*(\d+) questions?\*\*/.exec(res.message.embeds[0]!.description!)![1]);
    // The 8 questions of the « télémédecine » campaign count as its first one; the other matches stay.
    expect(total(all) - total(once)).toBe(7);
    expect(once.message.embeds[0]!.description).toContain('Chaque campagne de questions identiques compte une fois');
    expect(all.message.embeds[0]!.description).not.toContain('Chaque campagne');
    // Its CSV export leaves the same questions out: the campaign's first question stays, its repeats do not.
    const rows = async (res: InteractionResult) => {
      const exported = await fake.button(res.message, buttonOf(res, 'exp:t:').custom_id!, { userId: freshUser() }).done;
      const file = exported.message.attachments![0]!;
      return fake.attachmentData(exported.message, file.filename).toString('utf8').trim().split('\r\n');
    };
    const onceRows = await rows(once);
    expect(onceRows).toHaveLength(1 + total(once));
    expect((await rows(all)).length - onceRows.length).toBe(7);
    expect(onceRows.join('\n')).toContain('QANR5L17QE9001');
    expect(onceRows.join('\n')).not.toContain('QANR5L17QE9002');
  });
});
