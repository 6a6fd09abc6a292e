/**
 * Autocomplete from the corpus: deputies and ministries come from SQL insights (available before the search
 * index is loaded); groups and rubriques from the search engine's suggestions (empty until it is ready).
 */
import type { RawArgs } from '../../src/present/commandKit';
import type { Choice } from '../../src/present/reply';
import type { CommandDeps } from '../../src/present/deps';
import { truncate } from '../../src/present/limits';
import { plainText } from '../../src/present/markdown';
import { frCount } from '../../src/format/french';

export type CorpusKind = 'deputy' | 'senator' | 'ministry' | 'group' | 'rubrique';

/** Whose names an author filter (`depute`) completes: the Sénat's with `chambre:senat`, else the Assemblée's. */
export function authorKind(raw: RawArgs | undefined): 'deputy' | 'senator' {
  return raw?.values.chambre === 'senat' ? 'senator' : 'deputy';
}

/** Choice names are shown as plain text: corpus names made inert, not escaped. */
function label(name: string, count: number): string {
  return truncate(`${plainText(name)} (${frCount(count, 'question')})`, 100);
}

export async function corpusChoices(kind: CorpusKind, input: string, deps: CommandDeps): Promise<Choice[]> {
  const text = input.slice(0, 100);
  if (kind === 'deputy' || kind === 'senator') {
    // The value is the display name: readable in the console, unique enough, and what users type.
    return deps.insights
      .findDeputies(text, 25, kind === 'senator' ? 'senat' : 'an')
      .map((d) => ({ name: label(d.name, d.count), value: d.name.slice(0, 100) }));
  }
  if (kind === 'ministry') {
    return deps.insights
      .findMinistries(text, 25)
      .map((m) => ({ name: label(m.name, m.count), value: m.name.slice(0, 100) }));
  }
  if (!deps.search.ready) return [];
  const suggestions = await deps.search.suggest(kind, text, 25);
  return suggestions.map((s) => ({ name: label(s.label, s.count), value: s.value.slice(0, 100) }));
}
