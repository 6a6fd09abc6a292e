/**
 * Refresh -> events -> digests, with real parts: generated official archives (day 1, then day 2 with new
 * questions, answers, transfers and withdrawals) served over loopback HTTP with ETags, the real ingest and store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planEvolution, type EvolutionPlan } from '../../tools/generator/planEvolution';
import { ingest } from '../../src/corpus/ingest';
import type { Question } from '../../src/corpus/types';
import { foldText as fold } from '../../src/text/fold';
import type { NewSubscription } from '../../src/digest/DigestRepository';
import { runRefresh } from '../../src/digest/refresh';
import type { EventKind } from '../../src/store/types';
import { archiveBytes, startArchiveServer, type ArchiveServer } from './support/archive';
import { MemoryPoster } from './support/memoryPoster';
import { postedItems as postedEntries } from './support/posted';
import { newSubscription, openTestDb, type TestDb } from './support/store';

const DAY1_NOW = new Date('2025-06-02T04:30:00Z');
const DAY2_NOW = new Date('2025-06-03T04:30:00Z');
const DIGEST_NOW = new Date('2025-06-03T06:00:00Z'); // 08:00 Paris (summer)
const SEED = 4242;

const postedItems = (messages: Array<{ body: { embeds: Array<{ title?: string; description?: string }> } }>) =>
  postedEntries(messages.map((m) => m.body));

let t: TestDb;
let server: ArchiveServer;
let plan: EvolutionPlan;
let work: string;
const poster = new MemoryPoster();

function sub(channelId: string, o: Partial<NewSubscription> = {}): NewSubscription {
  return newSubscription({ guildId: 'g', channelId, ...o });
}

beforeAll(async () => {
  t = openTestDb();
  work = mkdtempSync(path.join(os.tmpdir(), 'digest-archive-'));
  plan = planEvolution(
    { count: 240, seed: SEED, legislature: 17 },
    { newQuestions: 9, newAnswers: 7, transfers: 4, withdrawals: 3 },
  );
  // Deputies first (names for the deputy filter), written by the generator beside day 1.
  const acteursZip = path.join(work, 'acteurs.zip');
  server = await startArchiveServer();
  server.body = await archiveBytes({
    questions: plan.day1Questions,
    out: path.join(work, 'day1.zip'),
    seed: SEED,
    acteursOut: acteursZip,
  });
  await ingest([acteursZip], { store: t.store, now: DAY1_NOW });
});

afterAll(async () => {
  await server?.close();
  t?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('refresh then digest', () => {
  const all = (): Array<{ kind: EventKind; uid: string }> => [
    ...plan.changes.newQuestions.map((uid) => ({ kind: 'new_question' as const, uid })),
    ...plan.changes.newAnswers.map((uid) => ({ kind: 'new_answer' as const, uid })),
    ...plan.changes.transfers.map((uid) => ({ kind: 'transfer' as const, uid })),
    ...plan.changes.withdrawals.map((uid) => ({ kind: 'closed' as const, uid })),
  ];
  const label = (items: Array<{ kind: EventKind; uid: string }>) => items.map((i) => `${i.kind} ${i.uid}`).sort();
  let questions: Map<string, Question>;

  it('takes day 1 as a baseline: recorded, never posted', async () => {
    const outcome = await runRefresh({
      store: t.store,
      url: server.url,
      now: DAY1_NOW,
      cacheDir: path.join(work, 'cache'),
    });
    expect(outcome).toMatchObject({ ok: true, unchanged: false, failures: 0 });
    expect(outcome.summary!.baselineEvents).toBeGreaterThan(0);
    expect(t.store.count()).toBe(240);
  });

  it('posts exactly the expected items to each subscription after day 2, and nothing on a second run', async () => {
    const cacheDir = path.join(work, 'cache');
    const s = {
      all: t.service.addSubscription(sub('all'), DAY1_NOW),
      answers: t.service.addSubscription(sub('answers', { content: 'reponses' }), DAY1_NOW),
    };
    server.body = await archiveBytes({ questions: plan.day2Questions, out: path.join(work, 'day2.zip'), seed: SEED });
    const outcome = await runRefresh({ store: t.store, url: server.url, now: DAY2_NOW, cacheDir });
    expect(outcome.ok).toBe(true);
    expect(outcome.summary!.baselineEvents).toBe(0);
    questions = new Map(t.store.getQuestions(all().map((i) => i.uid)).map((q) => [q.uid, q]));

    // Filters chosen from the day-2 changes themselves.
    const answered = questions.get(plan.changes.newAnswers[0]!)!;
    const deputyName = answered.author.name!;
    const ministry = questions.get(plan.changes.newQuestions[0]!)!.ministryAssigned!.name;
    const rubrique = questions.get(plan.changes.transfers[0]!)!.rubrique!;
    const keyword = fold(rubrique)
      .split(/[^a-z]+/)
      .find((w) => w.length >= 5)!;
    const subs = {
      deputy: t.service.addSubscription(sub('deputy', { deputy: deputyName }), DAY1_NOW),
      ministry: t.service.addSubscription(sub('ministry', { ministry }), DAY1_NOW),
      rubrique: t.service.addSubscription(sub('rubrique', { rubrique }), DAY1_NOW),
      keyword: t.service.addSubscription(sub('keyword', { keywords: keyword }), DAY1_NOW),
    };
    // Created after day 2, they would not see it (no back-fill): rewind their cursor as if created with the others.
    for (const x of Object.values(subs))
      t.store.db.prepare('UPDATE digest_subscriptions SET cursor = ? WHERE id = ?').run(s.all.cursor, x.id);
    const lateOne = t.service.addSubscription(sub('late'), DAY1_NOW);
    expect(lateOne.cursor).toBe(t.store.maxEventId());

    const report = await t.service.tick(poster, () => DIGEST_NOW, { sleep: async () => {} });
    expect(report.delivery.retryLater).toBe(0);

    expect(postedItems(poster.in('all'))).toEqual(label(all()));
    expect(postedItems(poster.in('answers'))).toEqual(label(all().filter((i) => i.kind === 'new_answer')));
    const byDeputy = all().filter((i) => questions.get(i.uid)!.author.name === deputyName);
    expect(byDeputy.length).toBeGreaterThan(0);
    expect(postedItems(poster.in('deputy'))).toEqual(label(byDeputy));
    const ministryNames = (q: Question) => [
      q.ministryAsked?.name,
      q.ministryAssigned?.name,
      ...q.ministryHistory.map((h) => h.ministry.name),
    ];
    const byMinistry = all().filter((i) =>
      ministryNames(questions.get(i.uid)!).some((n) => n && fold(n).includes(fold(ministry))),
    );
    expect(postedItems(poster.in('ministry'))).toEqual(label(byMinistry));
    const byRubrique = all().filter((i) => fold(questions.get(i.uid)!.rubrique ?? '').includes(fold(rubrique)));
    expect(postedItems(poster.in('rubrique'))).toEqual(label(byRubrique));
    // Keyword: a folded word match (plural/feminine endings) in the title or texts.
    const wordRe = new RegExp(`\\b${keyword.slice(0, -1)}[a-z]{0,3}\\b`);
    const textOf = (q: Question) =>
      fold([q.rubrique, q.teteAnalyse, ...q.analyses, q.question?.text, q.answer?.text].join(' '));
    const byKeyword = all().filter((i) => wordRe.test(textOf(questions.get(i.uid)!)));
    expect(byKeyword.length).toBeGreaterThan(0);
    expect(postedItems(poster.in('keyword'))).toEqual(label(byKeyword));
    expect(poster.in('late')).toHaveLength(0);

    const heading = poster.in('all')[0]!.body.content;
    expect(heading).toContain(
      '9 nouvelles questions, 7 réponses publiées, 4 changements de ministère, 3 questions retirées ou caduques',
    );

    // Second run, same day and the next: nothing more.
    const count = poster.messages.length;
    await t.service.tick(poster, () => new Date(DIGEST_NOW.getTime() + 60_000), { sleep: async () => {} });
    const again = await runRefresh({
      store: t.store,
      url: server.url,
      now: new Date('2025-06-04T04:30:00Z'),
      cacheDir,
    });
    expect(again).toMatchObject({ ok: true, unchanged: true });
    expect(server.requests.at(-1)).toMatchObject({ status: 304 });
    await t.service.tick(poster, () => new Date('2025-06-04T06:00:00Z'), { sleep: async () => {} });
    expect(poster.messages).toHaveLength(count);
    expect([...poster.nonceCounts().values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps posting what is known when the download fails, and schedules a retry with backoff', async () => {
    const keep = server.body;
    server.body = null;
    const first = await runRefresh({
      store: t.store,
      url: server.url,
      now: new Date('2025-06-05T04:30:00Z'),
      cacheDir: path.join(work, 'cache'),
    });
    const second = await runRefresh({
      store: t.store,
      url: server.url,
      now: new Date('2025-06-05T04:35:00Z'),
      cacheDir: path.join(work, 'cache'),
    });
    expect(first).toMatchObject({ ok: false, failures: 1 });
    expect(second).toMatchObject({ ok: false, failures: 2 });
    expect(second.retryAt!.getTime() - new Date('2025-06-05T04:35:00Z').getTime()).toBeGreaterThan(
      first.retryAt!.getTime() - new Date('2025-06-05T04:30:00Z').getTime(),
    );
    expect(second.message).toContain('HTTP 500');
    server.body = keep;
    const recovered = await runRefresh({
      store: t.store,
      url: server.url,
      now: new Date('2025-06-05T05:00:00Z'),
      cacheDir: path.join(work, 'cache'),
    });
    expect(recovered).toMatchObject({ ok: true, failures: 0 });
  });
});
