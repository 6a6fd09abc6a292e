import { describe, expect, it } from 'vitest';
import {
  buildDigest,
  countsHeading,
  LIMITS,
  MARKER_RESERVE,
  messageEmbedChars,
  withMarker,
} from '../../src/digest/buildDigest';
import type { OutgoingMessage } from '../../src/digest/types';
import { item, makeQuestion } from './support/questions';

const opts = { title: 'Questions écrites — mardi 4 mars 2025' };

function assertWithinLimits(messages: OutgoingMessage[]): void {
  for (const m of messages) {
    expect(m.content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    expect(messageEmbedChars(m)).toBeLessThanOrEqual(LIMITS.embedCharsPerMessage - MARKER_RESERVE);
    for (const e of m.embeds) {
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    }
    expect(m.allowed_mentions).toEqual({ parse: [] });
  }
}

/** Every linked question number shown in the messages, in order. */
function shownNumbers(messages: OutgoingMessage[]): number[] {
  const text = messages.flatMap((m) => m.embeds.map((e) => e.description ?? '')).join('\n');
  return [...text.matchAll(/\*\*\[n° (\d+)\]\(/g)].map((m) => Number(m[1]));
}

describe('buildDigest', () => {
  it('posts nothing on an empty day', () => {
    expect(buildDigest([], opts)).toEqual([]);
  });

  it('writes a long delay with French digit grouping, like every other count: « après 1 155 jours »', () => {
    const late = makeQuestion({
      number: 7,
      answerText: 'Réponse tardive.',
      questionDate: '2022-01-04',
      answerDate: '2025-03-04',
    });
    const [m] = buildDigest([item(late, 'new_answer')], opts);
    expect(m!.embeds[0]!.description).toMatch(/après 1\s155 jours/u);
    expect(m!.content).toContain('1 réponse publiée');
  });

  it('heads the digest with the counts and groups new questions before answers', () => {
    const q1 = makeQuestion({ number: 11 });
    const q2 = makeQuestion({ number: 12 });
    const q3 = makeQuestion({ number: 13 });
    const a1 = makeQuestion({
      number: 5,
      answerText: 'Le Gouvernement a renforcé les moyens des urgences.',
      questionDate: '2025-01-07',
      answerDate: '2025-03-04',
    });
    const a2 = makeQuestion({ number: 6, answerText: 'Réponse courte.' });
    const messages = buildDigest(
      [
        item(a1, 'new_answer'),
        item(q2, 'new_question'),
        item(q1, 'new_question'),
        item(a2, 'new_answer'),
        item(q3, 'new_question'),
      ],
      opts,
    );
    expect(messages).toHaveLength(1);
    const m = messages[0]!;
    expect(m.content).toContain('3 nouvelles questions, 2 réponses publiées');
    expect(m.content).not.toContain('partie');
    expect(m.embeds.map((e) => e.title)).toEqual(['Nouvelles questions (3)', 'Réponses publiées (2)']);
    expect(shownNumbers(messages)).toEqual([11, 12, 13, 5, 6]);
    const answers = m.embeds[1]!.description!;
    expect(answers).toContain('après 56 jours');
    expect(answers).toContain('> Le Gouvernement a renforcé');
    expect(answers).toContain(`(${a1.url})`);
    expect(m.embeds[0]!.description).toContain('Mme Claire Martin (GT) → Santé');
  });

  it('says « 1 nouvelle question » in the singular and names transfers and withdrawals', () => {
    expect(countsHeading({ new_question: 1, new_answer: 1, transfer: 2, closed: 1 })).toBe(
      '1 nouvelle question, 1 réponse publiée, 2 changements de ministère, 1 question retirée ou caduque',
    );
    const t = makeQuestion({ number: 20, ministry: 'Intérieur' });
    const c = makeQuestion({ number: 21, closure: { label: 'Retirée', date: '2025-03-04' } });
    const [m] = buildDigest([item(t, 'transfer', { from: 'Justice', to: 'Intérieur' }), item(c, 'closed')], opts);
    expect(m!.embeds[0]!.description).toContain('transférée : Justice → Intérieur');
    expect(m!.embeds[1]!.description).toContain('Retirée le 4 mars 2025');
  });

  it('shows one entry per question and kind even when events repeat', () => {
    const q = makeQuestion({ number: 30 });
    const messages = buildDigest([item(q, 'new_question'), item(q, 'new_question')], opts);
    expect(shownNumbers(messages)).toEqual([30]);
    expect(messages[0]!.content).toContain('1 nouvelle question');
  });

  it('splits a large day across numbered messages within every limit, dropping nothing', () => {
    const longText = 'Le ministère rappelle que '.repeat(2000);
    const items = Array.from({ length: 180 }, (_, i) =>
      i % 2 === 0
        ? item(makeQuestion({ number: 1000 + i, analyses: ['x'.repeat(400)], questionText: longText }), 'new_question')
        : item(makeQuestion({ number: 1000 + i, answerText: longText, rubrique: 'é'.repeat(300) }), 'new_answer'),
    );
    const messages = buildDigest(items, { ...opts, maxMessages: 100 });
    expect(messages.length).toBeGreaterThan(2);
    assertWithinLimits(messages);
    const numbers = shownNumbers(messages);
    expect(new Set(numbers).size).toBe(180);
    messages.forEach((m, i) => {
      expect(m.content).toContain(`partie ${i + 1}/${messages.length}`);
    });
    expect(messages[1]!.content).toContain('suite');
    expect(messages.some((m) => m.embeds.some((e) => e.title?.endsWith('(suite)')))).toBe(true);
    // The marker still fits after packing.
    for (const m of messages) assertWithinLimits([withMarker(m, 'qe0123456789abcdef0123456')]);
  });

  it('caps a flood at a few messages and says how many items are not shown', () => {
    const items = Array.from({ length: 400 }, (_, i) =>
      item(makeQuestion({ number: 5000 + i, analyses: ['y'.repeat(300)] }), 'new_question'),
    );
    const messages = buildDigest(items, { ...opts, maxMessages: 3 });
    expect(messages).toHaveLength(3);
    assertWithinLimits(messages);
    const shown = shownNumbers(messages).length;
    const last = messages[2]!.content;
    expect(last).toContain(`… et ${400 - shown} autres non affichés ici`);
    expect(messages[0]!.content).toContain('400 nouvelles questions');
  });

  it('escapes corpus Markdown and neutralises mentions', () => {
    const q = makeQuestion({
      number: 40,
      rubrique: '**gras** _penché_',
      author: 'M. Jean @everyone <@123456789012345678>',
      answerText: 'Voir `code` et @here ~~barré~~',
    });
    const [m] = buildDigest([item(q, 'new_answer')], opts);
    const d = m!.embeds[0]!.description!;
    expect(d).toContain('\\*\\*gras\\*\\*');
    expect(d).toContain('\\_penché\\_');
    expect(d).not.toMatch(/@everyone|@here/);
    expect(d).not.toContain('<@123');
    expect(d).toContain('\\`code\\`');
    expect(m!.allowed_mentions).toEqual({ parse: [] });
  });

  it('escapes the subtitle built from user input', () => {
    const [m] = buildDigest([item(makeQuestion(), 'new_question')], {
      ...opts,
      subtitle: 'mots-clés : **x** @everyone',
    });
    expect(m!.content).toContain('\\*\\*x\\*\\*');
    expect(m!.content).not.toContain('@everyone');
  });
});
