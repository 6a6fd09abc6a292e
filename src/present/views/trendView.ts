/**
 * The answer of /tendance (and of « combien … ? » in plain French): how many questions match, per month or per
 * year and by status, with the median answer delay per period (chart + the same figures in text), and who asks
 * and who receives the most. An « Exporter (CSV) » button exports the matching questions.
 */
import type { APIEmbedField } from 'discord-api-types/v10';
import type { TrendQuery } from '../../charts/chartDeps';
import { factOfHit } from '../../search/collectedFact';
import { chartFile, imageOf } from '../../charts/chartFiles';
import { days, describeTrend, statusSplit } from '../../charts/describe';
import { trendSpec } from '../../charts/specs';
import { compareYears } from '../../insights/trend';
import { frCount, frNumber } from '../../format/french';
import type { CommandDeps } from '../deps';
import { COLORS } from '../format';
import { escapeCorpus } from '../markdown';
import type { Reply } from '../reply';
import { UserError } from '../UserError';
import { CAMPAIGN_ONCE_NOTE, requireCampaigns } from './campaignView';
import { exportButton, TREND_STATE } from './exportButton';
import { requireSearchReady } from './resultsView';
import { describeFilters } from './filters';

function subjectOf(q: TrendQuery): string {
  const f = describeFilters(q.filters);
  return [q.text ? `sur « ${q.text} »` : '', f ? `(${f})` : ''].filter(Boolean).join(' ');
}

export async function trendReply(
  q: TrendQuery,
  deps: CommandDeps,
  now: Date,
  opts: { compare?: number[]; footer?: string } = {},
): Promise<Reply> {
  if (!deps.charts) throw new UserError('Les tendances ne sont pas disponibles sur ce bot.');
  requireSearchReady(deps);
  if (q.campaignOnce) requireCampaigns(deps);
  const { trend: t, mode } = await deps.charts.trend(q, now);
  const subject = subjectOf(q) || 'de tout le corpus';
  const title = `Tendance : questions ${subject}`;
  if (t.total === 0) {
    return {
      embeds: [
        {
          title: escapeCorpus(title),
          color: COLORS.search,
          description: 'Aucune question ne correspond. Essayez moins de mots ou retirez un filtre.',
        },
      ],
    };
  }
  const text = describeTrend(t, subject);
  const file = await chartFile(
    deps.charts,
    'tendance.png',
    trendSpec(t, `Questions écrites ${subject}`.slice(0, 120)),
    text,
  );
  const list = (items: Array<{ name: string; count: number }>) =>
    items.length ? items.map((x, i) => `${i + 1}. ${escapeCorpus(x.name)} (${frNumber(x.count)})`).join('\n') : '—';
  const fields: APIEmbedField[] = [
    { name: 'Statut', value: statusSplit(t), inline: false },
    { name: 'Délai médian de réponse', value: days(t.medianDelayDays), inline: true },
    {
      name: 'Période',
      value: t.periods.length ? `${t.periods[0]!.period} → ${t.periods[t.periods.length - 1]!.period}` : '—',
      inline: true,
    },
    { name: 'Qui pose ces questions', value: list(t.topDeputies), inline: true },
    { name: 'Groupes', value: list(t.topGroups), inline: true },
    { name: 'Ministères interrogés', value: list(t.topMinistries), inline: true },
  ];
  if (opts.compare?.length) {
    const facts = await deps.charts.collect(
      { text: q.text, filters: q.filters, sort: 'newest', now },
      Number.MAX_SAFE_INTEGER,
    );
    const rows = compareYears(facts.hits.map(factOfHit), opts.compare);
    const first = rows[0];
    fields.unshift({
      name: 'Comparaison',
      value: rows
        .map((r) => {
          const change =
            first && r !== first && first.total > 0
              ? ` (${r.total >= first.total ? '+' : ''}${Math.round(((r.total - first.total) / first.total) * 100)} % par rapport à ${first.year})`
              : '';
          return `**${r.year}** : ${frCount(r.total, 'question')}${change}, ${frNumber(r.answered)} répondues, délai médian ${days(r.medianDelayDays)}`;
        })
        .join('\n'),
      inline: false,
    });
  }
  const stateId = deps.pages.save(TREND_STATE, q, now);
  const description = [
    `**${frCount(t.total, 'question')}** ${t.granularity === 'month' ? 'par mois' : 'par année'}${mode === 'any' ? ' (aucune ne contient tous les mots : celles qui en contiennent au moins un)' : ''}.`,
    q.campaignOnce ? CAMPAIGN_ONCE_NOTE : '',
    file ? '' : escapeCorpus(text),
  ]
    .filter(Boolean)
    .join('\n');
  return {
    embeds: [
      {
        title: escapeCorpus(title),
        color: COLORS.search,
        description,
        fields,
        ...imageOf(file),
        footer: {
          text:
            opts.footer ??
            'Source : Assemblée nationale (questions écrites), Licence Ouverte. Chiffres détaillés dans le texte alternatif de l’image.',
        },
      },
    ],
    ...(file ? { files: [file] } : {}),
    components: [{ type: 1, components: [exportButton('t', stateId)] }],
  };
}
