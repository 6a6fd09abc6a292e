import type { EventKind } from '../../../src/store/types';

const SECTION_KIND: Array<[string, EventKind]> = [
  ['Nouvelles questions', 'new_question'],
  ['Réponses publiées', 'new_answer'],
  ['Changements de ministère', 'transfer'],
  ['Questions retirées', 'closed'],
];

interface EmbedLike {
  title?: string | undefined;
  description?: string | undefined;
}

/** "kind uid" of every digest entry in the messages, read back from the embeds, sorted (duplicates kept). */
export function postedItems(messages: Array<{ embeds?: EmbedLike[] | undefined }>): string[] {
  const out: string[] = [];
  for (const m of messages) {
    for (const e of m.embeds ?? []) {
      const kind = SECTION_KIND.find(([label]) => e.title?.startsWith(label))?.[1];
      for (const match of (e.description ?? '').matchAll(/\/questions\/(QANR5L\d+QE\d+)\)/g))
        out.push(`${kind} ${match[1]}`);
    }
  }
  return out.sort();
}
