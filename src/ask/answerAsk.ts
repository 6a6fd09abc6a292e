/**
 * Answers a question asked in plain French with the same views as the slash commands: a chart for « combien »
 * and « compare », a ranking for « qui », answer excerpts for « que répond », lists for « dernières » and « sans
 * réponse »; anything else becomes a plain search. Every answer says what was understood and which slash
 * command asks the same thing. Used by /demander, mentions and DMs, the message context menu, the console and
 * the CLI.
 */
import type { APIEmbedField } from 'discord-api-types/v10';
import type { CommandDeps } from '../present/deps';
import { COLORS } from '../present/format';
import { escapeCorpus } from '../present/markdown';
import type { Reply } from '../present/reply';
import { UserError } from '../present/UserError';
import { exportButton, TREND_STATE } from '../present/views/exportButton';
import { campaignsReply, campaignsWhat, CAMPAIGNS_SHOWN } from '../present/views/campaignView';
import { describeFilters, slashCommand } from '../present/views/filters';
import type { ResultsState } from '../present/views/resultsState';
import { requireSearchReady, searchLabel, showResults } from '../present/views/resultsView';
import { trendReply } from '../present/views/trendView';
import { frCount, frNumber } from '../format/french';
import type { SearchFilters, SortOrder } from '../search/types';
import { buildLexicon, type Lexicon } from './lexicon';
import { parseAsk, type AskIntent, type AskParse } from './parseAsk';

export const MAX_ASK_LENGTH = 300;

const INTENT_LABEL: Record<AskIntent, string> = {
  who: 'qui pose ces questions',
  count: 'combien de questions',
  answer: 'ce que le Gouvernement a répondu',
  latest: 'les dernières questions',
  pending: 'les questions sans réponse',
  compare: 'une comparaison entre années',
  campaigns: 'les campagnes de questions identiques',
  search: 'une recherche',
};

let cached: { key: string; lex: Lexicon } | null = null;

/** The corpus's names for the parser, rebuilt when the lists change (they are cached per revision upstream). */
function lexiconOf(deps: CommandDeps): Lexicon {
  const deputies = [
    ...deps.insights.findDeputies('', 100_000, 'an'),
    ...deps.insights.findDeputies('', 100_000, 'senat').map((d) => ({ ...d, chamber: 'senat' as const })),
  ];
  const ministries = deps.insights.findMinistries('', 10_000);
  const groups = deps.charts?.corpus.groups() ?? [];
  const departments = deps.charts?.corpus.departments() ?? [];
  const legislatures = deps.charts?.corpus.legislatures() ?? [];
  const key = `${deputies.length}:${ministries.length}:${groups.length}:${departments.length}:${legislatures.join(',')}:${deputies.reduce((n, d) => n + d.count, 0)}`;
  if (cached?.key === key) return cached.lex;
  const lex = buildLexicon({ deputies, ministries, groups, departments, legislatures });
  cached = { key, lex };
  return lex;
}

/** The slash command that asks the same thing. */
function equivalentCommand(p: AskParse): string {
  const { status: _status, ...f } = p.filters;
  switch (p.intent) {
    case 'count':
    case 'who':
      return slashCommand('tendance', p.subject, p.filters.status ? p.filters : f);
    case 'compare':
      return slashCommand(
        'tendance',
        p.subject,
        { ...f, from: `${p.years[0]}-01-01`, to: `${p.years[p.years.length - 1]}-12-31` },
        { granularite: 'annee' },
      );
    case 'answer':
      return slashCommand('recherche', p.subject || '*', f, { statut: 'repondue' });
    case 'pending':
      return slashCommand('recherche', p.subject || '*', f, { statut: 'en_attente', tri: 'anciennes' });
    case 'latest':
      return slashCommand('recherche', p.subject || '*', f, { tri: 'recentes' });
    case 'campaigns':
      return slashCommand('campagnes', p.subject, campaignFilters(p.filters));
    default:
      return slashCommand('recherche', p.subject || '*', f);
  }
}

function code(s: string): string {
  return `\`${s.replace(/`/g, 'ʼ')}\``;
}

function understoodLine(p: AskParse): string {
  const parts = [
    p.subject ? `sujet « ${escapeCorpus(p.subject)} »` : '',
    escapeCorpus(describeFilters(p.filters)),
    p.years.length ? p.years.join(' / ') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  if (!p.understood) {
    return `🔎 Je n’ai pas reconnu de question précise : voici une recherche${parts ? ` (${parts})` : ''}. Une commande fera mieux : ${code(equivalentCommand(p))}`;
  }
  return `🔎 Compris : **${INTENT_LABEL[p.intent]}**${parts ? ` — ${parts}` : ''}. Commande équivalente : ${code(equivalentCommand(p))}`;
}

const HELP =
  'Posez-moi une question en français, par exemple : « qui pose des questions sur la cybercriminalité ? », « combien de questions sur les déserts médicaux en 2024 ? », « que répond le ministère de la Justice sur les prisons ? », « quelles questions de M. Tardy sont sans réponse ? ». Ou tapez /aide.';

async function whoReply(p: AskParse, deps: CommandDeps, now: Date): Promise<Reply> {
  if (!deps.charts) throw new UserError('Ce classement n’est pas disponible sur ce bot.');
  requireSearchReady(deps);
  const q = { text: p.subject, filters: p.filters, top: 10 };
  const { trend: t } = await deps.charts.trend(q, now);
  const subject =
    [p.subject ? `« ${p.subject} »` : '', describeFilters(p.filters)].filter(Boolean).join(' · ') || 'tout le corpus';
  if (t.total === 0)
    return {
      embeds: [
        {
          title: escapeCorpus(`Qui pose des questions : ${subject}`),
          color: COLORS.search,
          description: 'Aucune question ne correspond.',
        },
      ],
    };
  const list = (items: Array<{ name: string; count: number }>) =>
    items.length
      ? items
          .map(
            (x, i) =>
              `${i + 1}. ${escapeCorpus(x.name)} — ${frCount(x.count, 'question')} (${Math.round((100 * x.count) / t.total)} %)`,
          )
          .join('\n')
      : '—';
  const fields: APIEmbedField[] = [
    { name: 'Député·es', value: list(t.topDeputies), inline: false },
    { name: 'Groupes', value: list(t.topGroups), inline: true },
    { name: 'Ministères interrogés', value: list(t.topMinistries), inline: true },
  ];
  const stateId = deps.pages.save(TREND_STATE, { text: p.subject, filters: p.filters }, now);
  return {
    embeds: [
      {
        title: escapeCorpus(`Qui pose des questions : ${subject}`.slice(0, 250)),
        color: COLORS.search,
        description: `Sur **${frNumber(t.total)}** question${t.total > 1 ? 's' : ''} correspondantes, les auteurs, groupes et ministères les plus fréquents.`,
        fields,
      },
    ],
    components: [{ type: 1, components: [exportButton('t', stateId)] }],
  };
}

export interface AskOptions {
  /** Always a search with the parsed subject and filters (the message context menu). */
  forceSearch?: boolean;
}

export async function answerAsk(input: string, deps: CommandDeps, now: Date, opts: AskOptions = {}): Promise<Reply> {
  const text = input.replace(/\s+/g, ' ').trim().slice(0, MAX_ASK_LENGTH);
  const parsed = parseAsk(text, lexiconOf(deps), now);
  const p: AskParse = opts.forceSearch ? { ...parsed, intent: 'search', understood: false, years: [] } : parsed;
  if (
    !p.subject &&
    Object.keys(p.filters).filter((k) => k !== 'status').length === 0 &&
    p.intent !== 'compare' &&
    p.intent !== 'campaigns'
  ) {
    return { content: HELP };
  }
  const line = understoodLine(p);
  let reply: Reply;
  if (p.intent === 'count' || p.intent === 'compare') {
    const filters: SearchFilters =
      p.intent === 'compare' && p.years.length
        ? { ...p.filters, from: `${p.years[0]}-01-01`, to: `${p.years[p.years.length - 1]}-12-31` }
        : p.filters;
    reply = await trendReply(
      { text: p.subject, filters, ...(p.intent === 'compare' ? { granularity: 'year' as const } : {}) },
      deps,
      now,
      p.intent === 'compare' ? { compare: p.years } : {},
    );
  } else if (p.intent === 'who') {
    reply = await whoReply(p, deps, now);
  } else if (p.intent === 'campaigns') {
    if (!deps.campaigns?.computed()) throw new UserError('Les campagnes ne sont pas encore calculées sur ce bot.');
    const f = campaignFilters(p.filters);
    const filters = {
      ...(p.subject ? { text: p.subject } : {}),
      ...(f.legislature !== undefined ? { legislature: f.legislature } : {}),
      ...(f.from ? { since: f.from } : {}),
      ...(f.to ? { until: f.to } : {}),
      limit: CAMPAIGNS_SHOWN,
    };
    reply = campaignsReply(deps.campaigns.largest(filters), campaignsWhat(filters));
  } else {
    requireSearchReady(deps);
    const sort: SortOrder = p.intent === 'latest' ? 'newest' : p.intent === 'pending' ? 'oldest' : 'relevance';
    const state: ResultsState = {
      k: 'search',
      req: { text: p.subject, filters: p.filters, sort },
      label: p.subject ? searchLabel(p.subject) : escapeCorpus(describeFilters(p.filters)),
    };
    reply = await showResults(state, 1, deps, now, ['reformulez, ou utilisez la commande proposée ci-dessus']);
  }
  return { ...reply, content: [line, reply.content].filter(Boolean).join('\n') };
}

/** The filters /campagnes takes (legislature and period). */
function campaignFilters(f: SearchFilters): SearchFilters {
  return {
    ...(f.legislature !== undefined ? { legislature: f.legislature } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

/** What the CLI prints with --json: what was understood. */
export function explainAsk(input: string, deps: CommandDeps, now: Date): AskParse & { command: string } {
  const p = parseAsk(input.slice(0, MAX_ASK_LENGTH), lexiconOf(deps), now);
  return { ...p, command: equivalentCommand(p) };
}
