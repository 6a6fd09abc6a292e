/** The answer of /palmares: ministries ranked by the share of questions answered within two months. */
import { chartFile, imageOf } from '../../charts/chartFiles';
import { days, describePalmares, pct } from '../../charts/describe';
import { palmaresSpec } from '../../charts/specs';
import { frCount, frNumber, ordinal } from '../../format/french';
import type { CommandDeps } from '../deps';
import { COLORS } from '../format';
import { escapeCorpus } from '../markdown';
import type { Reply } from '../reply';
import { UserError } from '../UserError';
import { exportButton } from './exportButton';

export async function palmaresReply(
  legislatureArg: number | undefined,
  deps: CommandDeps,
  now: Date,
  opts: { campaignOnce?: boolean } = {},
): Promise<Reply> {
  if (!deps.charts) throw new UserError('Le palmarès n’est pas disponible sur ce bot.');
  const legislatures = deps.charts.corpus.legislatures();
  const legislature = legislatureArg ?? legislatures[legislatures.length - 1] ?? null;
  if (legislatureArg !== undefined && !legislatures.includes(legislatureArg)) {
    throw new UserError(
      `Aucune question de la ${ordinal(legislatureArg)} législature dans la base (législatures présentes : ${legislatures.join(', ') || 'aucune'}).`,
    );
  }
  const p = deps.charts.corpus.palmares(legislature, now.toISOString().slice(0, 10), opts);
  const where = legislature === null ? 'toutes législatures' : `${ordinal(legislature)} législature`;
  if (!p.ranks.length)
    return {
      embeds: [
        {
          title: `Palmarès des ministères — ${where}`,
          color: COLORS.info,
          description: 'Aucune question dont l’échéance de deux mois est passée.',
        },
      ],
    };
  const text = describePalmares(p);
  const file = await chartFile(
    deps.charts,
    'palmares.png',
    palmaresSpec(p, `Palmarès des ministères — ${where}`),
    text,
  );
  const line = (r: (typeof p.ranks)[number], i: number) =>
    `${i + 1}. **${escapeCorpus(r.ministry)}** — ${pct(r.shareWithinLimit)} (${frNumber(r.answeredWithinLimit)}/${frNumber(r.eligible)}) · médiane ${days(r.medianDelayDays)} · ${frNumber(r.pendingPastLimit)} en retard`;
  const best = p.ranks.slice(0, 10).map(line);
  const worst = p.ranks.length > 10 ? p.ranks.slice(-5).map((r) => line(r, p.ranks.indexOf(r))) : [];
  const t = p.totals;
  return {
    embeds: [
      {
        title: `Palmarès des ministères — ${where}`,
        color: COLORS.info,
        description: [
          `Part des questions écrites répondues **dans les deux mois** que donne le Règlement de l’Assemblée (art. 135), parmi celles dont l’échéance est passée (hors questions retirées).`,
          opts.campaignOnce
            ? 'Chaque campagne de questions identiques compte une fois (sa première question) : voir /campagnes.'
            : '',
          `Ensemble : ${pct(t.eligible ? t.answeredWithinLimit / t.eligible : 0)} dans les deux mois, délai médian ${days(t.medianDelayDays)}, **${frNumber(t.pendingPastLimit)}** en attente au-delà de deux mois.`,
          p.tooFew
            ? `${frCount(p.tooFew, 'ministère')} avec moins de ${p.minEligible} questions non classé${p.tooFew > 1 ? 's' : ''}.`
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
        fields: [
          { name: 'Les mieux classés', value: best.join('\n'), inline: false },
          ...(worst.length ? [{ name: 'Les derniers', value: worst.join('\n'), inline: false }] : []),
        ],
        ...imageOf(file),
        footer: {
          text: 'Source : Assemblée nationale (questions écrites), Licence Ouverte. Classement complet dans l’export CSV.',
        },
      },
    ],
    ...(file ? { files: [file] } : {}),
    components: [{ type: 1, components: [exportButton('p', legislature ?? 'all')] }],
  };
}
