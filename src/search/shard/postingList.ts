/**
 * One term's postings in one field, as the index reads them and as postings added since its last merge wait
 * (miniAdapter.ts): the slots holding it in ascending order (slots only grow, and
 * compaction renumbers them in order) in a Uint32Array, and the term's frequency in each in a Uint16Array (a field
 * is cut to at most 1,500 tokens: a frequency never reaches 65,535). 6 bytes per posting, where a `Map` entry costs
 * about 40; a lookup is a binary search.
 */
const MAX_FREQ = 0xffff;

export class PostingList {
  ids: Uint32Array;
  freqs: Uint16Array;
  /** Postings in use (the arrays may hold spare room for appends). */
  n: number;

  constructor(ids: Uint32Array = new Uint32Array(1), freqs: Uint16Array = new Uint16Array(ids.length), n = 0) {
    this.ids = ids;
    this.freqs = freqs;
    this.n = n;
  }

  /** Appends a posting; `slot` must be above every slot already in the list. */
  push(slot: number, freq: number): void {
    if (this.n === this.ids.length) {
      const size = Math.max(2, this.n * 2);
      const ids = new Uint32Array(size);
      ids.set(this.ids.subarray(0, this.n));
      const freqs = new Uint16Array(size);
      freqs.set(this.freqs.subarray(0, this.n));
      this.ids = ids;
      this.freqs = freqs;
    }
    this.ids[this.n] = slot;
    this.freqs[this.n] = Math.min(freq, MAX_FREQ);
    this.n++;
  }

  /** The frequency at `slot`, 0 when the list does not hold it (binary search). */
  freqOf(slot: number): number {
    const ids = this.ids;
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === slot) return this.freqs[mid]!;
      if (v < slot) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }
}
