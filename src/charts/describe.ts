/**
 * The figures of each chart in French sentences: the attachment's alt text (screen readers; Discord keeps 1,024
 * characters), the console's rendering, and the CLI's text output. Same figures as the image, from the same data.
 */
import { type Palmares, unansweredShare } from '../insights/palmares';
import type { DelayBin, Trend } from '../insights/trend';
import { frCount, frNumber } from '../format/french';
import type { CorpusCount } from './specs';
import { STATUS_LABELS } from './theme';

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

/** "2024-03" -> "mars 2024", "2024" -> "2024". */
function periodLabel(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : period;
}

export function pct(share: number): string {
  return `${Math.round(share * 100)}\u202f%`;
}

export function days(n: number | null): string {
  return n === null ? '—' : frCount(Math.round(n), 'jour');
}

export function statusSplit(x: { answered: number; pending: number; withdrawn: number }): string {
  const parts = [
    `${frNumber(x.answered)} ${STATUS_LABELS.answered}`,
    `${frNumber(x.pending)} ${STATUS_LABELS.pending}`,
  ];
  if (x.withdrawn) parts.push(`${frNumber(x.withdrawn)} ${STATUS_LABELS.withdrawn}`);
  return parts.join(', ');
}

export function describeTrend(t: Trend, subject: string): string {
  if (t.total === 0) return `Aucune question ${subject}.`;
  const first = t.periods[0];
  const last = t.periods[t.periods.length - 1];
  const peak = [...t.periods].sort((a, b) => b.total - a.total)[0];
  const lines = [
    `${frCount(t.total, 'question')} ${subject}${first && last ? `, de ${periodLabel(first.period)} à ${periodLabel(last.period)}` : ''} : ${statusSplit(t)}.`,
    `Délai médian de réponse : ${days(t.medianDelayDays)}.`,
  ];
  if (peak && peak.total > 0) lines.push(`Maximum : ${periodLabel(peak.period)} (${frNumber(peak.total)}).`);
  const per = t.granularity === 'month' ? 'Par mois' : 'Par année';
  const nonEmpty = t.periods.filter((p) => p.total > 0);
  lines.push(
    `${per} (total ; répondues / en attente ; délai médian) : ${nonEmpty
      .map(
        (p) =>
          `${periodLabel(p.period)} : ${frNumber(p.total)} ; ${frNumber(p.answered)}/${frNumber(p.pending)}${p.medianDelayDays !== null ? ` ; ${Math.round(p.medianDelayDays)} j` : ''}`,
      )
      .join(' · ')}.`,
  );
  if (t.undated) lines.push(`${frCount(t.undated, 'question')} sans date de publication.`);
  return lines.join('\n');
}

export function describeDelays(bins: readonly DelayBin[]): string {
  const total = bins.reduce((n, b) => n + b.count, 0);
  if (!total) return 'Aucune réponse datée.';
  return `Délais de réponse (${frCount(total, 'question répondue', 'questions répondues')}) : ${bins.map((b) => `${b.label} : ${frNumber(b.count)}`).join(' · ')}.`;
}

export function describePalmares(p: Palmares, shown?: number): string {
  if (!p.ranks.length) return 'Aucun ministère à classer.';
  const t = p.totals;
  const late = p.closed
    ? `${pct(unansweredShare(p))} restées sans réponse (caduques ou retirées)`
    : `${frNumber(t.pendingPastLimit)} en attente au-delà de deux mois`;
  const head = `${frCount(p.ranks.length, 'ministère classé', 'ministères classés')}${p.legislature ? ` (${p.legislature}e législature)` : ''} ; ${pct(t.eligible ? t.answeredWithinLimit / t.eligible : 0)} des questions répondues dans les deux mois, délai médian ${days(t.medianDelayDays)}, ${late}.`;
  const list = p.ranks
    .slice(0, shown ?? p.ranks.length)
    .map(
      (r, i) =>
        `${i + 1}. ${r.ministry} : ${pct(r.shareWithinLimit)} dans les 2 mois (${frNumber(r.answeredWithinLimit)}/${frNumber(r.eligible)}), délai médian ${days(r.medianDelayDays)}, ${p.closed ? `${pct(r.total ? r.unanswered / r.total : 0)} sans réponse` : `${frNumber(r.pendingPastLimit)} en attente > 2 mois`}`,
    );
  return [head, ...list].join('\n');
}

export function describeCorpus(rows: readonly CorpusCount[]): string {
  const byLeg = new Map<number, { answered: number; pending: number; withdrawn: number; total: number }>();
  for (const r of rows) {
    const e = byLeg.get(r.legislature) ?? { answered: 0, pending: 0, withdrawn: 0, total: 0 };
    e[r.status] += r.count;
    e.total += r.count;
    byLeg.set(r.legislature, e);
  }
  return [...byLeg.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([leg, e]) => `${leg}e législature : ${frCount(e.total, 'question')} (${statusSplit(e)})`)
    .join('\n');
}

/** Discord keeps at most 1,024 characters of an attachment's description. */
export function altText(text: string, max = 1024): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
