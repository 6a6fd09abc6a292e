/**
 * The digest domain's model: subscriptions (a channel's daily digest), follows (one question, one user),
 * and the messages we post.
 */
import type { Question } from '../corpus/types';
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
}

export interface Subscription extends DigestFilters {
  id: number;
  guildId: string;
  channelId: string;
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
}

/** A message body as sent to POST /channels/{id}/messages (the nonce is added at delivery). */
export interface OutgoingMessage {
  content: string;
  embeds: DigestEmbed[];
  allowed_mentions: { parse: [] };
}
