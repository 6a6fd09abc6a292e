/**
 * A page of results (a search or "similar questions"), 5 per page, with page buttons and a select menu that
 * opens one result in full. What a page needs (the request) is saved in the PageStateStore (SQLite), and the
 * custom ids carry only its short id and the page: buttons keep working after a restart.
 *
 * Custom ids: `rsp:<stateId>:<page>` (page buttons, handled by commands/recherche.ts), `rso:<stateId>`
 * (select menu "open", value = uid).
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { SearchResponse } from '../../search/types';
import { customId } from '../commandKit';
import { INDEX_LOADING_MESSAGE } from '../handleInvocation';
import type { CommandDeps } from '../deps';
import { COLORS, hitField, ordinal } from '../format';
import { truncate } from '../limits';
import { escapeCorpus, plainText } from '../markdown';
import { CHAMBER_MARKS, searchModeNote } from '../../format/french';
import type { ActionRow, Reply } from '../reply';
import { UserError } from '../UserError';
import { exportButton } from './exportButton';
import { type ResultsState, saveResultsState } from './resultsState';

const PAGE_SIZE = 5;
const SAME_CAMPAIGN_EXPLANATION =
  'Les questions marquées « même campagne » reprennent le même texte : elles viennent en tête, les autres ensuite.';
const SIMILAR_EXPLANATION =
  'Les questions les plus proches par le sujet et le texte, de la plus proche à la moins proche.';

const INDEX_LOADING = INDEX_LOADING_MESSAGE;

export function requireSearchReady(deps: CommandDeps): void {
  if (!deps.search.ready) throw new UserError(INDEX_LOADING);
}

/** Runs the state's query for one page (1-based). */
async function fetchResultsPage(
  state: ResultsState,
  page: number,
  deps: CommandDeps,
  now: Date,
): Promise<SearchResponse> {
  requireSearchReady(deps);
  const offset = (page - 1) * PAGE_SIZE;
  if (state.k === 'search') {
    return await deps.search.search({ ...state.req, offset, limit: PAGE_SIZE, now, excerptLength: 300 });
  }
  // Questions of the same campaign (issue 21) first, then the others, each in the engine's order.
  const campaign = deps.campaigns?.computed() ? deps.campaigns.ofQuestion(state.uid).campaign : null;
  const res = await deps.search.similar(state.uid, campaign ? SIMILAR_MAX : offset + PAGE_SIZE);
  let hits = res.hits;
  if (campaign) {
    const same = new Set(deps.campaigns!.members(campaign.id));
    hits = [...hits.filter((h) => same.has(h.uid)), ...hits.filter((h) => !same.has(h.uid))];
  }
  return { ...res, hits: hits.slice(offset, offset + PAGE_SIZE), total: Math.min(res.total, SIMILAR_MAX) };
}

const SIMILAR_MAX = 50;

/** The uids of the similar list that are in the question's campaign (labelled « même campagne »). */
function sameCampaignOf(state: ResultsState, deps: CommandDeps): Set<string> {
  if (state.k !== 'similar' || !deps.campaigns?.computed()) return new Set();
  const c = deps.campaigns.ofQuestion(state.uid).campaign;
  return new Set(c ? deps.campaigns.members(c.id) : []);
}

function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/** Builds the message for one page. `hints` are shown when there is no result. */
function resultsReply(opts: {
  state: ResultsState;
  stateId: string;
  res: SearchResponse;
  page: number;
  now: Date;
  hints?: string[];
  sameCampaign?: ReadonlySet<string>;
}): Reply {
  const { res, page, state, stateId, now } = opts;
  const same = opts.sameCampaign ?? new Set<string>();
  const pages = pageCount(res.total);
  const title = state.k === 'search' ? `Recherche : ${state.label}` : `Questions similaires à ${state.label}`;
  if (res.hits.length === 0) {
    const hints = opts.hints ?? [];
    const lines = [
      page > 1 ? `Aucun résultat sur la page ${page}.` : 'Aucun résultat.',
      ...(hints.length ? ['', 'Pour élargir la recherche :', ...hints.map((h) => `• ${h}`)] : []),
    ];
    return { embeds: [{ title: truncate(title, 256), description: lines.join('\n'), color: COLORS.search }] };
  }
  const total = res.total.toLocaleString('fr-FR');
  const summary = [
    `${total} résultat${res.total > 1 ? 's' : ''} · page ${page}/${pages}`,
    // A similar-questions list has no typed words: say what it is rather than the search's fallback.
    state.k === 'similar'
      ? `ℹ️ ${same.size ? `${SAME_CAMPAIGN_EXPLANATION} ` : ''}${SIMILAR_EXPLANATION}`
      : searchModeNote(res.mode, res.allTotal)
        ? `ℹ️ ${searchModeNote(res.mode, res.allTotal)}`
        : '',
  ].filter(Boolean);
  const embed: APIEmbed = {
    title: truncate(title, 256),
    description: summary.join('\n'),
    color: COLORS.search,
    fields: res.hits.map((h, i) => {
      const f = hitField(h, (page - 1) * PAGE_SIZE + i + 1, now);
      return same.has(h.uid) ? { ...f, name: truncate(`${f.name} · même campagne`, 256) } : f;
    }),
    footer: { text: 'Source : Assemblée nationale (questions écrites), Licence Ouverte.' },
  };
  const rows: ActionRow[] = [];
  if (pages > 1) {
    rows.push({
      type: 1,
      components: [
        {
          type: 2,
          style: 2,
          label: '◀ Page précédente',
          custom_id: customId('rsp', stateId, Math.max(1, page - 1), 'p'),
          disabled: page <= 1,
        },
        {
          type: 2,
          style: 2,
          label: `${page} / ${pages}`,
          custom_id: customId('rsp', stateId, page, 'i'),
          disabled: true,
        },
        {
          type: 2,
          style: 1,
          label: 'Page suivante ▶',
          custom_id: customId('rsp', stateId, Math.min(pages, page + 1), 'n'),
          disabled: page >= pages,
        },
      ],
    });
  }
  rows.push({
    type: 1,
    components: [
      {
        type: 3,
        custom_id: customId('rso', stateId),
        placeholder: 'Ouvrir une question en entier',
        options: res.hits.map((h) => ({
          // Select options show plain text (no Markdown): corpus text made inert, not backslash-escaped.
          label: truncate(
            `${CHAMBER_MARKS[h.chamber]} n° ${h.number} (${ordinal(h.legislature)}) — ${plainText(h.title || 'Sans titre')}`,
            100,
          ),
          value: h.uid,
          description: truncate(
            plainText([h.author, h.ministry].filter(Boolean).join(' · ')) || 'Question écrite',
            100,
          ),
        })),
      },
    ],
  });
  // « Exporter (CSV) » (issue 13): beside the page buttons, or in its own row.
  const exportRow = pages > 1 ? rows[0] : undefined;
  if (state.k === 'search') {
    if (exportRow) exportRow.components.push(exportButton('s', stateId));
    else rows.unshift({ type: 1, components: [exportButton('s', stateId)] });
  }
  return { embeds: [embed], components: rows };
}

/** Shows a state's page; shared by /recherche, /similaires and the page buttons. */
export async function showResults(
  state: ResultsState,
  page: number,
  deps: CommandDeps,
  now: Date,
  hints?: string[],
): Promise<Reply> {
  const stateId = saveResultsState(deps, state, now);
  const res = await fetchResultsPage(state, page, deps, now);
  const sameCampaign = sameCampaignOf(state, deps);
  return resultsReply({ state, stateId, res, page, now, sameCampaign, ...(hints ? { hints } : {}) });
}

/** A label for the state, escaped, for titles. */
export function searchLabel(text: string): string {
  return `« ${escapeCorpus(text)} »`;
}
