/**
 * Accent and case folding: the one definition used by search, insights, digests, the corpus parsers and the CLI.
 *
 * Only the Latin combining marks (U+0300-U+036F) are removed: the search index's terms are built with exactly this
 * set (changing it changes the index, see ANALYZER_VERSION in src/search/analyzeFrench.ts).
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** "Éducation" -> "Education": accents removed, case and everything else kept. */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '');
}

/**
 * Lower case, accents removed, œ/æ expanded, typographic apostrophes and dashes unified. The search analyzer's fold:
 * the output may be longer than the input (œ -> oe), spaces are kept as they are.
 */
export function foldText(text: string): string {
  return stripAccents(text.toLowerCase())
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[’ʼ‘`´]/g, "'")
    .replace(/[‐‑‒–]/g, '-');
}

/** A comparison key for names and labels: `foldText`, whitespace collapsed to one space, trimmed. */
export function foldKey(text: string): string {
  return foldText(text).replace(/\s+/g, ' ').trim();
}
