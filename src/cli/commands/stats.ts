import type { CorpusStats } from '../../store/types';
import { frenchDate, frenchDateTime, frNumber, TYPE_LABELS } from '../../format/french';
import type { CliCommand } from '../types';

const STATUS = { answered: 'répondues', pending: 'en attente', withdrawn: 'closes sans réponse' } as const;

function renderStats(s: CorpusStats, acteurs: number): string {
  const lines = [`Questions : ${frNumber(s.total)}`];
  if (s.total > 0) {
    lines.push('Par législature :');
    for (const l of s.byLegislature) {
      const parts = s.byLegislatureAndStatus
        .filter((x) => x.legislature === l.legislature)
        .map((x) => `${frNumber(x.count)} ${STATUS[x.status]}`);
      lines.push(`  ${l.legislature}e : ${frNumber(l.count)} (${parts.join(', ')})`);
    }
    lines.push('Par type :');
    for (const t of s.byType) lines.push(`  ${TYPE_LABELS[t.type] ?? t.type} : ${frNumber(t.count)}`);
    lines.push('Par statut :');
    for (const st of s.byStatus) lines.push(`  ${STATUS[st.status] ?? st.status} : ${frNumber(st.count)}`);
  }
  lines.push(`Députés connus : ${frNumber(acteurs)}`);
  lines.push(`Question la plus récente : ${frenchDate(s.newestQuestionDate) ?? 'aucune'}`);
  lines.push(`Dernière ingestion : ${frenchDateTime(s.lastIngestAt) ?? 'jamais'}`);
  return lines.join('\n');
}

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'compte les questions par législature, type et statut ; dernière ingestion',
  usage: 'stats [--json]',
  run(args, ctx) {
    const store = ctx.store();
    const stats = store.stats();
    ctx.out(args.includes('--json') ? JSON.stringify(stats, null, 2) : renderStats(stats, store.countActeurs()));
    return 0;
  },
};
