import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CampaignStore } from '../../src/campaigns/CampaignStore';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { tempDir } from '../support/botCorpus';
import { campaignCorpus, TELEMEDECINE_FIRST } from '../support/campaignCorpus';

const NOW = '2025-06-01T08:00:00.000Z';
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function freshStore(): QuestionStore {
  const t = tempDir('campaigns-');
  const store = openStore(path.join(t.dir, 'q.db'));
  cleanups.push(() => {
    store.close();
    t.cleanup();
  });
  return store;
}

/** Each campaign as the sorted uids of its members, sorted. */
function partition(c: CampaignStore): string[][] {
  return c
    .largest({ limit: 100 })
    .map((s) => c.members(s.id).sort())
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('campaigns in the database', () => {
  it('groups the campaigns, summarises them and leaves the lookalikes alone', () => {
    const store = freshStore();
    store.upsertQuestions(campaignCorpus(), { seenAt: NOW });
    const campaigns = new CampaignStore(store);
    const report = campaigns.update();
    expect(report.mode).toBe('full');
    expect(report.campaigns).toBe(2);
    const [tele, dedoublement] = campaigns.largest();
    expect(tele).toMatchObject({
      size: 8,
      firstDate: '2025-03-02',
      lastDate: '2025-03-16',
      authors: 8,
      groups: 3,
      ministry: 'Intérieur',
      answered: 5,
      commonAnswer: 5,
      chambers: ['an'],
      legislatures: [17],
    });
    expect(tele!.subject).toMatch(/^sur l'expérimentation de valise de télémédecine/);
    expect(dedoublement!.size).toBe(3);
    expect(campaigns.members(tele!.id)[0]).toBe(TELEMEDECINE_FIRST);
    // Lookalikes: in no campaign, but two of them share one answer.
    expect(campaigns.ofQuestion('QANR5L17QE9201')).toEqual({ campaign: null, commonAnswer: 2 });
    expect(campaigns.ofQuestion('QANR5L17QE9203')).toEqual({ campaign: null, commonAnswer: 0 });
    expect(campaigns.ofQuestion('QANR5L17QE9002').campaign?.id).toBe(tele!.id);
  });

  it('assigns the questions of a later ingest without a full pass, as a full pass would', () => {
    const all = campaignCorpus();
    const store = freshStore();
    // The first two of each campaign, then the rest in a second ingest (two batches).
    const later = new Set(['QANR5L17QE9003', 'QANR5L17QE9004', 'QANR5L17QE9005', 'QANR5L17QE9103']);
    store.upsertQuestions(
      all.filter((q) => !later.has(q.uid)),
      { seenAt: NOW },
    );
    const campaigns = new CampaignStore(store);
    campaigns.update();
    expect(campaigns.largest().map((c) => c.size)).toEqual([5, 2]);
    store.upsertQuestions(
      all.filter((q) => later.has(q.uid)),
      { seenAt: NOW },
    );
    const report = campaigns.update();
    expect(report).toMatchObject({ mode: 'incremental', questions: 4, campaigns: 2, members: 11 });
    const incremental = partition(campaigns);
    campaigns.rebuild();
    expect(partition(campaigns)).toEqual(incremental);
  });

  it('lets the questions of one later ingest find each other, and a changed text join a campaign, as a full pass would', () => {
    const all = campaignCorpus();
    const store = freshStore();
    // First: one question of « télémédecine », none of « dédoublement », the lookalikes; then all the others at once
    // (a whole campaign in one batch, and questions joining one that the same batch started).
    const first = new Set(['QANR5L17QE9001', 'QANR5L17QE9201', 'QANR5L17QE9202', 'QANR5L17QE9203', 'QANR5L17QE9204']);
    store.upsertQuestions(
      all.filter((q) => first.has(q.uid)),
      { seenAt: NOW },
    );
    const campaigns = new CampaignStore(store);
    campaigns.update();
    expect(campaigns.largest()).toEqual([]);
    const lookalike = all.find((q) => q.uid === 'QANR5L17QE9203')!;
    const tele = all.find((q) => q.uid === 'QANR5L17QE9002')!;
    store.upsertQuestions(
      [
        ...all.filter((q) => !first.has(q.uid)),
        // An older question whose text changes to the campaign's: it joins it.
        { ...lookalike, question: { ...lookalike.question!, text: tele.question!.text } },
      ],
      { seenAt: NOW },
    );
    const report = campaigns.update();
    expect(report).toMatchObject({ mode: 'incremental', campaigns: 2, members: 12 });
    expect(campaigns.ofQuestion('QANR5L17QE9203').campaign?.size).toBe(9);
    // The first question, alone until this ingest, is in the campaign it names (it was left out before).
    expect(campaigns.members(campaigns.ofQuestion('QANR5L17QE9203').campaign!.id)).toContain(TELEMEDECINE_FIRST);
    expect(campaigns.ofQuestion(TELEMEDECINE_FIRST).campaign?.size).toBe(9);
    const incremental = partition(campaigns);
    campaigns.rebuild();
    expect(partition(campaigns)).toEqual(incremental);
  });

  it('filters the list by words of the subject, legislature and period', () => {
    const store = freshStore();
    store.upsertQuestions(campaignCorpus(), { seenAt: NOW });
    const campaigns = new CampaignStore(store);
    campaigns.update();
    expect(campaigns.largest({ text: 'télémédecines' }).map((c) => c.size)).toEqual([8]);
    expect(campaigns.largest({ text: 'le dédoublement' }).map((c) => c.size)).toEqual([3]);
    expect(campaigns.largest({ since: '2025-04-01' }).map((c) => c.size)).toEqual([3]);
    expect(campaigns.largest({ legislature: 16 })).toEqual([]);
  });
});
