/** A reply's files as discord.js sends them (the adapter's side of `ReplyFile`). */
import type { Reply } from '../present/reply';

/**
 * Attachments as discord.js sends them (multipart `files[n]` + `attachments` in payload_json). An edit replaces
 * the message's attachments with the reply's (none when the reply has none), as it replaces its embeds.
 */
export function filesPayload(
  reply: Reply,
  edit: boolean,
): { files?: Array<{ attachment: Buffer; name: string; description?: string }>; attachments?: [] } {
  if (!reply.files?.length) return edit ? { attachments: [] } : {};
  return {
    files: reply.files.map((f) => ({
      attachment: f.data,
      name: f.name,
      ...(f.description ? { description: f.description } : {}),
    })),
  };
}
