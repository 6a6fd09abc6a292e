/**
 * `npm run cli -- tendance "cybercriminalité" [--depute X --groupe G --ministere M --rubrique R --departement D
 *  --legislature N --depuis JJ/MM/AAAA --jusqua JJ/MM/AAAA --granularite mois|annee] [--campagnes] [--png out.png] [--csv out.csv] [--json]`
 * The figures of /tendance (the same aggregation), the chart as a PNG file, the matching questions as CSV.
 * `--campagnes`: a campaign of identical questions counts once (its first question), as /tendance campagnes:true.
 */
import { writeFileSync } from 'node:fs';
import { renderChartPng } from '../../charts/renderChart';
import { describeTrend } from '../../charts/describe';
import { trendSpec } from '../../charts/specs';
import { MAX_EXPORT_ROWS, questionsCsv } from '../../export/questionsCsv';
import { CAMPAIGN_ONCE_NOTE } from '../../present/views/campaignView';
import { describeFilters } from '../../present/views/filters';
import { frCount, frNumber } from '../../format/french';
import type { SearchFilters } from '../../search/types';
import { openBotDeps } from '../botDeps';
import { UserError } from '../../present/UserError';
import { type CliCommand, parseCliArgs } from '../types';
import { FILTER_ARGS, namedFilters } from './search';

function parseFilterArgs(values: Record<string, string | boolean | undefined>): SearchFilters {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const f: SearchFilters = {};
  if (str('legislature') !== undefined) {
    const n = Number(str('legislature'));
    if (!Number.isInteger(n) || n < 1 || n > 20)
      throw new UserError(`Option --legislature : nombre entre 1 et 20 attendu, reçu « ${str('legislature')} ».`);
    f.legislature = n;
  }
  const named = Object.fromEntries(Object.keys(FILTER_ARGS).map((k) => [k, str(k)]));
  return { ...f, ...namedFilters(named) };
}

export const tendanceCommand: CliCommand = {
  name: 'tendance',
  summary: 'questions par mois ou par année sur un sujet (statut, délai médian, qui les pose), en PNG, CSV ou JSON',
  usage:
    'tendance "mots" [--depute X --ministere Y --legislature N --depuis … --granularite mois|annee] [--campagnes] [--png f.png] [--csv f.csv] [--json]',
  async run(args, ctx) {
    const parsed = parseCliArgs({
      args,
      allowPositionals: true,
      options: {
        ...FILTER_ARGS,
        granularite: { type: 'string' },
        campagnes: { type: 'boolean' },
        png: { type: 'string' },
        csv: { type: 'string' },
        json: { type: 'boolean' },
        'index-dir': { type: 'string' },
      },
    });
    const v = parsed.values;
    const text = parsed.positionals.join(' ').trim();
    const filters = parseFilterArgs(v);
    if (!text && Object.keys(filters).length === 0)
      throw new UserError(
        'Indiquez un sujet ou au moins un filtre (ex. : tendance "cybercriminalité" --legislature 14).',
      );
    if (v.granularite && !['mois', 'annee', 'année'].includes(v.granularite))
      throw new UserError(`Option --granularite : « ${v.granularite} » inconnu (mois, annee).`);
    const granularity = v.granularite ? (v.granularite === 'mois' ? 'month' : 'year') : undefined;
    const { deps, close } = await openBotDeps(ctx.store(), v['index-dir'] ?? ctx.config.indexDir);
    try {
      const { trend, mode } = await deps.charts!.trend(
        { text, filters, ...(granularity ? { granularity } : {}), ...(v.campagnes ? { campaignOnce: true } : {}) },
        ctx.now,
      );
      const subject = [text ? `sur « ${text} »` : '', describeFilters(filters) ? `(${describeFilters(filters)})` : '']
        .filter(Boolean)
        .join(' ');
      let png: { path: string; width: number; height: number } | null = null;
      if (v.png) {
        const r = await renderChartPng(trendSpec(trend, `Questions écrites ${subject}`.slice(0, 120)));
        writeFileSync(v.png, r.png);
        png = { path: v.png, width: r.width, height: r.height };
      }
      let csvRows = 0;
      if (v.csv) {
        const { uids } = await deps.charts!.uids({ text, filters, sort: 'newest' }, MAX_EXPORT_ROWS, ctx.now);
        const rows = deps.charts!.corpus.exportRows(uids);
        writeFileSync(v.csv, questionsCsv(rows));
        csvRows = rows.length;
      }
      if (v.json) {
        ctx.out(
          JSON.stringify(
            {
              query: { text, filters, ...(v.campagnes ? { campaignOnce: true } : {}) },
              mode,
              ...trend,
              ...(png ? { png } : {}),
              ...(v.csv ? { csv: { path: v.csv, rows: csvRows } } : {}),
            },
            null,
            2,
          ),
        );
      } else {
        const list = (title: string, items: Array<{ name: string; count: number }>) =>
          `${title} : ${items.map((x) => `${x.name} (${frNumber(x.count)})`).join(', ') || '—'}`;
        ctx.out(
          [
            describeTrend(trend, subject || 'de tout le corpus'),
            ...(v.campagnes ? [CAMPAIGN_ONCE_NOTE] : []),
            list('Qui les pose', trend.topDeputies),
            list('Groupes', trend.topGroups),
            list('Ministères', trend.topMinistries),
            ...(png ? [`Graphique : ${png.path} (${png.width} × ${png.height} px)`] : []),
            ...(v.csv ? [`CSV : ${v.csv} (${frCount(csvRows, 'question')})`] : []),
          ].join('\n'),
        );
      }
      return 0;
    } finally {
      await close();
    }
  },
};
