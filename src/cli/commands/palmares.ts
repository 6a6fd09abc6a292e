/**
 * `npm run cli -- palmares [--legislature N] [--chambre an|senat] [--png out.png] [--csv out.csv] [--json]`: the ministries' ranking of
 * /palmares (share answered within two months, median delay, overdue questions); --csv writes the ranking.
 */
import { writeFileSync } from 'node:fs';
import { describePalmares } from '../../charts/describe';
import { renderChartPng } from '../../charts/renderChart';
import { palmaresSpec } from '../../charts/specs';
import { palmaresCsv } from '../../export/questionsCsv';
import { createCorpusQueries } from '../../insights/corpusQueries';
import { CHAMBER_NAMES, ordinal } from '../../format/french';
import { UserError } from '../../present/UserError';
import { type CliCommand, parseCliArgs } from '../types';
import { parseChamberArg } from './search';

export const palmaresCommand: CliCommand = {
  name: 'palmares',
  summary: 'palmarès des ministères : réponses dans les deux mois, délai médian, retards (PNG, CSV, JSON)',
  usage: 'palmares [--legislature N] [--chambre an|senat] [--png f.png] [--csv f.csv] [--json]',
  async run(args, ctx) {
    const parsed = parseCliArgs({
      args,
      options: {
        legislature: { type: 'string' },
        chambre: { type: 'string' },
        png: { type: 'string' },
        csv: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const v = parsed.values;
    const store = ctx.store();
    const corpus = createCorpusQueries(store.db, () => store.revision());
    const legislatures = corpus.legislatures();
    let legislature: number | null = legislatures[legislatures.length - 1] ?? null;
    if (v.legislature !== undefined) {
      legislature = Number(v.legislature);
      if (!Number.isInteger(legislature) || !legislatures.includes(legislature)) {
        throw new UserError(
          `Option --legislature : « ${v.legislature} » absente de la base (législatures présentes : ${legislatures.join(', ') || 'aucune'}).`,
        );
      }
    }
    const chamber = parseChamberArg(v.chambre);
    const p = corpus.palmares(legislature, ctx.now.toISOString().slice(0, 10), chamber ?? null);
    const where = [
      chamber ? CHAMBER_NAMES[chamber] : '',
      legislature === null ? 'toutes législatures' : `${ordinal(legislature)} législature`,
    ]
      .filter(Boolean)
      .join(', ');
    let png: { path: string; width: number; height: number } | null = null;
    if (v.png && p.ranks.length) {
      const r = await renderChartPng(palmaresSpec(p, `Palmarès des ministères — ${where}`));
      writeFileSync(v.png, r.png);
      png = { path: v.png, width: r.width, height: r.height };
    }
    if (v.csv) writeFileSync(v.csv, palmaresCsv(p));
    if (v.json) ctx.out(JSON.stringify({ ...p, ...(png ? { png } : {}), ...(v.csv ? { csv: v.csv } : {}) }, null, 2));
    else
      ctx.out(
        [
          describePalmares(p),
          ...(png ? [`Graphique : ${png.path} (${png.width} × ${png.height} px)`] : []),
          ...(v.csv ? [`CSV : ${v.csv}`] : []),
        ].join('\n'),
      );
    return 0;
  },
};
