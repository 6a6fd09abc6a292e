/**
 * Forum digests (issue 19), the pure part: a forum or media channel gets one post per question — its title, the
 * question's card as the first message, tags for its subject and its state — and the question's later events
 * (answer, transfer, withdrawal) as replies in that post's thread, with the state tag updated. Also the role
 * mention a subscription may ask for. Delivery (threads, tags on Discord) lives in deliver.ts.
 */
import type { Question } from '../corpus/types';
import { questionReply } from '../present/views/questionView';
import { plainText } from '../present/markdown';
import { questionTitle, STATUS_WORDS } from '../format/french';
import type { EventKind } from '../store/types';
import { formatEntry } from './buildDigest';
import { cutText } from './format';
import type { DigestItem, OutgoingMessage } from './types';

/** Discord's limits on forums: a post's title, a tag's name, tags per forum, tags applied to one post. */
export const FORUM_LIMITS = { title: 100, tagName: 20, tagsPerForum: 20, tagsPerPost: 5 } as const;

/** The state tag a question's event leaves on its post (one at a time: a new one replaces the others). */
export const STATE_TAGS: Record<EventKind, string> = {
  new_question: STATUS_WORDS.pending.adjective,
  new_answer: STATUS_WORDS.answered.adjective,
  transfer: 'transférée',
  closed: STATUS_WORDS.withdrawn.adjective,
};
const STATE_TAG_NAMES = new Set(Object.values(STATE_TAGS));

/** « n° 1234 · Santé / hôpitaux » within 100 characters (plain text: a thread name renders no Markdown). */
export function forumPostTitle(q: Question): string {
  return cutText(plainText(`n° ${q.number} · ${questionTitle(q)}`), FORUM_LIMITS.title);
}

/** The tag for what the question is about: its rubrique, else its ministry (cut to 20 characters). */
function subjectTag(q: Question): string | null {
  const name = q.rubrique ?? (q.ministryAssigned ?? q.ministryAsked)?.name ?? null;
  if (!name?.trim()) return null;
  const clean = plainText(name.replace(/\s+/g, ' ').trim());
  return clean.length <= FORUM_LIMITS.tagName ? clean : `${clean.slice(0, FORUM_LIMITS.tagName - 1).trimEnd()}…`;
}

/** Tags wanted on a new post: its subject, then its state. */
export function postTags(q: Question, kind: EventKind): string[] {
  const subject = subjectTag(q);
  return [...(subject ? [subject] : []), STATE_TAGS[kind]];
}

/** The post's tags after an event: its state tag (`state`, one of STATE_TAGS) replaces the old one, the others stay. */
export function tagsAfter(current: readonly string[], state: string): string[] {
  return [...current.filter((t) => !STATE_TAG_NAMES.has(t)), state].slice(-FORUM_LIMITS.tagsPerPost);
}

/** The message with the subscription's role mentioned first (only that role may ping), or unchanged. */
export function withRoleMention(message: OutgoingMessage, roleId: string | null): OutgoingMessage {
  if (roleId === null) return message;
  return {
    ...message,
    content: cutText(`<@&${roleId}> ${message.content}`.trim(), 1900),
    allowed_mentions: { parse: [], roles: [roleId] },
  };
}

/** A post's first message: the question's card as /question shows it (without its buttons). */
export function forumCard(q: Question, now: Date): OutgoingMessage {
  const card = questionReply(q, now);
  return { content: '', embeds: card.embeds ?? [], allowed_mentions: { parse: [] } };
}

const REPLY_HEADINGS: Record<EventKind, string> = {
  new_question: '📌 Question publiée',
  new_answer: '✅ Réponse publiée',
  transfer: '↪️ Question transférée à un autre ministère',
  closed: '🚫 Question retirée ou caduque',
};

/** A reply in the question's thread: what happened, with the digest entry of the event. */
export function forumReply(item: DigestItem): OutgoingMessage {
  return {
    content: `**${REPLY_HEADINGS[item.event.kind]}**`,
    embeds: [{ description: formatEntry(item), color: 0x8b5cf6 }],
    allowed_mentions: { parse: [] },
  };
}
