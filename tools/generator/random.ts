/**
 * Small deterministic pseudo-random tools for the generator. Everything here is a pure function of its seed:
 * the same seed gives the same sequence on every platform (32-bit integer maths only, no Math.random).
 */

/** Mixes any number of 32-bit integers into one well-spread 32-bit seed (murmur3-style finaliser). */
function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h ^= Math.imul((p | 0) ^ 0x85ebca6b, 0xcc9e2d51);
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Hash of a short string into 32 bits (FNV-1a), to derive named sub-streams ("answer", "acteurs"...). */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const zipfTables = new WeakMap<readonly unknown[], Float64Array>();

/** Cumulative Zipf weights (rank r gets 1 / (r + 1)^0.9) for a list, cached per list identity. */
function zipfTable(list: readonly unknown[]): Float64Array {
  let t = zipfTables.get(list);
  if (!t) {
    t = new Float64Array(list.length);
    let acc = 0;
    for (let i = 0; i < list.length; i++) {
      acc += 1 / (i + 1) ** 0.9;
      t[i] = acc;
    }
    zipfTables.set(list, t);
  }
  return t;
}

/** sfc32: a fast 32-bit generator with a 128-bit state, good enough statistically for synthetic text. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A generator for a named sub-stream of the given parts: independent of how much this one was used. */
  static of(...parts: Array<number | string>): Rng {
    return new Rng(mixSeed(...parts.map((p) => (typeof p === 'string' ? hashString(p) : p))));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform pick. The list must not be empty. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** Zipf-weighted pick: the first items of the list are the most frequent, with a long tail. */
  zipf<T>(list: readonly T[]): T {
    const t = zipfTable(list);
    const x = this.next() * (t[t.length - 1] as number);
    let lo = 0;
    let hi = t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((t[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return list[lo] as T;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and shape: the heavy tail used for text lengths and delays. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** `n` distinct items in a random order (n clamped to the list size). */
  sample<T>(list: readonly T[], n: number): T[] {
    const copy = list.slice();
    const k = Math.min(n, copy.length);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, k);
  }
}
