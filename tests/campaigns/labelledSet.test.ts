import { describe, expect, it } from 'vitest';
import { labelledPairs, measureCampaigns } from '../support/campaignSet';

describe('campaign detection on the labelled set', () => {
  const pairs = labelledPairs();

  it('holds real texts, derived variants and lookalikes, each pair with its reason', () => {
    const kinds = new Set(pairs.map((p) => p.kind));
    for (const k of ['real-repost', 'synthetic-combined', 'real-lookalike', 'synthetic-lookalike']) {
      expect(kinds).toContain(k);
    }
    expect(pairs.every((p) => p.reason.length > 20)).toBe(true);
    expect(pairs.filter((p) => p.same).length).toBeGreaterThan(100);
    expect(pairs.filter((p) => !p.same).length).toBeGreaterThan(100);
  });

  it('finds the same campaign with precision >= 0.95 and recall >= 0.9', () => {
    const s = measureCampaigns(pairs);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('never joins a lookalike: same subject, different text', () => {
    const s = measureCampaigns(pairs.filter((p) => p.kind.endsWith('lookalike')));
    expect(s.byKind['real-lookalike']!.judgedSame).toBe(0);
    expect(s.byKind['synthetic-lookalike']!.judgedSame).toBe(0);
  });
});
