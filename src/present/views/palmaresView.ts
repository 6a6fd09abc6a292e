/** The answer of /palmares: ministries ranked by the share of questions answered within two months. */
import { CAMPAIGN_ONCE_NOTE } from './campaignView';
import { chartFile, imageOf } from '../../charts/chartFiles';
import { days, describePalmares, pct } from '../../charts/describe';
import { palmaresChambersSpec, palmaresSpec } from '../../charts/specs';
import type { Chamber } from '../../corpus/types';
import { compareChambers, type ChamberComparison, type Palmares, unansweredShare } from '../../insights/palmares';
import { BOTH_CHAMBERS_NAME, CHAMBER_MARKS, CHAMBER_NAMES, frCount, frNumber, ordinal } from '../../format/french';
import type { CommandDeps } from '../deps';
import { COLORS } from '../format';
import { escapeCorpus } from '../markdown';
import type { Reply } from '../reply';
import { UserError } from '../UserError';
import { exportButton, palmaresExportArg } from './exportButton';

/** Ministries shown side by side (both chambers): the chart and the field stay readable. */
const SIDE_BY_SIDE_ROWS = 8;
const SIDE_BY_SIDE = 'Assemblée et Sénat côte à côte';

/**
 * The rules' two months, in each chamber: the Assemblée's Règlement (art. 135) gives two months; the Sénat's (art. 75)
 * one month, which a minister may extend by one more: the same two-month limit is counted for both.
 */
const RULE: Record<Chamber | 'both', string> = {
  an: 'que donne le Règlement de l’Assemblée (art. 135)',
  senat: 'que donne le Règlement du Sénat (art. 75 : un mois, prolongeable d’un mois)',
  both: 'que donnent les Règlements de l’Assemblée (art. 135) et du Sénat (art. 75 : un mois, prolongeable d’un mois)',
};

function chamberFigures(r: ChamberComparison['an']): string {
  return r ? `${pct(r.shareWithinLimit)} · ${days(r.medianDelayDays)}` : '—';
}

/** « **Justice** — AN 45 % · 30 jours · Sénat 38 % · 52 jours » (the name as `name` gives it: bold and escaped). */
function sideBySideLine(c: ChamberComparison, name = (n: string) => `**${escapeCorpus(n)}**`): string {
  return `${name(c.ministry)} — ${CHAMBER_MARKS.an} ${chamberFigures(c.an)} · ${CHAMBER_MARKS.senat} ${chamberFigures(c.senat)}`;
}

/** The combined ranking's chamber comparison, when both chambers have questions to rank. */
function sideBySide(
  p: Palmares,
  deps: CommandDeps,
  today: string,
  opts: { campaignOnce?: boolean },
): ChamberComparison[] {
  if (p.chamber !== null || !deps.charts) return [];
  const chambers = deps.charts.corpus.chambers();
  if (!chambers.includes('an') || !chambers.includes('senat')) return [];
  const an = deps.charts.corpus.palmares(p.legislature, today, 'an', opts);
  const senat = deps.charts.corpus.palmares(p.legislature, today, 'senat', opts);
  return compareChambers(an, senat, SIDE_BY_SIDE_ROWS);
}

export async function palmaresReply(
  legislatureArg: number | undefined,
  deps: CommandDeps,
  now: Date,
  chamber?: Chamber,
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
  const today = now.toISOString().slice(0, 10);
  const p = deps.charts.corpus.palmares(legislature, today, chamber ?? null, opts);
  const where = [
    chamber ? CHAMBER_NAMES[chamber] : '',
    legislature === null ? 'toutes législatures' : `${ordinal(legislature)} législature`,
  ]
    .filter(Boolean)
    .join(', ');
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
  const compared = sideBySide(p, deps, today, opts);
  const compareFile = compared.length
    ? await chartFile(
        deps.charts,
        'palmares-chambres.png',
        palmaresChambersSpec(compared, `${SIDE_BY_SIDE} — ${where}`),
        compared.map((c) => sideBySideLine(c, (name) => name)).join('\n'),
      )
    : null;
  const line = (r: (typeof p.ranks)[number], i: number) =>
    `${i + 1}. **${escapeCorpus(r.ministry)}** — ${pct(r.shareWithinLimit)} (${frNumber(r.answeredWithinLimit)}/${frNumber(r.eligible)}) · médiane ${days(r.medianDelayDays)} · ${p.closed ? `${pct(r.total ? r.unanswered / r.total : 0)} sans réponse` : `${frNumber(r.pendingPastLimit)} en retard`}`;
  const best = p.ranks.slice(0, 10).map(line);
  const worst = p.ranks.length > 10 ? p.ranks.slice(-5).map((r) => line(r, p.ranks.indexOf(r))) : [];
  const t = p.totals;
  return {
    embeds: [
      {
        title: `Palmarès des ministères — ${where}`,
        color: COLORS.info,
        description: [
          `Part des questions écrites répondues **dans les deux mois** ${RULE[chamber ?? 'both']}, parmi celles dont l’échéance est passée (hors questions retirées).`,
          opts.campaignOnce ? CAMPAIGN_ONCE_NOTE : '',
          `Ensemble : ${pct(t.eligible ? t.answeredWithinLimit / t.eligible : 0)} dans les deux mois, délai médian ${days(t.medianDelayDays)}, ${p.closed ? `**${pct(unansweredShare(p))}** restées sans réponse (législature close : caduques ou retirées)` : `**${frNumber(t.pendingPastLimit)}** en attente au-delà de deux mois`}.`,
          p.tooFew
            ? `${frCount(p.tooFew, 'ministère')} avec moins de ${p.minEligible} questions non classé${p.tooFew > 1 ? 's' : ''}.`
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
        fields: [
          { name: 'Les mieux classés', value: best.join('\n'), inline: false },
          ...(worst.length ? [{ name: 'Les derniers', value: worst.join('\n'), inline: false }] : []),
          ...(compared.length
            ? [
                {
                  name: `${SIDE_BY_SIDE} (réponses dans les 2 mois · délai médian)`,
                  value: compared.map((c) => sideBySideLine(c)).join('\n'),
                  inline: false,
                },
              ]
            : []),
        ],
        ...imageOf(file),
        footer: {
          text: `Source : ${chamber ? CHAMBER_NAMES[chamber] : BOTH_CHAMBERS_NAME} (questions écrites), Licence Ouverte. Classement complet dans l’export CSV.`,
        },
      },
      ...(compareFile ? [{ title: `${SIDE_BY_SIDE} — ${where}`, color: COLORS.info, ...imageOf(compareFile) }] : []),
    ],
    ...(file || compareFile ? { files: [file, compareFile].filter((f) => f !== null) } : {}),
    components: [{ type: 1, components: [exportButton('p', palmaresExportArg(legislature, chamber))] }],
  };
}
