/**
 * The digest domain's model: subscriptions (a channel's daily digest), follows (one question, one user),
 * and the messages we post.
 */
import type { Chamber, Question } from '../corpus/types';
import type { QuestionEvent } from '../store/types';

export type DigestContent = 'questions' | 'reponses' | 'tout';

export interface DigestFilters {
  /** Comma-separated alternatives; the words of one alternative are all required (French stemming). */
  keywords: string | null;
  /** acteurRef (PA...) or a name, accent/case-insensitive. */
  deputy: string | null;
  /** Ministry name (asked or assigned), accent/case-insensitive substring. */
  ministry: string | null;
  rubrique: string | null;
  content: DigestContent;
  /** One chamber's questions; both when null or absent. */
  chamber?: Chamber | null;
}

/** Where a subscription posts: a text channel (one digest per run) or a forum/media channel (a post per question). */
export type ChannelKind = 'text' | 'forum';

export interface Subscription extends DigestFilters {
  id: number;
  guildId: string;
  channelId: string;
  channelKind: ChannelKind;
  /** The one role its messages mention, null for none. */
  mentionRoleId: string | null;
  /** Why its forum posts carry no tags, null when they do (or for a text channel). */
  tagNote: string | null;
  createdBy: string;
  createdAt: string;
  /** "HH:MM" in `timeZone`. */
  time: string;
  /** ISO weekdays, null = every day. */
  days: number[] | null;
  timeZone: string;
  /** Last event id already considered. */
  cursor: number;
  nextRunAt: string;
  lastRunAt: string | null;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
}

export type FollowTarget = 'dm' | 'channel';

export interface Follow {
  id: number;
  userId: string;
  guildId: string | null;
  target: FollowTarget;
  channelId: string | null;
  uid: string;
  createdAt: string;
  endedAt: string | null;
  endedReason: string | null;
  /** In a channel: the follower chose to be mentioned. */
  mention: boolean;
  /** In a channel: the notices go to a thread of it (created at the first notice, then `threadId`). */
  inThread: boolean;
  threadId: string | null;
}

/** What the digest reads from the corpus store (QuestionStore satisfies it). */
export interface DigestCorpus {
  eventsSince(afterId: number, limit?: number): QuestionEvent[];
  maxEventId(): number;
  getQuestions(uids: string[]): Question[];
  /** The campaign of a question (issue 21), when campaigns are computed: a digest shows its new questions once. */
  campaignOf?(uid: string): DigestCampaign | null;
}

interface DigestCampaign {
  id: number;
  /** The campaign's subject sentence (« sur … »), plain text. */
  subject: string;
}

/** One event kind of one question, with the question as it is now. */
export interface DigestItem {
  event: QuestionEvent;
  question: Question;
  campaign?: DigestCampaign;
}

interface EmbedFooter {
  text: string;
}

export interface DigestEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  footer?: EmbedFooter;
  /** A question's card (a forum post's first message) has fields. */
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
}

/**
 * Who a message may ping: nobody (`parse: []`), or exactly the role a server chose / the follower who asked.
 * Never `parse: ['everyone']`, never other users.
 */
interface AllowedMentions {
  parse: [];
  roles?: [string];
  users?: [string];
}

/** A message body as sent to POST /channels/{id}/messages (the nonce is added at delivery). */
export interface OutgoingMessage {
  content: string;
  embeds: DigestEmbed[];
  allowed_mentions: AllowedMentions;
}
