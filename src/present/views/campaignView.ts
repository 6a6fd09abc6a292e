/**
 * Campaigns as shown (issue 21): the list of the largest (/campagnes, plain French), one campaign's questions with
 * « Exporter (CSV) », and the lines of a question's card (« Texte repris par 23 autres questions… »).
 * Buttons: `camp:<id>` opens a campaign's list (owned by commands/campagnes.ts), `exp:c:<id>` exports it.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { CampaignFilters, CampaignSummary, QuestionCampaign } from '../../campaigns/CampaignStore';
import { describeFilters } from './filters';
import type { Question } from '../../corpus/types';
import { BOTH_CHAMBERS_NAME, CHAMBER_NAMES, frCount, frenchPeriod, frNumber } from '../../format/french';
import { customId } from '../commandKit';
import { COLORS } from '../format';
import { escapeCorpus, plainText } from '../markdown';
import type { Reply } from '../reply';
import type { CampaignReader } from '../../campaigns/commandDeps';
import type { CommandDeps } from '../deps';
import { UserError } from '../UserError';
import { exportButton } from './exportButton';
import { questionLine } from './summaryView';

/** Campaigns listed per message (two rows of five buttons). */
export const CAMPAIGNS_SHOWN = 10;
/** Questions listed in a campaign's message (all of them in the CSV). */
const MEMBERS_SHOWN = 15;

function share(part: number, whole: number): string {
  return `${Math.round((100 * part) / Math.max(1, whole))} %`;
}

/** « 23 questions du 3 au 17 mars 2025 · 21 auteurs, 5 groupes · Intérieur · 40 % répondues · réponse commune à 9 » */
function campaignFacts(c: CampaignSummary): string {
  const parts = [
    `${frCount(c.size, 'question')} ${frenchPeriod(c.firstDate, c.lastDate) ?? ''}`.trim(),
    `${frCount(c.authors, 'auteur')}, ${frCount(c.groups, 'groupe')}`,
    ...(c.ministry ? [escapeCorpus(c.ministry)] : []),
    `${share(c.answered, c.size)} répondues`,
    ...(c.commonAnswer > 1 ? [`réponse commune à ${frNumber(c.commonAnswer)}`] : []),
    // The chambers when not the Assemblée's alone (the default of the corpus).
    ...(c.chambers.length > 1 ? [BOTH_CHAMBERS_NAME] : c.chambers[0] === 'senat' ? [CHAMBER_NAMES.senat] : []),
  ];
  return parts.join(' · ');
}

function subjectOf(c: CampaignSummary): string {
  return c.subject || 'Texte sans objet lisible';
}

/** « sur « pesticides » · 16e législature · depuis le 01/01/2024 », or '' without filters. */
export function campaignsWhat(f: CampaignFilters): string {
  const filters = describeFilters({
    ...(f.legislature !== undefined ? { legislature: f.legislature } : {}),
    ...(f.since ? { from: f.since } : {}),
    ...(f.until ? { to: f.until } : {}),
  });
  return [f.text ? `sur « ${f.text} »` : '', filters].filter(Boolean).join(' · ');
}

/** The largest campaigns, each with a button opening its questions. `what` says what was asked. */
export function campaignsReply(list: readonly CampaignSummary[], what: string): Reply {
  if (!list.length) {
    return {
      embeds: [
        {
          title: 'Campagnes de questions identiques',
          color: COLORS.question,
          description: `Aucune campagne ${escapeCorpus(what)}. Une campagne : au moins deux questions dont le texte est repris presque mot pour mot.`,
        },
      ],
    };
  }
  const shown = list.slice(0, CAMPAIGNS_SHOWN);
  const lines = shown.map((c, i) => `**${i + 1}.** ${escapeCorpus(subjectOf(c))}\n${campaignFacts(c)}`);
  const buttons = shown.map((c, i) => ({
    type: 2 as const,
    style: 2 as const,
    label: `${i + 1}. ${plainText(frCount(c.size, 'question'))}`,
    custom_id: customId('camp', c.id),
  }));
  const rows = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push({ type: 1 as const, components: buttons.slice(i, i + 5) });
  return {
    embeds: [
      {
        title: `Campagnes de questions identiques ${escapeCorpus(what)}`.trim(),
        color: COLORS.question,
        description: lines.join('\n\n'),
        footer: {
          text: 'Une campagne : des questions au texte repris presque mot pour mot (ouverture, noms et détails locaux mis à part). Les boutons ouvrent la liste.',
        },
      },
    ],
    components: rows,
  };
}

/** One campaign: its figures, its first questions and « Exporter (CSV) » for all of them. */
export function campaignReply(c: CampaignSummary, questions: readonly Question[], now: Date): Reply {
  const lines = questions.slice(0, MEMBERS_SHOWN).map((q) => `• ${questionLine(q, now, true)}`);
  if (c.size > MEMBERS_SHOWN)
    lines.push(
      `… et ${frCount(c.size - MEMBERS_SHOWN, 'autre question', 'autres questions')} (toutes dans l’export CSV)`,
    );
  const embed: APIEmbed = {
    title: `Campagne : ${escapeCorpus(subjectOf(c).slice(0, 200))}`,
    color: COLORS.question,
    description: `${campaignFacts(c)}\n\n${lines.join('\n')}`,
  };
  return { embeds: [embed], components: [{ type: 1, components: [exportButton('c', c.id)] }] };
}

/** The campaigns a command reads, or a French error when this bot has none or has not computed them yet. */
export function requireCampaigns(deps: CommandDeps): CampaignReader {
  if (!deps.campaigns) throw new UserError('Les campagnes ne sont pas disponibles sur ce bot.');
  if (!deps.campaigns.computed())
    throw new UserError(
      'Les campagnes ne sont pas encore calculées : elles le seront après la prochaine mise à jour du corpus.',
    );
  return deps.campaigns;
}

/** What a figure counting each campaign once says (/palmares, /tendance with `campagnes:true`). */
export const CAMPAIGN_ONCE_NOTE =
  'Chaque campagne de questions identiques compte une fois (sa première question) : voir /campagnes.';

/** « 12 de ses 40 questions reprennent le texte d’une campagne (4 campagnes) », or null when none (/depute). */
export function campaignShareLine(share: { questions: number; campaigns: number }, total: number): string | null {
  if (!share.questions) return null;
  const of =
    share.questions < total
      ? `${frNumber(share.questions)} de ses ${frNumber(total)} questions ${share.questions > 1 ? 'reprennent' : 'reprend'}`
      : total === 1
        ? 'Sa question reprend'
        : `Ses ${frNumber(total)} questions reprennent`;
  return `${of} le texte d’une campagne (${frCount(share.campaigns, 'campagne')} ; voir /campagnes).`;
}

/** The lines of a question's card: its campaign and its common answer; empty when neither. */
export function questionCampaignLines(qc: QuestionCampaign): string[] {
  const lines: string[] = [];
  if (qc.campaign) {
    const others = qc.campaign.size - 1;
    const period = frenchPeriod(qc.campaign.firstDate, qc.campaign.lastDate);
    lines.push(
      `Texte repris par ${frCount(others, 'autre question', 'autres questions')}${period ? ` (campagne ${period})` : ''}`,
    );
  }
  if (qc.commonAnswer > 1) lines.push(`Réponse commune à ${frCount(qc.commonAnswer, 'question')}`);
  return lines;
}
