/** Accent- and case-insensitive comparison key: "Éducation nationale" -> "education nationale". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[’'`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Ranks `candidate` for `input`: 0 exact, 1 prefix (of the name or of a word), 2 substring, -1 no match. */
export function matchRank(input: string, candidate: string): number {
  const i = fold(input);
  const c = fold(candidate);
  if (i === '') return 2;
  if (c === i) return 0;
  if (c.startsWith(i) || c.split(/[\s'-]+/).some((w) => w.startsWith(i))) return 1;
  return c.includes(i) ? 2 : -1;
}
