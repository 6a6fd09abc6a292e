/**
 * What every command returns: plain data, testable without Discord, rendered by the Discord layer
 * (`interaction.reply` / `editReply` / `update`) and by the console twin alike.
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
  /** Files sent with the message (charts, CSV exports); an embed shows one with `image: { url: 'attachment://name' }`. */
  files?: ReplyFile[];
  /** Only the author sees it (flag 64). */
  ephemeral?: boolean;
}

/** A component handler's reply: by default it replaces the message that holds the component. */
export interface ComponentReply extends Reply {
  /** 'update' (default): edit the message holding the button/select; 'reply': answer with a new message. */
  mode?: 'update' | 'reply';
}

export interface Choice {
  name: string;
  value: string | number;
}

/** An attachment: a chart (PNG) or an export (CSV). */
export interface ReplyFile {
  name: string;
  data: Buffer;
  /** Alt text (screen readers; Discord keeps 1,024 characters). */
  description?: string;
  /** Full text of what the file shows, for front ends without images (the console); defaults to `description`. */
  text?: string;
}
