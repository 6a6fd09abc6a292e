/**
 * The search's suggestions (« vouliez-vous dire », autocompletion of deputies, ministries, rubriques, groups): the
 * shards' suggestion tables merged into one, and the entries ranked for what the user typed.
 */
import { foldName, foldedWithoutCivility } from '../insights/names';
import type { FacetEntry, Facets } from './shard/facets';
import type { Suggestion } from './types';

/** One suggestion table from the shards' tables: counts added, a deputy known by name only joined to its acteurRef. */
export function mergeFacets(all: Facets[]): Facets {
  const out: Facets = { deputy: [], ministry: [], rubrique: [], group: [] };
  for (const kind of Object.keys(out) as Array<keyof Facets>) {
    const map = new Map<string, FacetEntry>();
    for (const f of all)
      for (const e of f[kind]) {
        const cur = map.get(e.key);
        if (cur) cur.count += e.count;
        else map.set(e.key, { ...e, aliases: [...e.aliases] });
      }
    out[kind] = [...map.values()];
  }
  // A deputy known by name only (seed pages) and the same name with an acteurRef are one person.
  const withRef = new Map<string, FacetEntry>();
  for (const e of out.deputy) if (/^PA\d+$/.test(e.key)) withRef.set(foldName(e.label), e);
  out.deputy = out.deputy.filter((e) => {
    if (/^PA\d+$/.test(e.key)) return true;
    const same = withRef.get(foldName(e.label));
    if (!same) return true;
    same.count += e.count;
    return false;
  });
  return out;
}

/** Exact > whole word > word prefix > substring; then by number of questions. Accent- and case-insensitive. */
export function rankSuggestions(entries: readonly FacetEntry[], input: string, limit: number): Suggestion[] {
  const q = foldedWithoutCivility(foldName(input));
  const ranked: Array<{ e: FacetEntry; level: number }> = [];
  for (const e of entries) {
    const label = foldName(e.label);
    const forms = [label, foldedWithoutCivility(label), ...e.aliases];
    let level = 4;
    if (!q) level = 0;
    else if (forms.includes(q)) level = 0;
    else if (forms.some((f) => ` ${f} `.includes(` ${q} `))) level = 1;
    else if (forms.some((f) => f.startsWith(q) || f.includes(` ${q}`))) level = 2;
    else if (forms.some((f) => f.includes(q))) level = 3;
    if (level < 4) ranked.push({ e, level });
  }
  ranked.sort((a, b) => a.level - b.level || b.e.count - a.e.count || a.e.label.localeCompare(b.e.label, 'fr'));
  return ranked.slice(0, Math.max(0, limit)).map(({ e }) => ({ label: e.label, value: e.value, count: e.count }));
}
