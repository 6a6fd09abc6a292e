/**
 * Questions in plain French through the real discord.js client and the Discord fake: mentions and DMs (read
 * without the privileged MessageContent intent), the message context menu, and /demander. No answer pings anyone.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import { makeQuestion } from '../support/botCorpus';
import {
  DIRECT_MESSAGES_INTENT,
  GUILD_MESSAGES_INTENT,
  MESSAGE_CONTENT_INTENT,
  type DiscordFake,
} from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { realOralQuestions } from '../charts/support';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

let fake: DiscordFake;
let bot: BotOnCorpus;

const prisons = makeQuestion({
  number: 8080,
  legislature: 15,
  rubrique: 'lieux de privation de liberté',
  teteAnalyse: 'prisons',
  analyses: ['surpopulation carcérale'],
  question: {
    text: 'Mme Camille Dupont-Aignan interroge Mme la garde des sceaux sur la surpopulation des prisons.',
    joDate: '2019-05-07',
    joPage: '4100',
  },
  answer: {
    text: 'La garde des sceaux indique que le programme immobilier pénitentiaire créera 15 000 places de prison.',
    joDate: '2019-09-10',
    joPage: '7800',
  },
  status: 'answered',
  closure: { code: 'REP_PUB', label: 'Réponse publiée', date: '2019-09-10' },
});
/** Two more of hers on prisons: the most frequent author on the subject, whatever else matches « prisons ». */
const morePrisons = [8081, 8082].map((number, i) =>
  makeQuestion({
    number,
    legislature: 15,
    rubrique: 'lieux de privation de liberté',
    teteAnalyse: 'prisons',
    analyses: [i ? 'maisons d’arrêt' : 'personnels pénitentiaires'],
    question: {
      text: `Mme Camille Dupont-Aignan interroge Mme la garde des sceaux sur les prisons (${i ? 'maisons d’arrêt' : 'personnels'}).`,
      joDate: `2019-0${6 + i}-04`,
      joPage: String(5000 + i),
    },
  }),
);

beforeAll(async () => {
  // Seeds + generated questions + 629 real oral questions (real deputies, ministries and texts).
  bot = await startBotOnCorpus({
    corpus: { generated: 300, extra: [prisons, ...morePrisons, ...realOralQuestions()] },
    bot: { clock: () => new Date('2025-06-01T08:00:00Z') },
  });
  ({ fake } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

function text(m: APIMessage): string {
  return [
    m.content,
    ...m.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join('\n');
}

describe('questions in plain French in Discord', () => {
  it('identifies with Guilds, GuildMessages and DirectMessages, without the privileged MessageContent', () => {
    expect(fake.identifyIntents & GUILD_MESSAGES_INTENT).toBeTruthy();
    expect(fake.identifyIntents & DIRECT_MESSAGES_INTENT).toBeTruthy();
    expect(fake.identifyIntents & MESSAGE_CONTENT_INTENT).toBe(0);
  });

  it('answers « combien » asked by mention with a trend chart, replying without a ping', async () => {
    const { done } = fake.userMessage('combien de questions sur la cybercriminalité ?', {
      mention: true,
      userId: freshUser(),
      timeoutMs: 30_000,
    });
    const { message, body } = await done;
    expect(message.content).toMatch(/Compris : \*\*combien de questions\*\*/);
    expect(message.content).toContain('/tendance texte:cybercriminalité');
    expect(message.embeds[0]?.image?.url).toBe('attachment://tendance.png');
    expect(message.attachments[0]?.filename).toBe('tendance.png');
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('answers « que répond » in a DM with excerpts of answers from that ministry', async () => {
    const { done } = fake.userMessage('que repond le ministere de la justice sur les prisons', {
      dm: true,
      userId: freshUser(),
      timeoutMs: 30_000,
    });
    const { message } = await done;
    expect(message.channel_id.startsWith('9')).toBe(true);
    expect(message.content).toMatch(/ce que le Gouvernement a répondu/);
    expect(text(message)).toContain('n° 8080');
    expect(text(message)).toMatch(/programme immobilier pénitentiaire/);
  });

  it('answers « qui » with a ranking of deputies, groups and ministries', async () => {
    const { done } = fake.userMessage('qui pose des questions sur les prisons ?', {
      mention: true,
      userId: freshUser(),
      timeoutMs: 30_000,
    });
    const { message } = await done;
    expect(message.embeds[0]?.fields?.map((f) => f.name)).toEqual(['Député·es', 'Groupes', 'Ministères interrogés']);
    expect(text(message)).toContain('Dupont-Aignan');
  });

  it('turns an unreadable message into a search with the slash command that would do better', async () => {
    const { done } = fake.userMessage('surpopulation carcérale', {
      mention: true,
      userId: freshUser(),
      timeoutMs: 30_000,
    });
    const { message } = await done;
    expect(message.content).toMatch(/Je n’ai pas reconnu de question précise/);
    expect(message.content).toContain('`/recherche texte:"surpopulation carcérale"`');
  });

  it('does not read guild messages that do not mention it', async () => {
    const { done } = fake.userMessage('combien de questions sur les prisons ?', {
      userId: freshUser(),
      timeoutMs: 1500,
    });
    await expect(done).rejects.toThrow(/no reply/);
  });

  it('searches from the message context menu, for the caller only', async () => {
    const target = fake.someonesMessage('Il faudrait regarder la surpopulation carcérale dans nos prisons');
    const res = await fake.messageCommand('Chercher des questions écrites', target, {
      userId: freshUser(),
      timeoutMs: 30_000,
    }).done;
    expect(res.ephemeral).toBe(true);
    expect(text(res.message)).toContain('n° 8080');
  });

  it('reads a real deputy’s name in a real corpus and charts their questions', async () => {
    const { done } = fake.userMessage('combien de questions de clementine autain ?', {
      mention: true,
      userId: freshUser(),
      timeoutMs: 30_000,
    });
    const { message } = await done;
    expect(message.content).toContain('depute:"Mme Clémentine Autain"');
    expect(message.attachments[0]?.description).toMatch(/^\d+ questions? \(député·e : Mme Clémentine Autain\)/);
  });

  it('answers /demander like a mention', async () => {
    const res = await fake.command(
      'demander',
      { texte: 'quelles questions de Mme Dupont-Aignan sont sans réponse ?' },
      { userId: freshUser(), timeoutMs: 30_000 },
    ).done;
    expect(res.message.content).toMatch(/les questions sans réponse/);
    expect(res.message.content).toContain('depute:"Mme Camille Dupont-Aignan"');
  });
});
