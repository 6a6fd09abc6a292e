/** The health report in French, for users (`/stats`): one line per part, plain text (escape-free words only). */
import { frCount, frenchDateTime } from '../format/french';
import type { HealthReport } from './health';

export function healthLinesFr(h: HealthReport): string[] {
  const lines: string[] = [];
  lines.push(
    h.status === 'ok'
      ? '✅ Service : opérationnel.'
      : h.shuttingDown
        ? '🔄 Service : redémarrage en cours.'
        : '⚠️ Service : dégradé.',
  );
  if (h.gateway) lines.push(`Connexion à Discord : ${h.gateway.connected ? 'établie' : 'interrompue'}.`);

  const idx = h.index;
  if (idx.ready) lines.push(`Index de recherche : prêt (${frCount(idx.size, 'question')}).`);
  else if (idx.lastError) lines.push('Index de recherche : indisponible (échec du chargement, voir les journaux).');
  else lines.push('Index de recherche : en cours de chargement.');
  if (idx.workers.length > 0) {
    const alive = idx.workers.filter((w) => w.alive).length;
    const restarts = idx.workers.reduce((n, w) => n + w.restarts, 0);
    lines.push(
      `Moteurs de recherche : ${alive} sur ${idx.workers.length} actifs` +
        (restarts > 0 ? ` (${frCount(restarts, 'redémarrage')} depuis le lancement)` : '') +
        '.',
    );
  }

  const r = h.refresh;
  if (r) {
    const last = r.last;
    if (r.consecutiveFailures > 0) {
      lines.push(
        `Mise à jour quotidienne : en échec (${frCount(r.consecutiveFailures, 'tentative')} de suite) ; nouvel essai automatique.`,
      );
    } else if (last && last.outcome !== 'failed') {
      const what =
        last.outcome === 'unchanged' || !last.questions
          ? 'rien de nouveau'
          : `${frCount(last.questions.new, 'nouvelle question', 'nouvelles questions')}, ${frCount(last.questions.updated, 'mise à jour', 'mises à jour')}`;
      lines.push(`Mise à jour quotidienne : réussie le ${frenchDateTime(last.finishedAt)} (${what}).`);
    } else if (r.lastOkAt) {
      lines.push(`Mise à jour quotidienne : réussie le ${frenchDateTime(r.lastOkAt)}.`);
    } else {
      lines.push('Mise à jour quotidienne : pas encore faite.');
    }
  }
  if (h.deliveries.pending !== null && h.deliveries.pending > 0) {
    lines.push(`Messages de digest en attente d’envoi : ${h.deliveries.pending}.`);
  }
  return lines;
}
