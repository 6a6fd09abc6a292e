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
