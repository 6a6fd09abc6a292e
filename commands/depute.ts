/**
 * /depute nom: a deputy's questions, newest first, 8 per page (`dpp:<stateId>:<page>:<p|i|n>`, state in
 * SQLite), with a summary: how many, share answered, median delay, top rubriques and ministries.
 * The name is matched by the one name matcher (src/insights/names.ts): words in any order, with or without first name,
 * civility, accents, hyphens and particles; an exact last name before a prefix. A deputy of the deputies' records who
 * has asked nothing yet is shown with « 0 question ».
 */
import { campaignShareLine } from '../src/present/views/campaignView';
import { component, customId, defineCommand } from '../src/present/commandKit';
import { nameOption } from '../src/present/views/filters';
import type { CommandDeps } from '../src/present/deps';
import { COLORS } from '../src/present/format';
import { escapeCorpus, plainText } from '../src/present/markdown';
import type { Reply } from '../src/present/reply';
import { expiredMessage, UserError } from '../src/present/UserError';
import { questionLine, summaryFields } from '../src/present/views/summaryView';
import { newestFirst, summarize } from '../src/insights/summarize';
import type { DeputyRef } from '../src/insights/types';
import type { Chamber } from '../src/corpus/types';
import { frCount } from '../src/format/french';
import { corpusChoices } from './shared/autocompleteCorpus';
import { appendButton, imageOf, profileChart } from '../src/present/views/profileChart';
import { DEPUTY_STATE, exportButton } from '../src/present/views/exportButton';

export const DEPUTY_PAGE_SIZE = 8;
const STATE_KIND = 'deputy';

/** How /depute and /senateur name who they look for (the « not found » message). */
const MEMBER_WORDS: Record<Chamber, { noun: string; example: string }> = {
  an: { noun: 'député', example: 'Tardy' },
  senat: { noun: 'sénateur ni sénatrice', example: 'Larcher' },
};

/** The best match for `input` among one chamber's members (deputies by default), and the next ones' names. */
export function resolveMember(
  deps: CommandDeps,
  input: string,
  chamber: Chamber = 'an',
): { ref: DeputyRef; others: string[] } {
  const matches = deps.insights.findDeputies(input, 6, chamber);
  const best = matches[0];
  const words = MEMBER_WORDS[chamber];
  if (!best)
    throw new UserError(
      `Aucun ${words.noun} trouvé pour « ${escapeCorpus(input)} ». Essayez le nom de famille seul (ex. « ${words.example} »).`,
    );
  return {
    ref: { acteurRef: best.acteurRef, name: best.name, ...(chamber === 'senat' ? { chamber } : {}) },
    others: matches.slice(1).map((m) => m.name),
  };
}

export async function deputyReply(
  ref: DeputyRef,
  page: number,
  deps: CommandDeps,
  now: Date,
  others: string[] = [],
): Promise<Reply> {
  const facts = deps.insights.deputyFacts(ref).sort(newestFirst);
  if (facts.length === 0) {
    return {
      embeds: [
        {
          title: `Questions écrites de ${escapeCorpus(ref.name)}`,
          color: COLORS.question,
          description: `${frCount(0, 'question')} dans la base pour l’instant.`,
          ...(others.length
            ? { footer: { text: `Autres correspondances : ${others.map(plainText).join(', ')}` } }
            : {}),
        },
      ],
    };
  }
  const summary = summarize(facts, now);
  const pages = Math.max(1, Math.ceil(facts.length / DEPUTY_PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  const uids = facts.slice((p - 1) * DEPUTY_PAGE_SIZE, p * DEPUTY_PAGE_SIZE).map((f) => f.uid);
  const lines = deps.store.getQuestions(uids).map((q) => `• ${questionLine(q, now)}`);
  const stateId = deps.pages.save(STATE_KIND, ref, now);
  const chart = await profileChart(deps, facts, `Questions écrites de ${ref.name}`);
  // Campaigns (issue 21): how many of the deputy's questions repeat a campaign's text.
  const campaignLine = deps.campaigns?.computed()
    ? campaignShareLine(deps.campaigns.shareOf(facts.map((f) => f.uid)), facts.length)
    : null;
  const reply: Reply = {
    embeds: [
      {
        title: `Questions écrites de ${escapeCorpus(ref.name)}`,
        color: COLORS.question,
        fields: summaryFields(summary, { ministries: true }),
        ...(campaignLine ? { description: campaignLine } : {}),
        ...imageOf(chart),
        ...(others.length ? { footer: { text: `Autres correspondances : ${others.map(plainText).join(', ')}` } } : {}),
      },
      {
        title: `Les plus récentes — page ${p}/${pages}`,
        color: COLORS.question,
        description: lines.join('\n'),
      },
    ],
  };
  if (pages > 1) {
    reply.components = [
      {
        type: 1,
        components: [
          {
            type: 2,
            style: 2,
            label: '◀ Page précédente',
            custom_id: customId('dpp', stateId, Math.max(1, p - 1), 'p'),
            disabled: p <= 1,
          },
          { type: 2, style: 2, label: `${p} / ${pages}`, custom_id: customId('dpp', stateId, p, 'i'), disabled: true },
          {
            type: 2,
            style: 1,
            label: 'Page suivante ▶',
            custom_id: customId('dpp', stateId, Math.min(pages, p + 1), 'n'),
            disabled: p >= pages,
          },
        ],
      },
    ];
  }
  // Charts and export (issue 13): the same state id serves the export of the whole list.
  if (chart) reply.files = [chart];
  if (deps.charts) appendButton(reply, exportButton('d', deps.pages.save(DEPUTY_STATE, ref, now)));
  return reply;
}

export default defineCommand({
  name: 'depute',
  help: {
    what: 'Les questions d’un·e député·e, les plus récentes d’abord, et son bilan (taux de réponse, délai médian, thèmes). Pour le Sénat : /senateur.',
    examples: ['/depute nom:Tardy'],
  },
  nameEn: 'deputy',
  description: 'Les questions écrites d’un·e député·e et leur bilan',
  descriptionEn: 'A deputy’s written questions and a summary',
  options: {
    nom: nameOption(100, 'Nom du député (ex. Tardy)', 'Deputy’s name (e.g. Tardy)'),
  },
  prepare: (args, deps) => resolveMember(deps, args.nom),
  run: ({ ref, others }, deps, ctx) => deputyReply(ref, 1, deps, ctx.now, others),
  async autocomplete(focused, deps) {
    return corpusChoices('deputy', focused.value, deps);
  },
  components: {
    dpp: component({
      answer: 'update',
      prepare(call, deps) {
        const [stateId = '', pageRaw = '1'] = call.args;
        const ref = deps.pages.load(STATE_KIND, stateId) as DeputyRef | null;
        if (!ref || typeof ref.name !== 'string') throw new UserError(expiredMessage('Cette liste'));
        return { ref, page: Number.parseInt(pageRaw, 10) || 1 };
      },
      run: ({ ref, page }, deps, ctx) => deputyReply(ref, page, deps, ctx.now),
    }),
  },
});
