import { frNumber as fr } from '../../format/french';
import type { IngestSummary } from './types';

const EVENT_LABELS = {
  new_question: 'nouvelles questions',
  new_answer: 'nouvelles réponses',
  closed: 'clôtures sans réponse',
  transfer: 'changements de ministère',
} as const;

/** The French report printed by `npm run ingest`. */
export function formatSummary(s: IngestSummary, maxRejections = 20): string {
  const lines: string[] = [];
  for (const i of s.inputs) {
    const what =
      i.status === 'read'
        ? `${fr(i.records)} enregistrement${i.records > 1 ? 's' : ''} lu${i.records > 1 ? 's' : ''}`
        : i.status === 'unchanged'
          ? 'inchangé'
          : 'échec';
    lines.push(`• ${i.input} : ${what}${i.message && i.status !== 'read' ? ` (${i.message})` : ''}`);
  }
  lines.push(
    `Lus : ${fr(s.read)} (questions : ${fr(s.questions.read)}, députés : ${fr(s.acteurs.read)})` +
      (s.ignored
        ? `, ignorés (fichiers sans question ni député, questions orales ou d’autres législatures du Sénat) : ${fr(s.ignored)}`
        : ''),
  );
  lines.push(
    `Questions : ${fr(s.questions.new)} nouvelles, ${fr(s.questions.updated)} mises à jour, ${fr(s.questions.unchanged)} inchangées`,
  );
  if (s.acteurs.read) lines.push(`Députés : ${fr(s.acteurs.changed)} nouveaux ou modifiés`);
  if (s.named > 0) {
    lines.push(
      s.named > 1
        ? `${fr(s.named)} questions ont reçu le nom de leur auteur`
        : '1 question a reçu le nom de son auteur',
    );
  }
  if (s.unnamedAuthors.questions > 0) {
    const q = s.unnamedAuthors.questions;
    const d = s.unnamedAuthors.deputies;
    lines.push(
      `Auteurs sans fiche de député : ${fr(q)} question${q > 1 ? 's' : ''} (${fr(d)} député${d > 1 ? 's' : ''}) ; ` +
        'chargez l’historique des députés (npm run corpus -- officiel) pour leurs noms',
    );
  }
  const ev = (Object.keys(EVENT_LABELS) as Array<keyof typeof EVENT_LABELS>)
    .filter((k) => s.events[k] > 0)
    .map((k) => `${fr(s.events[k])} ${EVENT_LABELS[k]}`);
  lines.push(`Événements : ${ev.length ? ev.join(', ') : 'aucun'}`);
  if (s.baselineEvents > 0) {
    lines.push(
      `  dont ${fr(s.baselineEvents)} d’import initial (législature${s.baselineLegislatures.length > 1 ? 's' : ''} ${s.baselineLegislatures.join(', ')}), jamais publiés dans les digests`,
    );
  }
  const total = s.rejected.length;
  lines.push(`Rejets : ${fr(total)}`);
  for (const g of s.rejectedByCategory) {
    lines.push(`  ${g.category} : ${fr(g.count)} (ex. ${g.examples.join(', ')})`);
  }
  if (total > 0) {
    for (const r of s.rejected.slice(0, maxRejections)) lines.push(`  - ${r.file} : ${r.reason}`);
    if (total > maxRejections) lines.push(`  … et ${fr(total - maxRejections)} autres`);
  }
  lines.push(`Durée : ${(s.durationMs / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`);
  return lines.join('\n');
}
