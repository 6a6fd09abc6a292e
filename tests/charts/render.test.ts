import { afterAll, describe, expect, it } from 'vitest';
import { ChartService } from '../../src/charts/ChartService';
import { pngSize } from '../../src/charts/renderChart';
import { describePalmares } from '../../src/charts/describe';
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

describe('the palmarès chart and text', () => {
  const subtitle = (spec: object) => ((spec as { title: { subtitle: string[] } }).title.subtitle ?? []).join(' ');
  const panels = (spec: object) =>
    (spec as { hconcat: Array<{ title: { text: string } }> }).hconcat.map((h) => h.title.text);

  it('names one ministry in the singular: « le ministère le plus interrogé »', () => {
    const one = rankMinistries(
      [{ ministry: 'A', status: 'answered', questionDate: '2024-01-10', answerDate: '2024-02-10' }],
      { today: '2025-06-01' },
    );
    expect(subtitle(palmaresSpec(one, 'P'))).toContain('; le ministère le plus interrogé.');
    expect(subtitle(palmaresSpec(one, 'P'))).not.toMatch(/les 1 /);
    const two = rankMinistries(
      [
        { ministry: 'A', status: 'answered', questionDate: '2024-01-10', answerDate: '2024-02-10' },
        { ministry: 'B', status: 'answered', questionDate: '2024-01-10', answerDate: '2024-02-10' },
      ],
      { today: '2025-06-01' },
    );
    expect(subtitle(palmaresSpec(two, 'P'))).toContain('; les 2 ministères les plus interrogés.');
  });

  it('shows for a closed legislature the share that lapsed unanswered, not a panel of zeros pending', () => {
    const facts = [
      { ministry: 'A', status: 'answered' as const, questionDate: '2016-01-12', answerDate: '2016-02-10' },
      { ministry: 'A', status: 'withdrawn' as const, questionDate: '2016-03-01', answerDate: null },
      { ministry: 'B', status: 'answered' as const, questionDate: '2016-01-12', answerDate: '2016-06-10' },
      { ministry: 'B', status: 'withdrawn' as const, questionDate: '2016-03-01', answerDate: null },
      { ministry: 'B', status: 'withdrawn' as const, questionDate: '2016-04-01', answerDate: null },
    ];
    const closed = rankMinistries(facts, { today: '2025-06-01', legislature: 14 });
    expect(closed.closed).toBe(true);
    expect(closed.ranks.map((r) => [r.ministry, r.unanswered, r.total])).toEqual([
      ['A', 1, 2],
      ['B', 2, 3],
    ]);
    const spec = palmaresSpec(closed, 'P');
    expect(panels(spec)).toEqual(['répondues dans les 2 mois', 'délai médian (jours)', 'sans réponse']);
    expect(subtitle(spec)).toContain('part des questions restées sans réponse (caduques ou retirées)');
    const text = describePalmares(closed).replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('60 % restées sans réponse (caduques ou retirées)');
    expect(text).toContain('1. A : 100 % dans les 2 mois (1/1), délai médian 29 jours, 50 % sans réponse');
    expect(text).not.toContain('en attente');
    // A legislature with questions still pending keeps its « en attente > 2 mois » panel.
    const open = rankMinistries([...facts, { ...facts[1]!, status: 'pending' as const }], {
      today: '2025-06-01',
      legislature: 17,
    });
    expect(open.closed).toBe(false);
    expect(panels(palmaresSpec(open, 'P'))).toContain('en attente > 2 mois');
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
