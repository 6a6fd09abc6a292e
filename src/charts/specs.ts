/**
 * The charts as Vega-Lite specs: pure functions from aggregated figures to JSON (no drawing here; the spec is
 * what the worker renders and what the cache hashes). Every spec carries its data, the theme and French labels.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ChamberComparison, Palmares } from '../insights/palmares';
import { CHAMBER_MARKS } from '../format/french';
import type { DelayBin, Trend } from '../insights/trend';
import type { QuestionStatus } from '../corpus/types';
import { frNoun, frNumber } from '../format/french';
import { OKABE_ITO, SOURCE_LINE, STATUS_COLORS, STATUS_LABELS, VEGA_CONFIG } from './theme';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const STATUSES: QuestionStatus[] = ['answered', 'pending', 'withdrawn'];

const statusColor = {
  field: 'statut',
  type: 'nominal',
  title: null,
  scale: { domain: STATUSES.map((s) => STATUS_LABELS[s]), range: STATUSES.map((s) => STATUS_COLORS[s]) },
  sort: STATUSES.map((s) => STATUS_LABELS[s]),
} as const;

/** The count axis of the bars stacked by status (answered first), and their colour and order encodings. */
const stackedCount = {
  field: 'n',
  type: 'quantitative',
  stack: 'zero',
  title: 'questions',
  axis: { format: ',d', tickMinStep: 1 },
} as const;
const statusStack = {
  color: statusColor,
  order: { field: 'ordre', type: 'quantitative', sort: 'ascending' },
} as const;

function spec(s: Record<string, unknown>): TopLevelSpec {
  return { $schema: SCHEMA, config: VEGA_CONFIG, ...s } as unknown as TopLevelSpec;
}

/** Stacked bars per period and status, plus the median delay (dashed line, right axis). */
function trendLayers(t: Trend, opts: { width: number; height: number; delayLine: boolean }): Record<string, unknown> {
  const monthly = t.granularity === 'month';
  const rows = t.periods.flatMap((p) =>
    STATUSES.map((s, i) => ({
      periode: monthly ? `${p.period}-01` : p.period,
      statut: STATUS_LABELS[s],
      ordre: i,
      n: p[s],
    })),
  );
  const x = monthly
    ? {
        field: 'periode',
        type: 'temporal',
        timeUnit: 'yearmonth',
        title: null,
        axis: { format: '%b %Y', labelAngle: 0, labelOverlap: 'greedy', grid: false },
      }
    : { field: 'periode', type: 'ordinal', title: null, axis: { labelAngle: 0, grid: false } };
  const bars = {
    data: { values: rows },
    mark: { type: 'bar', ...(monthly ? { width: { band: 0.85 } } : {}) },
    encoding: {
      x,
      y: stackedCount,
      ...statusStack,
    },
  };
  const delays = t.periods
    .filter((p) => p.medianDelayDays !== null)
    .map((p) => ({ periode: monthly ? `${p.period}-01` : p.period, delai: p.medianDelayDays }));
  if (!opts.delayLine || delays.length === 0) return { width: opts.width, height: opts.height, ...bars };
  const line = {
    data: { values: delays },
    mark: {
      type: 'line',
      color: OKABE_ITO.blue,
      strokeDash: [6, 3],
      strokeWidth: 2,
      point: { color: OKABE_ITO.blue, size: 28 },
    },
    encoding: {
      // Points at the middle of each month's bar.
      x: monthly ? { ...x, bandPosition: 0.5 } : x,
      y: {
        field: 'delai',
        type: 'quantitative',
        title: 'délai médian de réponse (jours, tirets)',
        axis: { orient: 'right', format: ',d', titleColor: OKABE_ITO.blue, grid: false },
      },
    },
  };
  return { width: opts.width, height: opts.height, layer: [bars, line], resolve: { scale: { y: 'independent' } } };
}

export function trendSpec(t: Trend, title: string): TopLevelSpec {
  const per = t.granularity === 'month' ? 'par mois' : 'par année';
  return spec({
    title: {
      text: title,
      subtitle: [`Questions écrites ${per}, selon leur statut ; délai médian de réponse en tirets.`, SOURCE_LINE],
    },
    ...trendLayers(t, { width: 720, height: 300, delayLine: true }),
  });
}

function delaySpecPart(bins: readonly DelayBin[], width: number, height: number): Record<string, unknown> {
  return {
    width,
    height,
    title: {
      text: 'Délai de réponse',
      fontSize: 13,
      subtitle: 'questions répondues, par délai entre question et réponse',
    },
    data: {
      values: bins.map((b, i) => ({
        tranche: b.label,
        n: b.count,
        ordre: i,
        hors: i >= 2 ? 'au-delà de 2 mois' : 'dans les 2 mois',
      })),
    },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'tranche', type: 'ordinal', sort: { field: 'ordre' }, title: null, axis: { labelAngle: 0 } },
      y: { field: 'n', type: 'quantitative', title: 'questions', axis: { format: ',d', tickMinStep: 1 } },
      color: {
        field: 'hors',
        type: 'nominal',
        title: null,
        scale: {
          domain: ['dans les 2 mois', 'au-delà de 2 mois'],
          range: [OKABE_ITO.bluishGreen, OKABE_ITO.vermillion],
        },
      },
    },
  };
}

/** A deputy's or a ministry's questions per period (answered / pending) above the distribution of delays. */
export function profileSpec(t: Trend, bins: readonly DelayBin[], title: string): TopLevelSpec {
  const per = t.granularity === 'month' ? 'par mois' : 'par année';
  return spec({
    title: { text: title, subtitle: SOURCE_LINE },
    vconcat: [
      {
        title: { text: `Questions ${per}`, fontSize: 13, subtitle: 'selon leur statut ; délai médian en tirets' },
        ...trendLayers(t, { width: 720, height: 220, delayLine: true }),
      },
      delaySpecPart(bins, 720, 170),
    ],
    resolve: { scale: { color: 'independent' } },
  });
}

/** How many ministries the chart shows (the embed and the CSV list them all). */
const PALMARES_CHART_ROWS = 15;

export function palmaresSpec(p: Palmares, title: string): TopLevelSpec {
  const shown = [...p.ranks]
    .sort((a, b) => b.eligible - a.eligible)
    .slice(0, PALMARES_CHART_ROWS)
    .sort((a, b) => b.shareWithinLimit - a.shareWithinLimit || a.ministry.localeCompare(b.ministry, 'fr'));
  const rows = shown.map((r, i) => ({
    ministere: r.ministry.length > 42 ? `${r.ministry.slice(0, 41)}…` : r.ministry,
    rang: i,
    part: r.shareWithinLimit,
    delai: r.medianDelayDays ?? 0,
    retard: r.pendingPastLimit,
    caduques: r.total ? r.unanswered / r.total : 0,
  }));
  const height = Math.max(120, rows.length * 22);
  const y = { field: 'ministere', type: 'nominal', sort: { field: 'rang' }, title: null };
  const noLabels = { ...y, axis: { labels: false, ticks: false, domain: false } };
  const maxOf = (k: 'delai' | 'retard') => Math.max(1, ...rows.map((r) => r[k]));
  const panel = (
    field: string,
    label: string,
    color: string,
    format: string,
    width: number,
    yEnc: object,
    max: number,
  ) => ({
    width,
    height,
    title: { text: label, fontSize: 12, fontWeight: 'bold' },
    layer: [
      {
        mark: { type: 'bar', color },
        encoding: {
          y: yEnc,
          x: {
            field,
            type: 'quantitative',
            title: null,
            axis: { format, tickCount: 4, ...(format === ',d' ? { tickMinStep: 1 } : {}) },
            scale: { domain: [0, max], nice: true },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 11 },
        encoding: { y: yEnc, x: { field, type: 'quantitative' }, text: { field, type: 'quantitative', format } },
      },
    ],
  });
  return spec({
    title: {
      text: title,
      subtitle: [
        `Part des questions répondues dans les deux mois (Règlement de l'Assemblée, art. 135),`,
        `délai médian, ${p.closed ? 'part des questions restées sans réponse (caduques ou retirées)' : 'questions en attente au-delà de deux mois'} ; ${frNoun(rows.length, 'le ministère le plus interrogé', `les ${frNumber(rows.length)} ministères les plus interrogés`)}.`,
        SOURCE_LINE,
      ],
    },
    data: { values: rows },
    hconcat: [
      panel(
        'part',
        'répondues dans les 2 mois',
        OKABE_ITO.bluishGreen,
        '.0%',
        210,
        { ...y, axis: { labelLimit: 300 } },
        1,
      ),
      panel('delai', 'délai médian (jours)', OKABE_ITO.blue, ',d', 150, noLabels, maxOf('delai')),
      p.closed
        ? panel('caduques', 'sans réponse', OKABE_ITO.orange, '.0%', 150, noLabels, 1)
        : panel('retard', 'en attente > 2 mois', OKABE_ITO.orange, ',d', 150, noLabels, maxOf('retard')),
    ],
    resolve: { scale: { x: 'independent' } },
  });
}

/**
 * The two chambers side by side: for each ministry, the share answered within two months and the median delay at the
 * Assemblée and at the Sénat (bars grouped by ministry, one colour per chamber).
 */
export function palmaresChambersSpec(rows: readonly ChamberComparison[], title: string): TopLevelSpec {
  const values = rows.flatMap((r, i) =>
    (['an', 'senat'] as const).flatMap((c) => {
      const rank = r[c];
      return rank
        ? [
            {
              ministere: r.ministry.length > 42 ? `${r.ministry.slice(0, 41)}…` : r.ministry,
              rang: i,
              chambre: CHAMBER_MARKS[c],
              part: rank.shareWithinLimit,
              delai: rank.medianDelayDays ?? 0,
            },
          ]
        : [];
    }),
  );
  const height = Math.max(120, rows.length * 34);
  const y = { field: 'ministere', type: 'nominal', sort: { field: 'rang' }, title: null };
  const color = {
    field: 'chambre',
    type: 'nominal',
    title: null,
    scale: { domain: [CHAMBER_MARKS.an, CHAMBER_MARKS.senat], range: [OKABE_ITO.blue, OKABE_ITO.vermillion] },
  };
  const panel = (field: string, label: string, format: string, width: number, yEnc: object) => ({
    width,
    height,
    title: { text: label, fontSize: 12, fontWeight: 'bold' },
    mark: { type: 'bar' },
    encoding: {
      y: yEnc,
      yOffset: { field: 'chambre', sort: [CHAMBER_MARKS.an, CHAMBER_MARKS.senat] },
      x: { field, type: 'quantitative', title: null, axis: { format, tickCount: 4 } },
      color,
    },
  });
  return spec({
    title: {
      text: title,
      subtitle: [
        'Part des questions répondues dans les deux mois et délai médian, à l’Assemblée et au Sénat,',
        `pour les ${rows.length} ministères les plus interrogés dans les deux chambres.`,
        SOURCE_LINE,
      ],
    },
    data: { values },
    hconcat: [
      panel('part', 'répondues dans les 2 mois', '.0%', 240, { ...y, axis: { labelLimit: 300 } }),
      panel('delai', 'délai médian (jours)', ',d', 200, { ...y, axis: { labels: false, ticks: false, domain: false } }),
    ],
    resolve: { scale: { x: 'independent' } },
  });
}

export interface CorpusCount {
  legislature: number;
  status: QuestionStatus;
  count: number;
}

export function corpusSpec(rows: readonly CorpusCount[], title: string): TopLevelSpec {
  const values = rows.map((r) => ({
    legislature: `${r.legislature}e`,
    num: r.legislature,
    statut: STATUS_LABELS[r.status],
    ordre: STATUSES.indexOf(r.status),
    n: r.count,
  }));
  const legislatures = new Set(rows.map((r) => r.legislature)).size;
  return spec({
    title: { text: title, subtitle: ['Questions par législature, selon leur statut.', SOURCE_LINE] },
    width: 640,
    height: Math.max(90, legislatures * 36),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'legislature', type: 'ordinal', sort: { field: 'num', order: 'descending' }, title: 'législature' },
      x: stackedCount,
      ...statusStack,
    },
  });
}
