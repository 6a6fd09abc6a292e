/**
 * Corpus text is untrusted for Discord: it may hold Markdown characters (`*`, `_`, `#` at a line start...)
 * and mention-looking text ("@everyone", "<@123>"). `escapeCorpus` makes it display literally; the Discord
 * layer additionally sends `allowed_mentions: { parse: [] }` on every message, so even a miss pings nobody.
 *
 * Our own linear escaping rather than discord.js's `escapeMarkdown`, which takes seconds on a 45,000-character
 * answer (measured: 2.3 s), far too slow for the 3 s acknowledgement deadline.
 */

const ZWSP = '\u200b';

/** Breaks mention syntax without changing what the reader sees. */
function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(@[!&]?|#|t:|\/)/g, `<${ZWSP}$1`);
}

/** Escapes inline Markdown everywhere and block Markdown (headings, quotes, lists) at line starts. */
function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^([ \t]*)(#{1,3}\s|-#\s|>{1,3}\s|[-+]\s)/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\.(?=\s)/gm, '$1\\.');
}

export function escapeCorpus(text: string): string {
  return neutralizeMentions(escapeMarkdownText(text));
}

/**
 * For the places where Discord shows text WITHOUT Markdown (embed footers and author names, select option labels
 * and descriptions, placeholders, button labels, autocomplete choices): a backslash there would show as is, so
 * nothing is escaped; line breaks become spaces and mention syntax is broken all the same (invisible), so that the
 * text stays inert wherever it is shown or copied.
 */
export function plainText(text: string): string {
  return neutralizeMentions(text.replace(/\s+/g, ' ').trim());
}

/** For link labels `[label](url)`: brackets are escaped by escapeCorpus already. */
export function escapeLinkLabel(text: string): string {
  return escapeCorpus(text);
}
