/** What an ingest run read, wrote and rejected, counted as it goes, and the summary and per-input reports made of it. */
import type { EventKind } from '../../store/types';
import type { IngestSummary, InputReport, Rejection } from './types';

export class IngestTally {
  records = 0;
  ignored = 0;
  readonly rejected: Rejection[] = [];
  readonly q = { read: 0, new: 0, updated: 0, unchanged: 0 };
  readonly a = { read: 0, changed: 0 };
  readonly backfill = { questionsUpdated: 0, questionsNamed: 0 };
  namedByUpdate = 0;
  readonly events: Record<EventKind, number> = { new_question: 0, new_answer: 0, closed: 0, transfer: 0 };
  baselineEvents = 0;
  readonly baselineUsed = new Set<number>();

  reject(file: string, category: string, detail: string | null): void {
    this.rejected.push({ file, category, reason: detail ? `${category} : ${detail}` : category });
  }

  report(input: string, records: number, ignored: number, rejectedFrom: number, files: number): InputReport {
    if (records > 0 || ignored > 0) {
      return { input, status: 'read', message: null, records, ignored, rejected: this.rejected.length - rejectedFrom };
    }
    const first = this.rejected[rejectedFrom];
    const msg = files === 0 ? 'aucun fichier' : first ? first.reason : 'aucun enregistrement lisible';
    return { input, status: 'error', message: msg, records };
  }

  summary(
    inputs: InputReport[],
    started: number,
    startedAt: string,
    unnamedAuthors: IngestSummary['unnamedAuthors'],
  ): IngestSummary {
    const groups = new Map<string, { category: string; count: number; examples: string[] }>();
    for (const r of this.rejected) {
      const g = groups.get(r.category) ?? { category: r.category, count: 0, examples: [] };
      g.count++;
      if (g.examples.length < 3) g.examples.push(r.file);
      groups.set(r.category, g);
    }
    return {
      inputs,
      read: this.records,
      questions: { ...this.q },
      acteurs: { ...this.a },
      named: this.backfill.questionsNamed + this.namedByUpdate,
      unnamedAuthors,
      ignored: this.ignored,
      rejected: this.rejected,
      rejectedByCategory: [...groups.values()].sort((x, y) => y.count - x.count),
      events: { ...this.events },
      baselineEvents: this.baselineEvents,
      baselineLegislatures: [...this.baselineUsed].sort((x, y) => x - y),
      startedAt,
      durationMs: Math.round(performance.now() - started),
    };
  }
}
