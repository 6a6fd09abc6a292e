/**
 * Renders a Reply (the same payload Discord receives) as readable text: embeds as titled blocks, fields as
 * "name: value", links as "label <url>", buttons as "[Page suivante]" and select options numbered, so that a
 * user can "press" them by number or label (see consoleTwin.ts).
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { Reply } from '../present/reply';

/** A pressable thing of the current message. */
export interface ConsoleAction {
  label: string;
  customId: string;
  /** For a select option: the value to send. */
  value?: string;
}

/** Markdown to plain text: links become "label <url>", escapes are removed, bold kept as *…*. */
export function markdownToText(md: string): string {
  return md
    .replace(
      /\[([^\]]*(?:\\\][^\]]*)*)\]\((https?:\/\/[^)\s]+)\)/g,
      (_m, label: string, url: string) => `${label} <${url}>`,
    )
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/\\([\\`*_{}[\]()#+\-.!|~<>@:])/g, '$1')
    .replace(/\u200b/g, '');
}

function renderEmbed(e: APIEmbed): string {
  const lines: string[] = [];
  const title = e.title ? markdownToText(e.title) : '';
  if (title) {
    lines.push(`── ${title} ${'─'.repeat(Math.max(3, 70 - title.length))}`);
    if (e.url) lines.push(`   ${e.url}`);
  }
  if (e.description) lines.push(markdownToText(e.description));
  for (const f of e.fields ?? []) {
    const value = markdownToText(f.value);
    lines.push(
      value.includes('\n')
        ? `${markdownToText(f.name)} :\n  ${value.replace(/\n/g, '\n  ')}`
        : `${markdownToText(f.name)} : ${value}`,
    );
  }
  if (e.footer?.text) lines.push(`(${e.footer.text})`);
  return lines.join('\n');
}

export function actionsOf(reply: Reply): ConsoleAction[] {
  const actions: ConsoleAction[] = [];
  for (const row of reply.components ?? []) {
    for (const c of row.components) {
      if (c.type === 2 && 'custom_id' in c && !c.disabled)
        actions.push({ label: c.label ?? c.custom_id, customId: c.custom_id });
      if (c.type === 3)
        for (const o of c.options) actions.push({ label: o.label, customId: c.custom_id, value: o.value });
    }
  }
  return actions;
}

/** Where a reply's attachments were written (name -> path), or why they could not be. */
export interface SavedFiles {
  paths: ReadonlyMap<string, string>;
  failure: string | null;
}

/** Attachments as text: where the file was written (or why not) and what it shows, figures included. */
function renderFiles(files: NonNullable<Reply['files']>, saved?: SavedFiles): string {
  return files
    .map((f) => {
      const where = saved?.paths.get(f.name);
      const head = `📎 ${f.name}${where ? ` — enregistré : ${where}` : saved?.failure ? ` — non enregistré (${saved.failure})` : ''}`;
      const text = f.text ?? f.description;
      return text ? `${head}\n${text.replace(/^/gm, '   ')}` : head;
    })
    .join('\n');
}

export function renderReply(reply: Reply, savedFiles?: SavedFiles): string {
  const out: string[] = [];
  if (reply.ephemeral) out.push('(visible seulement par vous)');
  if (reply.content) out.push(markdownToText(reply.content));
  for (const e of reply.embeds ?? []) out.push(renderEmbed(e));
  if (reply.files?.length) out.push(renderFiles(reply.files, savedFiles));
  const buttons: string[] = [];
  for (const row of reply.components ?? []) {
    for (const c of row.components) {
      if (c.type === 2 && 'url' in c && c.url) buttons.push(`[${c.label ?? 'lien'}] <${c.url}>`);
    }
  }
  const actions = actionsOf(reply);
  if (actions.length) {
    out.push(actions.map((a, i) => `  ${i + 1}. [${a.label}]`).join('\n'));
    out.push('  (tapez un numéro ou le libellé pour appuyer)');
  }
  if (buttons.length) out.push(buttons.join('  '));
  return out.join('\n\n');
}
