/** The pure part of forum digests (titles, tags, role mention) and the forum posts' bounded record. */
import { afterEach, describe, expect, it } from 'vitest';
import { forumPostTitle, postTags, tagsAfter, withRoleMention } from '../../src/digest/forum';
import { makeQuestion } from './support/questions';
import { newSubscription, openTestDb, type TestDb } from './support/store';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

describe('forum posts', () => {
  it('titles a post within 100 characters, as plain text that mentions nobody', () => {
    const title = forumPostTitle(makeQuestion({ number: 4242, analyses: ['« @everyone » <@123> '.repeat(20)] }));
    expect(title.length).toBeLessThanOrEqual(100);
    expect(title.startsWith('n° 4242 · santé / hôpitaux')).toBe(true);
    expect(title).not.toMatch(/<@\d/);
  });

  it('tags a post with its subject (cut to 20 characters) and state; an event replaces the state only', () => {
    expect(postTags(makeQuestion({ rubrique: 'enseignement supérieur et recherche' }), 'new_question')).toEqual([
      'enseignement supéri…',
      'en attente',
    ]);
    expect(postTags(makeQuestion({ rubrique: null, ministry: 'Culture' }), 'new_answer')).toEqual([
      'Culture',
      'répondue',
    ]);
    expect(tagsAfter(['santé', 'en attente'], 'répondue')).toEqual(['santé', 'répondue']);
    expect(tagsAfter(['santé', 'transférée', 'a', 'b', 'c'], 'répondue')).toEqual(['santé', 'a', 'b', 'c', 'répondue']);
  });

  it('mentions the chosen role first and lets only it ping', () => {
    const m = withRoleMention({ content: 'Bonjour', embeds: [], allowed_mentions: { parse: [] } }, '42');
    expect(m.content).toBe('<@&42> Bonjour');
    expect(m.allowed_mentions).toEqual({ parse: [], roles: ['42'] });
    const same = { content: 'x', embeds: [], allowed_mentions: { parse: [] as [] } };
    expect(withRoleMention(same, null)).toBe(same);
  });

  it('records a post for a question’s first event, replies for the next, and a new post when the first was never made', () => {
    t = openTestDb();
    const t0 = new Date('2025-03-03T12:00:00Z');
    t.store.upsertQuestions([makeQuestion({ number: 1 })], { seenAt: t0.toISOString() });
    const sub = t.service.addSubscription(
      newSubscription({
        guildId: 'g',
        channelId: 'forum',
        channelKind: 'forum',
      }),
      t0,
    );
    t.store.upsertQuestions([makeQuestion({ number: 7 }), makeQuestion({ number: 8 })], {
      seenAt: '2025-03-04T05:00:00.000Z',
    });
    t.service.recordDueDigests(new Date('2025-03-04T07:00:00Z'));
    const first = t.repo.listDeliveries();
    expect(first.map((d) => d.kind)).toEqual(['forum_post', 'forum_post']);
    // Question 8's post is abandoned (the forum was unreachable then); question 7's is made.
    t.repo.markSent(first[0]!.id, '900', new Date('2025-03-04T07:01:00Z'));
    t.repo.setForumThread(sub.id, first[0]!.uid!, '900', []);
    t.repo.abandonDelivery(first[1]!.id, 'salon inaccessible');
    t.store.upsertQuestions(
      [7, 8].map((number) => makeQuestion({ number, answerText: 'Réponse.', answerDate: '2025-03-05' })),
      { seenAt: '2025-03-05T05:00:00.000Z' },
    );
    t.service.recordDueDigests(new Date('2025-03-05T07:00:00Z'));
    const next = t.repo.listDeliveries().slice(2);
    expect(next.map((d) => [d.kind, d.uid, d.tags])).toEqual([
      ['forum_reply', first[0]!.uid, ['répondue']],
      ['forum_post', first[1]!.uid, ['santé', 'répondue']],
    ]);
  });

  it('forgets closed posts after the history retention and every post after two years, never a pending one', () => {
    t = openTestDb();
    const at = (d: string) => new Date(`${d}T00:00:00Z`);
    t.repo.recordForumPost(1, 'open', at('2025-01-01'));
    t.repo.setForumThread(1, 'open', '1', []);
    t.repo.recordForumPost(1, 'locked', at('2025-01-01'));
    t.repo.setForumThread(1, 'locked', '2', []);
    t.repo.closeForumPost(1, 'locked', 'locked', 'fil verrouillé');
    t.repo.recordForumPost(1, 'pending', at('2020-01-01'));
    t.repo.recordForumPost(1, 'old', at('2022-01-01'));
    t.repo.setForumThread(1, 'old', '3', []);
    const pruned = t.repo.pruneHistory(at('2025-02-01'), at('2023-02-01'));
    expect(pruned.posts).toBe(2);
    expect(['open', 'locked', 'pending', 'old'].map((uid) => t!.repo.getForumPost(1, uid) !== null)).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});
