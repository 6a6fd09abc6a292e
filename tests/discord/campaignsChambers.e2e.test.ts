import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../src/corpus/types';
import { buildDigest } from '../../src/digest/buildDigest';
import { item } from '../digest/support/questions';
import { makeSenatQuestion } from '../support/botCorpus';
import { campaignCorpus } from '../support/campaignCorpus';
import { componentsOf, type DiscordFake } from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

const SENATOR = 'Mme Nathalie Goulet'; // makeSenatQuestion's author

function corpus(): Question[] {
  const assemblee = campaignCorpus();
  const first = assemblee.find((q) => q.number === 9001)!;
  const text = first.question!.text.replace(first.author.name!, SENATOR);
  const senat = [9001, 9002, 9003].map((number, i) =>
    makeSenatQuestion({
      number,
      legislature: 17,
      question: { text, joDate: `2025-03-2${i}`, joPage: '1500' },
    }),
  );
  return [...assemblee, ...senat];
}

let fake: DiscordFake;
let bot: BotOnCorpus;

beforeAll(async () => {
  bot = await startBotOnCorpus({ corpus: { seeds: false, extra: corpus() }, campaigns: true });
  ({ fake } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

const run = (name: string, options: Record<string, string | number | boolean> = {}) =>
  fake.command(name, options, { userId: freshUser() }).done;

describe('a campaign across both chambers', () => {
  it('is listed by /campagnes with both chambers, each question marked with its own', async () => {
    const list = await run('campagnes', { texte: 'télémédecine' });
    const line = list.message.embeds[0]!.description!;
    expect(line).toContain('11 questions');
    expect(line).toContain('Assemblée nationale et Sénat');
    const button = componentsOf(list.message).find((c) => c.custom_id?.startsWith('camp:'))!;
    const opened = await fake.button(list.message, button.custom_id!, { userId: freshUser() }).done;
    const lines = opened.message.embeds[0]!.description!.split('\n').filter((l) => l.startsWith('• '));
    expect(lines).toHaveLength(11);
    expect(lines.filter((l) => l.startsWith('• Sénat · '))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('• AN · '))).toHaveLength(8);
  });

  it('is found by /question from a Sénat question numbered like an Assemblée one', async () => {
    const res = await run('question', { numero: 9001, legislature: 17, chambre: 'senat' });
    const embed = res.message.embeds[0]!;
    expect(JSON.stringify(embed)).toContain(SENATOR);
    const field = embed.fields!.find((f) => f.name === 'Campagne');
    expect(field?.value).toContain('Texte repris par 10 autres questions');
  });

  it('is counted by /senateur as /depute counts a deputy’s', async () => {
    const res = await run('senateur', { nom: 'Goulet' });
    expect(res.message.embeds[0]!.description).toBe(
      'Ses 3 questions reprennent le texte d’une campagne (1 campagne ; voir /campagnes).',
    );
  });

  it('is one digest entry marking each question’s chamber', () => {
    const questions = corpus().filter((q) => q.chamber === 'senat' || q.number <= 9002);
    const campaign = { id: 1, subject: 'sur l’expérimentation de valise de télémédecine' };
    const [message] = buildDigest(
      questions.map((q) => ({ ...item(q, 'new_question'), campaign })),
      { title: 'Digest' },
    );
    const entry = message!.embeds[0]!.description!;
    expect(entry).toMatch(/^\*\*5 nouvelles questions reprennent le même texte\*\*/);
    expect(entry.match(/AN \[n° 900\d\]/g)).toHaveLength(2);
    expect(entry.match(/Sénat \[n° 900\d\]/g)).toHaveLength(3);
  });
});
