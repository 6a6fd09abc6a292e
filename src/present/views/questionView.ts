/**
 * One question in full: metadata, question text and answer (cut to Discord's limits with a link to the rest
 * on the official page), the ministry history and the delay; a "Questions similaires" button (`qsim:<uid>`,
 * handled by commands/question.ts) and a link button to the official page.
 */
import type { QuestionCampaign } from '../../campaigns/CampaignStore';
import { questionCampaignLines } from './campaignView';
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Question, QuestionType } from '../../corpus/types';
import { customId } from '../commandKit';
import { COLORS, cutWithLink, escapeName, ordinal, statusText } from '../format';
import { truncate, truncatePlain } from '../limits';
import { escapeCorpus } from '../markdown';
import type { Reply } from '../reply';
import {
  authorWithRole,
  CHAMBER_NAMES,
  CHAMBER_PAGES,
  questionTitle,
  TEXT_NOT_IN_OPEN_DATA,
} from '../../format/french';
import { formatDate } from '../userInput';

const TYPE_LABEL: Record<QuestionType, string> = {
  QE: 'Question écrite',
  QG: 'Question au Gouvernement',
  QOSD: 'Question orale sans débat',
};

/** Budget for the two long texts, so that the whole message stays under 6000 characters. */
const TOTAL_BUDGET = 5800;
/**
 * The heading (rubrique / tête d'analyse / analyses, in bold) is capped: a long analysis list used to fill the
 * first embed and push the question text and its « Lire la suite » link out. Corpus names are capped likewise,
 * and the ministry history shows what fits, so that the texts always keep most of the budget.
 */
const HEADING_MAX = 300;
const NAME_MAX = 200;
const HISTORY_MAX = 700;
/** Raw text escaped at most: far more than Discord shows, far less than a 60,000-character answer. */
const TEXT_RAW_MAX = 8000;

function headingOf(q: Question): string {
  return `**${truncate(escapeCorpus(truncatePlain(questionTitle(q), HEADING_MAX - 60)), HEADING_MAX - 4)}**`;
}

function nameOf(name: string | null | undefined): string {
  return escapeName(name ? truncatePlain(name, NAME_MAX) : name);
}

/** "JJ/MM/AAAA : ministère" per change; when too many, the first, how many are left out, then the latest. */
function historyValue(q: Question): string {
  const lines = q.ministryHistory.map(
    (h) =>
      `${h.date ? formatDate(h.date) : 'date inconnue'} : ${escapeCorpus(truncatePlain(h.ministry.name, NAME_MAX))}`,
  );
  if (lines.join('\n').length <= HISTORY_MAX) return lines.join('\n');
  const first = lines[0] ?? '';
  const latest: string[] = [];
  let used = first.length + 60;
  for (let i = lines.length - 1; i > 0; i--) {
    const line = lines[i] ?? '';
    if (used + line.length + 1 > HISTORY_MAX) break;
    latest.unshift(line);
    used += line.length + 1;
  }
  const skipped = lines.length - 1 - latest.length;
  return [first, `… ${skipped} autre${skipped > 1 ? 's' : ''} changement${skipped > 1 ? 's' : ''} …`, ...latest].join(
    '\n',
  );
}

function authorLine(q: Question): string {
  const a = q.author;
  // corpus (issue 12): « député(e) PA… » until the deputy's record names the author; « sénateur » / « sénatrice ».
  const name = authorWithRole(a, q.chamber);
  const group = a.group ? ` (${a.group.abbrev ?? a.group.name})` : '';
  const place = a.department
    ? ` — ${a.department}${a.circonscription ? `, ${a.circonscription}${a.circonscription === 1 ? 're' : 'e'} circ.` : ''}`
    : '';
  return escapeCorpus(truncatePlain(`${name}${group}${place}`, NAME_MAX + 100));
}

/**
 * A question's card. With `campaign` (issue 21): « Texte repris par 23 autres questions (campagne du … au …) » and
 * « Réponse commune à 41 questions », and a button listing the campaign's questions.
 */
export function questionReply(q: Question, now: Date, campaign?: QuestionCampaign): Reply {
  const fields: APIEmbedField[] = [
    { name: 'Auteur', value: authorLine(q), inline: false },
    { name: 'Ministère interrogé', value: nameOf(q.ministryAsked?.name), inline: true },
    { name: 'Ministère attributaire', value: nameOf(q.ministryAssigned?.name), inline: true },
    {
      name: 'Publiée au JO',
      value: q.question?.joDate
        ? `${formatDate(q.question.joDate)}${q.question.joPage ? `, page ${q.question.joPage}` : ''}`
        : '—',
      inline: true,
    },
    {
      name: 'Statut',
      value: statusText(
        q.status,
        q.question?.joDate ?? null,
        q.answer?.joDate ?? null,
        now,
        q.closure?.label,
        q.closure?.date,
      ),
      inline: true,
    },
  ];
  if (q.ministryHistory.length > 1) {
    fields.push({
      name: 'Historique des ministères',
      value: historyValue(q),
      inline: false,
    });
  }
  const campaignLines = campaign ? questionCampaignLines(campaign) : [];
  if (campaignLines.length) fields.push({ name: 'Campagne', value: campaignLines.join('\n'), inline: false });
  const title = `${TYPE_LABEL[q.type]} n° ${q.number} — ${CHAMBER_NAMES[q.chamber]}, ${ordinal(q.legislature)} législature`;
  const heading = headingOf(q);
  const fixed =
    title.length + heading.length + fields.reduce((n, f) => n + f.name.length + Math.min(f.value.length, 1024), 0) + 60;
  const available = Math.max(600, TOTAL_BUDGET - fixed);
  // corpus (issue 12): an empty text is absent from the open data: say so and link the official page.
  const questionText = q.question?.text
    ? escapeCorpus(truncatePlain(q.question.text, TEXT_RAW_MAX))
    : `${TEXT_NOT_IN_OPEN_DATA} : [voir la page officielle](${q.url}).`;
  const answerText = q.answer ? escapeCorpus(truncatePlain(q.answer.text, TEXT_RAW_MAX)) : null;
  // Share the budget: the question gets at most 40 % when there is an answer.
  const questionBudget = Math.min(
    4000 - heading.length,
    answerText ? Math.max(400, Math.floor(available * 0.4)) : available,
  );
  const questionPart = cutWithLink(questionText, Math.min(questionText.length, questionBudget), q.url, q.chamber);
  const embeds: APIEmbed[] = [
    {
      title,
      url: q.url,
      description: `${heading}\n\n${questionPart}`,
      color: COLORS[q.status],
      fields,
    },
  ];
  if (answerText !== null && q.answer) {
    const answerBudget = Math.min(4000, available - questionPart.length - 40);
    embeds.push({
      // No `url` here: Discord merges embeds sharing a url and would drop this one's text.
      title: `Réponse${q.answer.joDate ? ` publiée au JO le ${formatDate(q.answer.joDate)}` : ''}`,
      description: cutWithLink(answerText, Math.max(200, answerBudget), q.url, q.chamber),
      color: COLORS.answered,
    });
  }
  return {
    embeds,
    components: [
      {
        type: 1,
        components: [
          { type: 2, style: 1, label: 'Questions similaires', custom_id: customId('qsim', q.uid) },
          { type: 2, style: 5, label: CHAMBER_PAGES[q.chamber], url: q.url },
          ...(campaign?.campaign
            ? [
                {
                  type: 2 as const,
                  style: 2 as const,
                  label: 'Questions de la campagne',
                  custom_id: customId('camp', campaign.campaign.id),
                },
              ]
            : []),
        ],
      },
    ],
  };
}
