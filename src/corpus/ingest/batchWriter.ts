/**
 * Batched writes of an ingest run: questions and deputies queued, then committed `batchSize` at a time (one
 * transaction each), with the baseline decided per chamber and legislature (see ingest.ts's contracts).
 */
import type { Acteur, Chamber, Question } from '../types';
import type { IngestTally } from './ingestTally';
import type { IngestOptions } from './types';

/** meta keys: legislatures of a baseline run that has not finished yet (a crash must not end the baseline). */
const BASELINE_PENDING_KEY: Record<Chamber, string> = {
  an: 'ingest_baseline_pending',
  senat: 'ingest_baseline_pending_senat',
};
const CHAMBERS: readonly Chamber[] = ['an', 'senat'];

/** A write to the database failed: not a problem of the input, so it ends the run. */
export class StoreWriteError extends Error {}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class BatchWriter {
  private pendingQuestions: Question[] = [];
  private pendingActeurs: Acteur[] = [];
  /** Per chamber: legislatures already held from official data when the run started (their events are news). */
  private readonly held: Record<Chamber, Set<number>>;
  private readonly baselinePending: Record<Chamber, Set<number>>;

  constructor(
    private readonly store: IngestOptions['store'],
    private readonly seenAt: string,
    private readonly batchSize: number,
    private readonly tally: IngestTally,
    private readonly onWritten: IngestOptions['onWritten'],
  ) {
    const pendingOf = (c: Chamber) => {
      const pending = this.store.getMeta(BASELINE_PENDING_KEY[c]);
      return new Set(pending ? (JSON.parse(pending) as number[]) : []);
    };
    this.baselinePending = { an: pendingOf('an'), senat: pendingOf('senat') };
    const heldOf = (c: Chamber) =>
      new Set(this.store.legislaturesWithOpenData(c).filter((l) => !this.baselinePending[c].has(l)));
    this.held = { an: heldOf('an'), senat: heldOf('senat') };
  }

  /** Queues a question; commits the batch once full. */
  addQuestion(q: Question): void {
    this.pendingQuestions.push(q);
    if (this.pendingQuestions.length >= this.batchSize) this.flush();
  }

  /** Queues a deputy; commits the batch once full. */
  addActeur(a: Acteur): void {
    this.pendingActeurs.push(a);
    if (this.pendingActeurs.length >= this.batchSize) this.flushActeurs();
  }

  /** The run finished: no legislature is left half-imported. */
  endBaselines(): void {
    for (const c of CHAMBERS) this.store.deleteMeta(BASELINE_PENDING_KEY[c]);
  }

  flushActeurs(): void {
    if (this.pendingActeurs.length === 0) return;
    const batch = this.pendingActeurs;
    this.pendingActeurs = [];
    try {
      this.tally.a.changed += this.store.upsertActeurs(batch, this.seenAt, this.tally.backfill);
    } catch (err) {
      throw new StoreWriteError(`écriture des députés impossible : ${message(err)}`, { cause: err });
    }
  }

  flush(): void {
    this.flushActeurs();
    if (this.pendingQuestions.length === 0) return;
    const all = this.pendingQuestions;
    this.pendingQuestions = [];
    // Baseline is decided per chamber: the Sénat's first import is baseline even where the Assemblée's is held.
    for (const chamber of CHAMBERS) {
      const batch = all.filter((q) => (q.chamber ?? 'an') === chamber);
      if (batch.length > 0) this.flushChamber(chamber, batch);
    }
  }

  private flushChamber(chamber: Chamber, batch: Question[]): void {
    const held = this.held[chamber];
    const pending = this.baselinePending[chamber];
    const baselineLegislatures = [...new Set(batch.map((q) => q.legislature))].filter((l) => !held.has(l));
    try {
      const fresh = baselineLegislatures.filter((l) => !pending.has(l));
      if (fresh.length > 0) {
        for (const l of fresh) pending.add(l);
        this.store.setMeta(BASELINE_PENDING_KEY[chamber], JSON.stringify([...pending].sort((x, y) => x - y)));
      }
      const baselineSet = new Set(baselineLegislatures);
      const outcomes = this.store.upsertQuestions(batch, { seenAt: this.seenAt, baselineLegislatures });
      const written: string[] = [];
      for (const [i, o] of outcomes.entries()) {
        if (o.status !== 'unchanged') written.push(o.uid);
        this.tally.q[o.status]++;
        if (o.named) this.tally.namedByUpdate++;
        const leg = batch[i]?.legislature;
        const isBaseline = leg !== undefined && baselineSet.has(leg);
        if (isBaseline && o.events.length > 0) this.tally.baselineUsed.add(leg);
        for (const e of o.events) {
          this.tally.events[e]++;
          if (isBaseline) this.tally.baselineEvents++;
        }
      }
      if (written.length > 0) this.onWritten?.(written);
    } catch (err) {
      throw new StoreWriteError(`écriture des questions impossible : ${message(err)}`, { cause: err });
    }
  }
}
