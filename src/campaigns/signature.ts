/**
 * Word shingles, their MinHash signature and the LSH band keys that find candidate pairs. Pure.
 *
 * A question's normalised words (normalize.ts) give its set of word 3-shingles, each hashed to 32 bits. The signature
 * is a one-permutation MinHash (densified): the hash space is cut into `BINS` bins by the hash's top bits, each bin
 * keeps its smallest value, an empty bin borrows the next non-empty one's (rotated, salted by the distance), so two
 * signatures agree on a bin with a probability close to the sets' Jaccard similarity, for the cost of one hash per
 * shingle. Bands of `ROWS` bins make the LSH keys: two questions sharing a key are a candidate pair, checked by the
 * exact Jaccard of their shingle sets.
 */

/** Words per shingle. */
const SHINGLE_WORDS = 3;
/** Signature length (a power of two: the bin is the hash's top bits). */
const BINS = 64;
const BIN_BITS = 6;
/** Bins per LSH band. */
const ROWS = 3;
/** LSH bands (BANDS × ROWS <= BINS). */
const BANDS = 21;

/** 32-bit FNV-1a of a string, then a murmur3 finaliser (FNV's low bits mix poorly). */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The sorted, distinct hashes of the word shingles (fewer words than a shingle: one shingle of them all). */
export function shingles(words: readonly string[]): Uint32Array {
  const n = words.length;
  if (!n) return new Uint32Array(0);
  const wordHashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) wordHashes[i] = hash32(words[i]!);
  const count = Math.max(1, n - SHINGLE_WORDS + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9747b28c;
    for (let k = i; k < Math.min(n, i + SHINGLE_WORDS); k++) h = mix32(Math.imul(h ^ wordHashes[k]!, 0x01000193));
    out[i] = h;
  }
  out.sort();
  let k = 0;
  for (let i = 0; i < count; i++) if (i === 0 || out[i] !== out[k - 1]) out[k++] = out[i]!;
  return out.slice(0, k);
}

/** Exact Jaccard similarity of two sorted distinct hash sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (!a.length || !b.length) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

const EMPTY = 0xffffffff;

/** The densified one-permutation MinHash of a non-empty shingle set. */
export function minhash(set: Uint32Array): Uint32Array {
  const sig = new Uint32Array(BINS).fill(EMPTY);
  const shift = 32 - BIN_BITS;
  const mask = (1 << shift) - 1;
  for (let i = 0; i < set.length; i++) {
    const h = set[i]!;
    const bin = h >>> shift;
    const v = h & mask;
    if (v < sig[bin]!) sig[bin] = v;
  }
  // Densify: an empty bin takes the value of the next non-empty bin (circularly), salted by the distance, so that
  // two sets with the same content fill their empty bins the same way.
  const filled = new Uint32Array(BINS);
  for (let b = 0; b < BINS; b++) {
    let d = 0;
    while (d < BINS && sig[(b + d) % BINS] === EMPTY) d++;
    filled[b] = d === 0 ? sig[b]! : d === BINS ? 0 : mix32(sig[(b + d) % BINS]! ^ Math.imul(d, 0x9e3779b1));
  }
  return filled;
}

/** Share of equal bins of two signatures: an estimate of their sets' Jaccard similarity. */
export function estimate(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < BINS; i++) if (a[i] === b[i]) same++;
  return same / BINS;
}

/** The LSH keys of a signature: one per band, the band's number in the high bits (a safe integer for SQLite). */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = band + 1;
    for (let r = 0; r < ROWS; r++) h = mix32(Math.imul(h, 0x01000193) ^ sig[band * ROWS + r]!);
    keys.push(band * 0x1_0000_0000 + h);
  }
  return keys;
}
