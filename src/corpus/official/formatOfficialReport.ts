import { frNumber as fr } from '../../format/french';
import { formatBytes } from '../ingest/download';
import { formatSummary } from '../ingest/formatSummary';
import type { OfficialLoadReport } from './loadOfficialCorpus';

/** The French report printed by `npm run corpus -- officiel`: one line per archive, then the ingest summary. */
export function formatOfficialReport(r: OfficialLoadReport): string {
  const lines: string[] = ['Archives officielles :'];
  for (const a of r.archives) {
    let what: string;
    if (a.status === 'unchanged') what = `inchangée, rien téléchargé (${a.message ?? ''})`;
    else if (a.status === 'error') what = `ÉCHEC — ${a.message ?? 'raison inconnue'}`;
    else {
      const parts = [`${fr(a.records)} ${a.archive.kind === 'deputies' ? 'fiches de députés' : 'questions'} lues`];
      if (a.ignored && a.archive.chamber === 'senat')
        parts.push(`${fr(a.ignored)} questions ignorées (autre nature ou autre législature)`);
      else if (a.ignored) parts.push(`${fr(a.ignored)} fichiers ignorés (organes…)`);
      if (a.rejected) parts.push(`${fr(a.rejected)} rejets`);
      what = parts.join(', ');
    }
    const dl = a.download
      ? ` [${formatBytes(a.download.bytes)} en ${fr(Math.round(a.download.ms / 100) / 10)} s${a.download.resumedFrom > 0 ? `, repris à ${formatBytes(a.download.resumedFrom)}` : ''}]`
      : '';
    lines.push(`• ${a.archive.label} : ${what}${dl}`);
    lines.push(`  ${a.archive.url}`);
  }
  lines.push('', formatSummary({ ...r.summary, inputs: [] }));
  return lines.join('\n');
}
