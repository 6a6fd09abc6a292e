/**
 * The « Exporter (CSV) » button under every list, and what it sends: an ephemeral reply (only the user who
 * pressed it sees it) with a CSV of at most 5,000 questions. Custom id `exp:<kind>:<arg>`; the handler is
 * registered by commands/tendance.ts (one owner per prefix) and serves every list:
 *   s = a search (ResultsState id), d = a deputy (state id), m = a ministry (state id), t = a trend (state id),
 *   p = the palmarès of a legislature (number, or "all"; « .an » / « .senat » after it for one chamber),
 *   c = a campaign (its id, src/campaigns).
 */
import type { APIButtonComponentWithCustomId } from 'discord-api-types/v10';
import { component, customId, type ComponentCall, type CallContext } from '../commandKit';
import type { CommandDeps } from '../deps';
import type { ComponentReply, ReplyFile } from '../reply';
import { expiredMessage, STALE_COMPONENT_MESSAGE, UserError } from '../UserError';
import { escapeCorpus } from '../markdown';
import { loadResultsState } from './resultsState';
import { newestFirst } from '../../insights/summarize';
import type { DeputyRef } from '../../insights/types';
import { csvName, MAX_EXPORT_ROWS, palmaresCsv, questionsCsv } from '../../export/questionsCsv';
import { frCount, frNumber } from '../../format/french';
import type { TrendQuery } from '../../charts/chartDeps';
import type { Chamber } from '../../corpus/types';

export type ExportKind = 's' | 'd' | 'm' | 't' | 'p' | 'c';

const EXPORT_LABEL = 'Exporter (CSV)';

export function exportButton(kind: ExportKind, arg: string | number): APIButtonComponentWithCustomId {
  return { type: 2, style: 2, label: EXPORT_LABEL, emoji: { name: '📥' }, custom_id: customId('exp', kind, arg) };
}

export const TREND_STATE = 'trend';
export const DEPUTY_STATE = 'deputy';
export const MINISTRY_STATE = 'ministry';

function requireCharts(deps: CommandDeps) {
  if (!deps.charts) throw new UserError('L’export n’est pas disponible sur ce bot.');
  return deps.charts;
}

function summary(count: number, total: number, what: string): string {
  const capped =
    total > count
      ? ` (les ${frNumber(count)} premières sur ${frNumber(total)} : l’export est limité à ${frNumber(MAX_EXPORT_ROWS)} lignes)`
      : '';
  return `📥 Export CSV ${what} : ${frCount(count, 'question')}${capped}. Séparateur « ; », UTF-8 : s’ouvre tel quel dans un tableur.`;
}

async function uidsOf(
  kind: ExportKind,
  arg: string,
  deps: CommandDeps,
  ctx: CallContext,
): Promise<{ uids: string[]; total: number; label: string; what: string }> {
  const charts = requireCharts(deps);
  if (kind === 's') {
    const state = loadResultsState(deps, arg);
    if (state.k === 'similar') {
      const res = await deps.search.similar(state.uid, 50);
      return {
        uids: res.hits.map((h) => h.uid),
        total: res.total,
        label: 'similaires',
        what: 'des questions similaires',
      };
    }
    const r = await charts.uids(
      { text: state.req.text ?? '', filters: state.req.filters ?? {}, sort: state.req.sort ?? 'relevance' },
      MAX_EXPORT_ROWS,
      ctx.now,
    );
    return { ...r, label: `recherche ${state.req.text ?? ''}`, what: 'de la recherche' };
  }
  if (kind === 't') {
    const q = deps.pages.load(TREND_STATE, arg) as TrendQuery | null;
    if (!q) throw new UserError(expiredMessage('Cette tendance'));
    const r = await charts.uids(
      { text: q.text, filters: q.filters, sort: 'newest', ...(q.campaignOnce ? { campaignOnce: true } : {}) },
      MAX_EXPORT_ROWS,
      ctx.now,
    );
    return { ...r, label: `tendance ${q.text}`, what: 'de la tendance' };
  }
  if (kind === 'd') {
    const ref = deps.pages.load(DEPUTY_STATE, arg) as DeputyRef | null;
    if (!ref) throw new UserError(expiredMessage('Cette liste'));
    const facts = deps.insights.deputyFacts(ref).sort(newestFirst);
    return {
      uids: facts.slice(0, MAX_EXPORT_ROWS).map((f) => f.uid),
      total: facts.length,
      label: `depute ${ref.name}`,
      what: `des questions de ${ref.name}`,
    };
  }
  if (kind === 'm') {
    const name = deps.pages.load(MINISTRY_STATE, arg) as string | null;
    if (typeof name !== 'string') throw new UserError(expiredMessage('Cette liste'));
    const facts = deps.insights.ministryFacts(name).sort(newestFirst);
    return {
      uids: facts.slice(0, MAX_EXPORT_ROWS).map((f) => f.uid),
      total: facts.length,
      label: `ministere ${name}`,
      what: `des questions au ministère ${name}`,
    };
  }
  if (kind === 'c' && deps.campaigns) {
    const campaign = deps.campaigns.get(Number(arg));
    if (!campaign) throw new UserError('Cette campagne a changé depuis : relancez /campagnes.');
    return {
      uids: deps.campaigns.members(campaign.id, MAX_EXPORT_ROWS),
      total: campaign.size,
      label: `campagne ${campaign.id}`,
      what: 'de la campagne',
    };
  }
  throw new UserError(STALE_COMPONENT_MESSAGE);
}

/**
 * The « Exporter (CSV) » button: a CSV only the caller sees. The button's kind and the charts' availability are
 * checked before anything is sent; the export itself may take a moment (deferred, ephemeral, when it does).
 */
export const exportComponent = component({
  answer: 'ephemeral',
  prepare(call: ComponentCall, deps: CommandDeps) {
    const [kind = '', arg = ''] = call.args;
    if (!['p', 's', 'd', 'm', 't', 'c'].includes(kind)) throw new UserError(STALE_COMPONENT_MESSAGE);
    return { kind, arg, charts: requireCharts(deps) };
  },
  run: ({ kind, arg, charts }, deps, ctx) => exportReply(kind, arg, charts, deps, ctx),
});

async function exportReply(
  kind: string,
  arg: string,
  charts: ReturnType<typeof requireCharts>,
  deps: CommandDeps,
  ctx: CallContext,
): Promise<ComponentReply> {
  if (kind === 'p') {
    const { legislature, chamber } = parsePalmaresExportArg(arg);
    const today = ctx.now.toISOString().slice(0, 10);
    const p = charts.corpus.palmares(legislature, today, chamber);
    const overdue = charts.corpus.overduePending(legislature, today, MAX_EXPORT_ROWS, chamber);
    const suffix = `${legislature === null ? 'toutes' : `${legislature}e`}${chamber ? `-${chamber}` : ''}`;
    const files: ReplyFile[] = [
      {
        name: `palmares-${suffix.replace('e', '')}.csv`,
        data: palmaresCsv(p),
        description: `Palmarès des ministères (${suffix}), une ligne par ministère.`,
      },
      {
        name: `en-attente-plus-de-2-mois-${suffix.replace('e', '')}.csv`,
        data: questionsCsv(charts.corpus.exportRows(overdue)),
        description: 'Questions en attente de réponse au-delà de deux mois, les plus anciennes d’abord.',
      },
    ];
    return {
      mode: 'reply',
      ephemeral: true,
      content: `📥 Export CSV du palmarès : ${frCount(p.ranks.length, 'ministère')} classés, et ${frCount(overdue.length, 'question')} en attente au-delà de deux mois (les plus anciennes d’abord${overdue.length >= MAX_EXPORT_ROWS ? `, limité à ${frNumber(MAX_EXPORT_ROWS)}` : ''}).`,
      files,
    };
  }
  const { uids, total, label, what } = await uidsOf(kind as ExportKind, arg, deps, ctx);
  if (!uids.length) throw new UserError('Rien à exporter : la liste est vide.');
  const rows = charts.corpus.exportRows(uids);
  return {
    mode: 'reply',
    ephemeral: true,
    content: summary(rows.length, Math.max(total, rows.length), escapeCorpus(what)),
    files: [{ name: csvName('questions', label), data: questionsCsv(rows), description: `Export CSV ${what}` }],
  };
}

/** The palmarès export button's argument: « 16 », « all », « 16.senat » (the chamber after a dot). */
export function palmaresExportArg(legislature: number | null, chamber: Chamber | undefined): string {
  return `${legislature ?? 'all'}${chamber ? `.${chamber}` : ''}`;
}

/** Reads `palmaresExportArg` back. */
function parsePalmaresExportArg(arg: string): { legislature: number | null; chamber: Chamber | null } {
  const [leg = 'all', c] = arg.split('.');
  return {
    legislature: leg === 'all' ? null : Number.parseInt(leg, 10),
    chamber: c === 'an' || c === 'senat' ? c : null,
  };
}
