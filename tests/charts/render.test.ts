import { afterAll, describe, expect, it } from 'vitest';
import { ChartService } from '../../src/charts/ChartService';
import { pngSize } from '../../src/charts/renderChart';
import { corpusSpec, palmaresSpec, profileSpec, trendSpec } from '../../src/charts/specs';
import { addMonths, rankMinistries } from '../../src/insights/palmares';
import { aggregateTrend, delayDistribution, type TrendFact } from '../../src/insights/trend';
import { decodePng } from './support';

function facts(n: number): TrendFact[] {
  return Array.from({ length: n }, (_, i) => {
    const month = String((i % 12) + 1).padStart(2, '0');
    const status = i % 5 === 0 ? 'pending' : i % 11 === 0 ? 'withdrawn' : 'answered';
    return {
      uid: `Q${i}`,
      status,
      questionDate: `202${3 + (i % 2)}-${month}-05`,
      answerDate: status === 'answered' ? `202${3 + (i % 2)}-${month}-${String(10 + (i % 18)).padStart(2, '0')}` : null,
      author: `M. Député ${i % 7}`,
      group: ['RN', 'LFI', 'LR'][i % 3]!,
      ministry: ['Justice', 'Intérieur'][i % 2]!,
    } as TrendFact;
  });
}

describe('trend aggregation', () => {
  it('counts per month over a short span, per year over a long one, with empty periods kept', () => {
    const t = aggregateTrend(facts(200));
    expect(t.granularity).toBe('month');
    expect(t.periods[0]!.period).toBe('2023-01');
    expect(t.periods).toHaveLength(24);
    expect(t.periods.reduce((n, p) => n + p.total, 0)).toBe(200);
    const long = aggregateTrend([
      ...facts(10),
      { ...facts(1)[0]!, uid: 'old', questionDate: '2012-03-01', answerDate: null, status: 'pending' },
    ]);
    expect(long.granularity).toBe('year');
    expect(long.periods.map((p) => p.period)).toContain('2015');
  });

  it('ranks ministries by the share answered within two calendar months', () => {
    expect(addMonths('2023-12-31', 2)).toBe('2024-02-29');
    const p = rankMinistries(
      [
        { ministry: 'A', status: 'answered', questionDate: '2024-01-10', answerDate: '2024-03-10' },
        { ministry: 'A', status: 'answered', questionDate: '2024-01-10', answerDate: '2024-03-11' },
        { ministry: 'B', status: 'answered', questionDate: '2024-01-10', answerDate: '2024-01-20' },
        { ministry: 'B', status: 'pending', questionDate: '2024-05-01', answerDate: null },
        { ministry: 'B', status: 'pending', questionDate: '2025-05-20', answerDate: null },
      ],
      { today: '2025-06-01' },
    );
    // Both answer half within the limit; B's median delay (10 days) beats A's (60.5 days).
    expect(
      p.ranks.map((r) => [r.ministry, r.answeredWithinLimit, r.eligible, r.pendingPastLimit, r.medianDelayDays]),
    ).toEqual([
      ['B', 1, 2, 1, 10],
      ['A', 1, 2, 0, 60.5],
    ]);
  });
});

describe('chart rendering in the worker', () => {
  const service = new ChartService({ timeoutMs: 30_000 });
  afterAll(() => service.close());

  it('renders each chart as a PNG of the stated size that is not blank, in French', async () => {
    const t = aggregateTrend(facts(300));
    const specs = [
      trendSpec(t, 'Questions sur « test »'),
      profileSpec(t, delayDistribution(facts(300)), 'M. Test'),
      palmaresSpec(
        rankMinistries(
          facts(300).map((f) => ({ ...f })),
          { today: '2025-06-01', minEligible: 1 },
        ),
        'Palmarès',
      ),
      corpusSpec(
        [
          { legislature: 16, status: 'answered', count: 12_345 },
          { legislature: 16, status: 'pending', count: 2_000 },
        ],
        'Corpus',
      ),
    ];
    for (const spec of specs) {
      const r = await service.render(spec);
      expect(pngSize(r.png)).toEqual({ width: r.width, height: r.height });
      const d = decodePng(r.png);
      expect([d.width, d.height]).toEqual([r.width, r.height]);
      expect(d.colours).toBeGreaterThan(8);
      expect(d.inked).toBeGreaterThan(0.02);
    }
  });

  it('serves the same chart from the cache, and a new figure renders anew', async () => {
    const spec = trendSpec(aggregateTrend(facts(50)), 'cache');
    const first = await service.render(spec);
    const again = await service.render(spec);
    expect(again.cached).toBe(true);
    expect(again.png.equals(first.png)).toBe(true);
    const other = await service.render(trendSpec(aggregateTrend(facts(51)), 'cache'));
    expect(other.cached).toBe(false);
  });

  it('renders a chart asked for by many at once only once', async () => {
    const spec = trendSpec(aggregateTrend(facts(77)), 'ensemble');
    const before = service.rendered;
    const all = await Promise.all(Array.from({ length: 10 }, () => service.render(spec)));
    expect(service.rendered - before).toBe(1);
    expect(all.every((r) => r.png.equals(all[0]!.png))).toBe(true);
  });

  it('restarts its worker after the worker dies', async () => {
    await service.render(trendSpec(aggregateTrend(facts(20)), 'avant'));
    const before = service.workerThreadId;
    await service.terminateWorker();
    const r = await service.render(trendSpec(aggregateTrend(facts(21)), 'après'));
    expect(r.cached).toBe(false);
    expect(service.workerThreadId).not.toBe(before);
  });
});
