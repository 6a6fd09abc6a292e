/**
 * Small French helpers for the generator: contractions and elisions around noun phrases that carry their
 * article ("de" + "le financement" -> "du financement"), number and date formatting as the JO prints them.
 */
import { frenchDate } from '../../src/format/french';

const VOWEL_START = /^[aeiouyhàâäéèêëîïôöûùœæAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÙŒÆ]/;

/** "de" + noun phrase: du, des, de la, de l', d'. */
export function de(np: string): string {
  if (np.startsWith('le ')) return `du ${np.slice(3)}`;
  if (np.startsWith('les ')) return `des ${np.slice(4)}`;
  if (np.startsWith('la ') || np.startsWith("l'") || np.startsWith('l’')) return `de ${np}`;
  if (VOWEL_START.test(np)) return `d'${np}`;
  return `de ${np}`;
}

/** "à" + noun phrase: au, aux, à la, à l'. */
export function a(np: string): string {
  if (np.startsWith('le ')) return `au ${np.slice(3)}`;
  if (np.startsWith('les ')) return `aux ${np.slice(4)}`;
  return `à ${np}`;
}

export function ucfirst(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toLocaleUpperCase('fr-FR') + s.slice(1);
}

/** Drops a leading article: "la filière laitière" -> "filière laitière". */
export function withoutArticle(np: string): string {
  const m = /^(le |la |les |l'|l’)/.exec(np);
  return m ? np.slice(m[0].length) : np;
}

/** 12345 -> "12 345" (the JO groups thousands with a space). */
export function formatInt(n: number): string {
  const digits = String(Math.round(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ' ';
    out += digits[i];
  }
  return out;
}

/** 12.5 -> "12,5". */
export function formatDecimal(n: number, decimals = 1): string {
  return n.toFixed(decimals).replace('.', ',');
}

/** ISO date -> "1er mars 2021", "15 juillet 2019" (the product's frenchDate). */
export function formatLongDate(iso: string): string {
  return frenchDate(iso) ?? iso;
}

export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
