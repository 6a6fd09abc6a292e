/**
 * The subject of a plain-French question: the words no rule has read, after a marker (« sur », « concernant »)
 * when there is one, without the question's grammar (stop words) and intent words.
 */
import type { Tok } from './tokens';
import { INTENT_WORDS, STOP } from './vocabulary';

/** The subject as typed (accents kept), '' when the sentence holds only filters and intent. */
export function extractSubject(toks: Tok[]): string {
  const lead =
    /^(sur|concernant|propos|sujet|parlant|parlent|parle|traitant|traitent|evoquant|portant|relatives?|relatifs?)$/;
  const rest = toks.filter((t) => !t.used);
  let marker = -1;
  for (let i = rest.length - 1; i >= 0; i--) {
    if (lead.test(rest[i]!.f) && rest.slice(i + 1).some((t) => !STOP.has(t.f) && !INTENT_WORDS.has(t.f))) {
      marker = i;
      break;
    }
  }
  let words: Tok[];
  if (marker >= 0) {
    // "… sur les violences faites aux femmes": everything after the marker, edges trimmed.
    words = rest.slice(marker + 1);
    let a = 0;
    let b = words.length;
    while (a < b && STOP.has(words[a]!.f)) a++;
    while (b > a && (STOP.has(words[b - 1]!.f) || INTENT_WORDS.has(words[b - 1]!.f))) b--;
    words = words.slice(a, b);
  } else {
    // No marker: the words that are neither the question's grammar nor its intent.
    words = rest.filter((t) => !INTENT_WORDS.has(t.f));
    let a = 0;
    let b = words.length;
    while (a < b && STOP.has(words[a]!.f)) a++;
    while (b > a && STOP.has(words[b - 1]!.f)) b--;
    words = words
      .slice(a, b)
      .filter((t, i, all) => !STOP.has(t.f) || (i > 0 && i < all.length - 1 && !STOP.has(all[i - 1]!.f)));
  }
  return words
    .map((t) => t.o)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
