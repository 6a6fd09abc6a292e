/**
 * /stats [chambre]: counts per chamber, by legislature and status (one chamber's, or both), newest question date,
 * last refresh, index state.
 */
import { defineCommand } from '../src/present/commandKit';
import { COLORS, ordinal } from '../src/present/format';
import { formatDate } from '../src/present/userInput';
import { CHAMBER_NAMES, frCount, frNoun, frNumber as fr } from '../src/format/french';
import type { Chamber } from '../src/corpus/types';
import { CHAMBER_OPTION, chamberOf } from '../src/present/views/filters';
import '../src/ops/commandDeps';
import { healthLinesFr } from '../src/ops/healthText';
import { chartFile, imageOf } from '../src/charts/chartFiles';
import { describeCorpus } from '../src/charts/describe';
import { corpusSpec } from '../src/charts/specs';

export default defineCommand({
  name: 'stats',
  help: {
    what: 'Chiffres du corpus par chambre (Assemblée, Sénat), par législature et par statut, date de la dernière mise à jour, état du service (connexion, index, mise à jour quotidienne).',
    examples: ['/stats', '/stats chambre:senat'],
  },
  description: 'Chiffres du corpus : questions par législature et par statut, dernière mise à jour',
  descriptionEn: 'Corpus figures: questions by legislature and status, last refresh',
  options: { chambre: CHAMBER_OPTION },
  async run(args, deps) {
    const s = deps.store.stats();
    const chamber = chamberOf(args.chambre);
    const rows = s.byChamberLegislatureAndStatus.filter((r) => chamber === undefined || r.chamber === chamber);
    const perChamber = new Map<Chamber, number>();
    for (const r of s.byChamberLegislatureAndStatus)
      perChamber.set(r.chamber, (perChamber.get(r.chamber) ?? 0) + r.count);
    const total = chamber === undefined ? s.total : (perChamber.get(chamber) ?? 0);
    // One row per legislature and status (both chambers added up unless one is chosen): the fields and the chart.
    const byLegStatus = new Map<
      string,
      { legislature: number; status: (typeof rows)[number]['status']; count: number }
    >();
    for (const r of rows) {
      const key = `${r.legislature}:${r.status}`;
      const e = byLegStatus.get(key) ?? { legislature: r.legislature, status: r.status, count: 0 };
      e.count += r.count;
      byLegStatus.set(key, e);
    }
    const legStatus = [...byLegStatus.values()];
    const byLeg = new Map<number, { answered: number; pending: number; withdrawn: number; total: number }>();
    for (const r of legStatus) {
      const e = byLeg.get(r.legislature) ?? { answered: 0, pending: 0, withdrawn: 0, total: 0 };
      e[r.status] += r.count;
      e.total += r.count;
      byLeg.set(r.legislature, e);
    }
    const legislatures = [...byLeg.entries()].sort((a, b) => b[0] - a[0]);
    const lastIngest = s.lastIngestAt
      ? `${formatDate(s.lastIngestAt.slice(0, 10))} à ${s.lastIngestAt.slice(11, 16)} UTC`
      : 'jamais';
    const index = deps.search.ready ? 'prêt' : 'en cours de chargement';
    // ops: the service's health (gateway, index, workers, refresh, deliveries) when the bot provides it.
    const health = deps.health ? healthLinesFr(deps.health()) : [`Index de recherche : ${index}.`];
    // Chart of the corpus by legislature and status (issue 13).
    const chart = await chartFile(
      deps.charts,
      'corpus.png',
      corpusSpec(legStatus, `Questions écrites : le corpus${chamber ? ` (${CHAMBER_NAMES[chamber]})` : ''}`),
      describeCorpus(legStatus),
    );
    // corpus (issue 12): the refresh's state, when the bot runs one (in progress, or no network).
    const refresh = deps.digest?.scheduler?.status();
    const refreshLine = refresh?.running
      ? 'Mise à jour des données en cours (en arrière-plan).'
      : refresh?.offline
        ? 'Mise à jour impossible pour l’instant : pas d’accès à l’open data de l’Assemblée ; le bot sert les questions déjà en base.'
        : null;
    // The legislature the daily refresh follows (discovered: src/digest/liveLegislature.ts).
    const live = refresh?.legislature ?? null;
    const liveLine =
      live === null
        ? null
        : refresh?.moved
          ? `Nouvelle législature détectée le ${formatDate(refresh.moved.at.slice(0, 10))} : la mise à jour quotidienne suit la ${ordinal(live)} législature (après la ${ordinal(refresh.moved.from)}).`
          : `Mise à jour quotidienne : ${ordinal(live)} législature.`;
    return {
      ...(chart ? { files: [chart] } : {}),
      embeds: [
        {
          title: `Questions écrites : état du corpus${chamber ? ` — ${CHAMBER_NAMES[chamber]}` : ''}`,
          color: COLORS.info,
          description: [
            `**${fr(total)}** ${frNoun(total, 'question')} ${chamber ? `(${CHAMBER_NAMES[chamber]})` : 'au total'}.`,
            ...(chamber
              ? []
              : (['an', 'senat'] as const).map(
                  (c) => `${CHAMBER_NAMES[c]} : ${frCount(perChamber.get(c) ?? 0, 'question')}.`,
                )),
            `Question la plus récente : ${formatDate(s.newestQuestionDate)}.`,
            `Dernière mise à jour des données : ${lastIngest}.`,
            '',
            ...health,
            ...(liveLine ? [liveLine] : []),
            ...(refreshLine ? [refreshLine] : []),
          ].join('\n'),
          fields: legislatures.map(([leg, e]) => ({
            name: `${ordinal(leg)} législature — ${frCount(e.total, 'question')}`,
            value: `répondues : ${fr(e.answered)} (${e.total ? Math.round((100 * e.answered) / e.total) : 0} %) · en attente : ${fr(e.pending)} · retirées/caduques : ${fr(e.withdrawn)}`,
          })),
          ...imageOf(chart),
        },
      ],
    };
  },
});
