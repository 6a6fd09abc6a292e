/** The distinct deputies, ministries, rubriques and groups of a shard, with counts: what suggestions offer. */
import type { DocMeta } from './docMeta';
import { foldName } from '../../insights/names';

export interface FacetEntry {
  key: string;
  label: string;
  value: string;
  count: number;
  /** Other folded forms that should match (abbreviation, full name, acteurRef). */
  aliases: string[];
}

export interface Facets {
  deputy: FacetEntry[];
  ministry: FacetEntry[];
  rubrique: FacetEntry[];
  group: FacetEntry[];
}

export function facetsOf(metas: Iterable<DocMeta | undefined>): Facets {
  const maps = {
    deputy: new Map<string, FacetEntry>(),
    ministry: new Map<string, FacetEntry>(),
    rubrique: new Map<string, FacetEntry>(),
    group: new Map<string, FacetEntry>(),
  };
  const bump = (map: Map<string, FacetEntry>, key: string, label: string, value: string, aliases: string[]) => {
    const e = map.get(key);
    if (e) e.count++;
    else map.set(key, { key, label, value, count: 1, aliases: aliases.filter(Boolean) });
  };
  for (const m of metas) {
    if (!m) continue;
    if (m.authorName || m.authorRef) {
      const key = m.authorRef ?? foldName(m.authorName!);
      bump(maps.deputy, key, m.authorName ?? m.authorRef!, m.authorRef ?? m.authorName!, [
        m.authorRef ? foldName(m.authorRef) : '',
      ]);
    }
    const ministries = new Map<string, [string, string | null]>();
    if (m.ministryAsked) ministries.set(foldName(m.ministryAsked), [m.ministryAsked, m.ministryAskedFull]);
    if (m.ministryAssigned) ministries.set(foldName(m.ministryAssigned), [m.ministryAssigned, m.ministryAssignedFull]);
    for (const [key, [name, full]] of ministries) bump(maps.ministry, key, name, name, [full ? foldName(full) : '']);
    if (m.rubrique) bump(maps.rubrique, foldName(m.rubrique), m.rubrique, m.rubrique, []);
    if (m.group) {
      const label = m.groupAbbrev ? `${m.group} (${m.groupAbbrev})` : m.group;
      bump(maps.group, foldName(m.group), label, m.group, [m.groupAbbrev ? foldName(m.groupAbbrev) : '']);
    }
  }
  return {
    deputy: [...maps.deputy.values()],
    ministry: [...maps.ministry.values()],
    rubrique: [...maps.rubrique.values()],
    group: [...maps.group.values()],
  };
}
