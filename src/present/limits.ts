/**
 * Discord's size limits, enforced in ONE place: `fitToLimits(reply)` is applied by the Discord layer and
 * the console twin to every payload, so a command may build long texts freely. Text is cut on a word
 * boundary and ends with "…"; custom ids are never cut (a cut id would be broken): an over-long one is a
 * programming error and throws.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { ActionRow, Reply } from './reply';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionDescription: 100,
  selectOptionValue: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  attachments: 10,
  attachmentDescription: 1024,
  /** Bytes per message for a bot in a server without boosts. */
  attachmentBytes: 10 * 1024 * 1024,
} as const;

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` characters (UTF-16 units, as Discord counts), on a word boundary when one is
 * near, ending with "…". Keeps Markdown balanced: no dangling escape backslash, no unclosed `**`.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, max);
  let budget = max - ELLIPSIS.length;
  const boldCount = (s: string): number => (s.match(/(?<!\\)\*\*/g) ?? []).length;
  for (let attempt = 0; attempt < 2; attempt++) {
    let cut = text.slice(0, budget);
    const lastSpace = cut.search(/\s\S*$/);
    if (lastSpace > budget * 0.6) cut = cut.slice(0, lastSpace);
    // Avoid splitting a surrogate pair.
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    cut = cut.replace(/[\s,;:]+$/u, '');
    // A trailing unpaired backslash would escape the ellipsis.
    const trailing = /\\+$/.exec(cut);
    if (trailing && trailing[0].length % 2 === 1) cut = cut.slice(0, -1);
    if (boldCount(cut) % 2 === 0) return cut + ELLIPSIS;
    if (cut.length + 2 + ELLIPSIS.length <= max) return `${cut}**${ELLIPSIS}`;
    budget -= 2;
  }
  return text.slice(0, max - 1).replace(/\*+$/, '') + ELLIPSIS;
}

/**
 * Cuts raw text (not yet escaped, no Markdown of ours) to at most `max` characters on a word boundary, ending
 * with "…". For corpus text cut BEFORE escaping (escaping a 60,000-character text to show 300 is wasted work).
 */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, max);
  let cut = text.slice(0, max - ELLIPSIS.length);
  const lastSpace = cut.search(/\s\S*$/);
  if (lastSpace > (max - ELLIPSIS.length) * 0.6) cut = cut.slice(0, lastSpace);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.replace(/[\s,;:]+$/u, '') + ELLIPSIS;
}

function embedLength(e: APIEmbed): number {
  let n =
    (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

function embedsLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((n, e) => n + embedLength(e), 0);
}

function fitField(f: APIEmbedField): APIEmbedField {
  const name = truncate(f.name.trim() === '' ? '\u200b' : f.name, LIMITS.fieldName);
  const value = truncate(f.value.trim() === '' ? '—' : f.value, LIMITS.fieldValue);
  return { ...f, name, value };
}

function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) {
    out.description = out.description === '' ? undefined : truncate(out.description, LIMITS.embedDescription);
    if (out.description === undefined) delete out.description;
  }
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footerText) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.authorName) };
  if (out.fields) {
    const fields = out.fields.map(fitField);
    if (fields.length > LIMITS.embedFields) {
      const kept = fields.slice(0, LIMITS.embedFields - 1);
      kept.push({ name: '…', value: `${fields.length - kept.length} élément(s) non affiché(s)` });
      out.fields = kept;
    } else out.fields = fields;
  }
  return out;
}

/** Shrinks the longest texts until the embeds fit the per-message total. */
function fitTotal(embeds: APIEmbed[]): APIEmbed[] {
  let excess = embedsLength(embeds) - LIMITS.embedTotal;
  let guard = 0;
  while (excess > 0 && guard++ < 200) {
    // Find the longest shrinkable text: a description or a field value.
    let best: { len: number; apply: (s: string) => void; get: () => string } | null = null;
    for (const e of embeds) {
      if (e.description && (!best || e.description.length > best.len)) {
        const target = e;
        best = {
          len: e.description.length,
          get: () => target.description ?? '',
          apply: (s) => (target.description = s),
        };
      }
      for (const f of e.fields ?? []) {
        if (!best || f.value.length > best.len) {
          const target = f;
          best = { len: f.value.length, get: () => target.value, apply: (s) => (target.value = s) };
        }
      }
    }
    if (!best || best.len <= 40) break;
    const current = best.get();
    const target = Math.max(40, current.length - excess - 8);
    best.apply(truncate(current, target));
    excess = embedsLength(embeds) - LIMITS.embedTotal;
  }
  // Still too long (many tiny parts): drop trailing fields, then trailing embeds.
  while (embedsLength(embeds) > LIMITS.embedTotal) {
    const last = embeds[embeds.length - 1];
    if (!last) break;
    if (last.fields && last.fields.length > 0) last.fields.pop();
    else if (embeds.length > 1) embeds.pop();
    else {
      last.description = truncate(last.description ?? '', 1000);
      last.title = truncate(last.title ?? '', 200);
      break;
    }
  }
  return embeds;
}

function fitComponents(rows: readonly ActionRow[]): ActionRow[] {
  return rows.slice(0, LIMITS.actionRows).map((row) => ({
    ...row,
    components: row.components.slice(0, LIMITS.buttonsPerRow).map((c) => {
      if ('custom_id' in c && c.custom_id.length > LIMITS.customId) {
        throw new Error(`custom_id trop long (${c.custom_id.length} > ${LIMITS.customId}) : ${c.custom_id}`);
      }
      if (c.type === 2) {
        return 'label' in c && c.label !== undefined ? { ...c, label: truncate(c.label, LIMITS.buttonLabel) } : c;
      }
      if (c.type === 3) {
        return {
          ...c,
          placeholder: c.placeholder === undefined ? undefined : truncate(c.placeholder, LIMITS.selectPlaceholder),
          options: c.options.slice(0, LIMITS.selectOptions).map((o) => {
            if (o.value.length > LIMITS.selectOptionValue) throw new Error(`valeur d'option trop longue : ${o.value}`);
            return {
              ...o,
              label: truncate(o.label, LIMITS.selectOptionLabel),
              ...(o.description === undefined
                ? {}
                : { description: truncate(o.description, LIMITS.selectOptionDescription) }),
            };
          }),
        };
      }
      return c;
    }),
  })) as ActionRow[];
}

/** Returns a copy of `reply` that Discord accepts: every limit listed in LIMITS holds. */
export function fitToLimits<R extends Reply>(reply: R): R {
  const out: R = { ...reply };
  if (out.content !== undefined) out.content = truncate(out.content, LIMITS.content);
  if (out.embeds) out.embeds = fitTotal(out.embeds.slice(0, LIMITS.embeds).map((e) => fitEmbed(structuredClone(e))));
  if (out.components) out.components = fitComponents(out.components);
  if (out.files) out.files = fitFiles(out.files);
  return out;
}

/** At most 10 files, descriptions cut to 1,024; over the size limit is a programming error (exports are capped). */
function fitFiles(files: NonNullable<Reply['files']>): NonNullable<Reply['files']> {
  const kept = files
    .slice(0, LIMITS.attachments)
    .map((f) =>
      f.description === undefined ? f : { ...f, description: truncate(f.description, LIMITS.attachmentDescription) },
    );
  const bytes = kept.reduce((n, f) => n + f.data.length, 0);
  if (bytes > LIMITS.attachmentBytes)
    throw new Error(`pièces jointes trop lourdes (${bytes} octets > ${LIMITS.attachmentBytes})`);
  return kept;
}

/** Autocomplete choices: at most 25, names and values cut to 100. */
export function fitChoices<C extends { name: string; value: string | number }>(choices: readonly C[]): C[] {
  return choices.slice(0, LIMITS.autocompleteChoices).map((c) => ({
    ...c,
    name: truncate(c.name, LIMITS.choiceName),
    value: typeof c.value === 'string' ? c.value.slice(0, LIMITS.choiceValue) : c.value,
  }));
}
