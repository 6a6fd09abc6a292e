/** /stats: counts by legislature and status, newest question date, last refresh, index state. */
import { defineCommand } from '../src/discord/commandKit';
import { COLORS, ordinal } from '../src/discord/format';
import { formatDate } from '../src/discord/userInput';
import { frCount, frNoun, frNumber as fr } from '../src/format/french';

export default defineCommand({
  name: 'stats',
  help: {
    what: 'Chiffres du corpus par législature et par statut, date de la dernière mise à jour.',
    examples: ['/stats'],
  },
  description: 'Chiffres du corpus : questions par législature et par statut, dernière mise à jour',
  descriptionEn: 'Corpus figures: questions by legislature and status, last refresh',
  async run(_args, deps) {
    const s = deps.store.stats();
    const byLeg = new Map<number, { answered: number; pending: number; withdrawn: number; total: number }>();
    for (const r of s.byLegislatureAndStatus) {
      const e = byLeg.get(r.legislature) ?? { answered: 0, pending: 0, withdrawn: 0, total: 0 };
      e[r.status] += r.count;
      e.total += r.count;
      byLeg.set(r.legislature, e);
    }
    const legislatures = [...byLeg.entries()].sort((a, b) => b[0] - a[0]);
    const lastIngest = s.lastIngestAt ? `${formatDate(s.lastIngestAt.slice(0, 10))} à ${s.lastIngestAt.slice(11, 16)} UTC` : 'jamais';
    const index = deps.search.ready ? 'prêt' : 'en cours de chargement';
    return {
      embeds: [
        {
          title: 'Questions écrites : état du corpus',
          color: COLORS.info,
          description: [
            `**${fr(s.total)}** ${frNoun(s.total, 'question')} au total.`,
            `Question la plus récente : ${formatDate(s.newestQuestionDate)}.`,
            `Dernière mise à jour des données : ${lastIngest}.`,
            `Index de recherche : ${index}.`,
          ].join('\n'),
          fields: legislatures.map(([leg, e]) => ({
            name: `${ordinal(leg)} législature — ${frCount(e.total, 'question')}`,
            value: `répondues : ${fr(e.answered)} (${e.total ? Math.round((100 * e.answered) / e.total) : 0} %) · en attente : ${fr(e.pending)} · retirées/caduques : ${fr(e.withdrawn)}`,
          })),
        },
      ],
    };
  },
});
