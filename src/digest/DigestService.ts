/**
 * The digest domain's entry points: manage subscriptions and follows, turn new events into recorded
 * delivery intents (claimed under BEGIN IMMEDIATE so two overlapping runs never both take the same range),
 * and hand them to the delivery engine.
 */
import { createHash } from 'node:crypto';
import type { Question } from '../corpus/types';
import type { QuestionEvent } from '../store/types';
import { buildDigest, formatEntry, withMarker } from './buildDigest';
import { deliverPending, silentLogger, type DeliverDeps, type DeliverReport, type DigestLogger } from './deliver';
import type { DigestRepository, NewSubscription, SubscriptionChanges } from './DigestRepository';
import { compileFilters } from './filters';
import { escapeAndCut } from './format';
import { forumCard, forumPostTitle, forumReply, postTags, STATE_TAGS, withRoleMention } from './forum';
import type { PostChannelMessage } from './poster';
import { CHAMBER_NAMES, frenchWeekdayDate } from '../format/french';
import { describeDays, isDue, nextRun } from './schedule';
import type { DigestCorpus, DigestFilters, DigestItem, Follow, OutgoingMessage, Subscription } from './types';

const FOLLOW_CURSOR = 'follow_cursor';
const PAGE = 2000;
/** Sent and abandoned deliveries, and ended follows, are forgotten after this long (bounded tables). */
export const HISTORY_RETENTION_DAYS = 14;
/** A forum post's record (its thread, for replies) is kept this long: two years of a question's life. */
const FORUM_POST_RETENTION_DAYS = 730;
const PRUNE_EVERY_MS = 3600_000;

/** Deterministic Discord nonce (max 25 chars): same source, range and part -> same nonce, after any restart. */
export function makeNonce(source: string, sourceId: number, rangeFrom: number, rangeTo: number, part: number): string {
  const h = createHash('sha256').update(`${source}:${sourceId}:${rangeFrom}:${rangeTo}:${part}`).digest('hex');
  return `qe${h.slice(0, 23)}`;
}

/** Events in (after, upTo], baseline ones left out (a bulk import is history, never news). */
function eventsInRange(corpus: DigestCorpus, after: number, upTo: number): QuestionEvent[] {
  const out: QuestionEvent[] = [];
  let cursor = after;
  while (cursor < upTo) {
    const page = corpus.eventsSince(cursor, PAGE);
    if (page.length === 0) break;
    for (const e of page) {
      if (e.id > upTo) return out;
      if (!e.baseline) out.push(e);
    }
    cursor = page[page.length - 1]?.id ?? upTo;
  }
  return out;
}

function loadQuestions(corpus: DigestCorpus, uids: string[]): Map<string, Question> {
  const map = new Map<string, Question>();
  const unique = [...new Set(uids)];
  for (let i = 0; i < unique.length; i += 500) {
    for (const q of corpus.getQuestions(unique.slice(i, i + 500))) map.set(q.uid, q);
  }
  return map;
}

/** The items of (after, upTo] that a subscription's filters keep. */
function collectItems(corpus: DigestCorpus, filters: DigestFilters, after: number, upTo: number): DigestItem[] {
  const accept = compileFilters(filters);
  const events = eventsInRange(corpus, after, upTo);
  const questions = loadQuestions(
    corpus,
    events.map((e) => e.uid),
  );
  const items: DigestItem[] = [];
  for (const event of events) {
    const question = questions.get(event.uid);
    if (!question || !accept(event.kind, question)) continue;
    const campaign = event.kind === 'new_question' ? corpus.campaignOf?.(question.uid) : null;
    items.push(campaign ? { event, question, campaign } : { event, question });
  }
  return items;
}

/** "Abonnement n° 3 · mots-clés : retraite · contenu : réponses" (plain text; the builder escapes it). */
export function describeSubscription(
  sub: Pick<Subscription, 'id' | 'keywords' | 'deputy' | 'ministry' | 'rubrique' | 'content' | 'chamber'>,
): string {
  const parts = [`Abonnement n° ${sub.id}`];
  if (sub.chamber) parts.push(CHAMBER_NAMES[sub.chamber]);
  if (sub.keywords) parts.push(`mots-clés : ${sub.keywords}`);
  if (sub.deputy) parts.push(`député : ${sub.deputy}`);
  if (sub.ministry) parts.push(`ministère : ${sub.ministry}`);
  if (sub.rubrique) parts.push(`rubrique : ${sub.rubrique}`);
  parts.push(
    `contenu : ${sub.content === 'tout' ? 'tout' : sub.content === 'questions' ? 'nouvelles questions' : 'réponses'}`,
  );
  return parts.join(' · ');
}

export function describeSchedule(sub: Pick<Subscription, 'time' | 'days'>): string {
  return `${describeDays(sub.days)} à ${sub.time.replace(':', ' h ')}`.replace(/ h 00$/, ' h');
}

function digestTitle(now: Date, timeZone: string): string {
  return `Questions écrites — ${frenchWeekdayDate(now, timeZone)}`;
}

/** The message telling a follower what happened to their question. */
function buildFollowMessage(follow: Follow, event: QuestionEvent, question: Question): OutgoingMessage {
  const what =
    event.kind === 'new_answer'
      ? 'a reçu sa réponse'
      : event.kind === 'transfer'
        ? 'a été transférée à un autre ministère'
        : event.kind === 'closed'
          ? `est close (${escapeAndCut(question.closure?.label ?? 'retirée', 60)})`
          : 'a été publiée';
  const who = follow.target === 'channel' ? ` (suivi demandé par <@${follow.userId}>)` : '';
  const ended = event.kind === 'new_answer' || event.kind === 'closed' ? '\n-# Ce suivi est maintenant terminé.' : '';
  // The follower may choose to be pinged in a channel: then they, and only they, can be.
  const ping = follow.target === 'channel' && follow.mention;
  return {
    content: `🔔 La question n° ${question.number} (${question.chamber === 'senat' ? `${CHAMBER_NAMES.senat}, ` : ''}${question.legislature}e législature) ${what}${who}.${ended}`,
    embeds: [{ description: formatEntry({ event, question }), color: 0x8b5cf6 }],
    allowed_mentions: ping ? { parse: [], users: [follow.userId] } : { parse: [] },
  };
}

export interface DigestServiceDeps {
  corpus: DigestCorpus;
  repo: DigestRepository;
  log?: DigestLogger;
}

export interface TickReport {
  digestsBuilt: number;
  followNotices: number;
  delivery: DeliverReport;
}

export class DigestService {
  readonly corpus: DigestCorpus;
  readonly repo: DigestRepository;
  private readonly log: DigestLogger;
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(deps: DigestServiceDeps) {
    this.corpus = deps.corpus;
    this.repo = deps.repo;
    this.log = deps.log ?? silentLogger;
  }

  /** New subscriptions start at the current max event id: no back-fill. */
  addSubscription(input: NewSubscription, now: Date): Subscription {
    return this.repo.immediate(() => this.repo.addSubscription(input, this.corpus.maxEventId(), now));
  }

  /** New filters / schedule. A disabled subscription is re-enabled from now on (no back-fill of the gap). */
  updateSubscription(id: number, changes: SubscriptionChanges, now: Date): Subscription {
    return this.repo.immediate(() => {
      const sub = this.repo.getSubscription(id);
      if (!sub) throw new Error(`digest: no subscription ${id}`);
      const cursor = sub.enabled ? sub.cursor : Math.max(sub.cursor, this.corpus.maxEventId());
      this.repo.updateSubscription(
        id,
        changes,
        cursor,
        nextRun({ time: changes.time, days: changes.days, timeZone: sub.timeZone }, now),
      );
      return this.repo.getSubscription(id) as Subscription;
    });
  }

  /** Follows only hear about events after they exist (the follow cursor starts at the current max). */
  addFollow(input: Parameters<DigestRepository['addFollow']>[0], now: Date): { follow: Follow; created: boolean } {
    return this.repo.immediate(() => {
      if (this.repo.getState(FOLLOW_CURSOR) === null)
        this.repo.setState(FOLLOW_CURSOR, String(this.corpus.maxEventId()));
      return this.repo.addFollow(input, now);
    });
  }

  /** What the next digest of `sub` would contain now, without consuming anything. */
  preview(sub: Subscription, now: Date): OutgoingMessage[] {
    const items = collectItems(this.corpus, sub, sub.cursor, this.corpus.maxEventId());
    return buildDigest(items, { title: digestTitle(now, sub.timeZone), subtitle: describeSubscription(sub) });
  }

  /**
   * Records the digests of every due subscription: in one IMMEDIATE transaction per subscription, re-check
   * it is still due, build its messages over (cursor, max event id], insert them as intents, move the cursor
   * and the next run. An empty range or no matching item records nothing but still moves on.
   */
  recordDueDigests(now: Date): number {
    let built = 0;
    for (const due of this.repo.dueSubscriptions(now)) {
      try {
        built += this.repo.immediate(() => {
          const sub = this.repo.getSubscription(due.id);
          if (!sub?.enabled || !isDue(sub.nextRunAt, now)) return 0;
          const upTo = Math.max(sub.cursor, this.corpus.maxEventId());
          const items = collectItems(this.corpus, sub, sub.cursor, upTo);
          if (sub.channelKind === 'forum') {
            const posted = this.recordForumIntents(sub, items, now);
            this.repo.advanceSubscription(sub.id, upTo, nextRun(sub, now), now);
            if (posted > 0) this.log.info({ subscription: sub.id, items: posted }, 'forum digest recorded');
            return posted > 0 ? 1 : 0;
          }
          const messages = buildDigest(items, {
            title: digestTitle(now, sub.timeZone),
            subtitle: describeSubscription(sub),
          }).map((m, i) => (i === 0 ? withRoleMention(m, sub.mentionRoleId) : m));
          this.repo.insertDeliveries(
            messages.map((m, i) => {
              const nonce = makeNonce('digest', sub.id, sub.cursor, upTo, i + 1);
              return {
                source: 'digest' as const,
                sourceId: sub.id,
                rangeFrom: sub.cursor,
                rangeTo: upTo,
                part: i + 1,
                parts: messages.length,
                channelId: sub.channelId,
                recipientId: null,
                nonce,
                payload: withMarker(m, nonce),
              };
            }),
            now,
          );
          this.repo.advanceSubscription(sub.id, upTo, nextRun(sub, now), now);
          if (messages.length > 0)
            this.log.info({ subscription: sub.id, items: items.length, parts: messages.length }, 'digest recorded');
          return messages.length > 0 ? 1 : 0;
        });
      } catch (err) {
        this.log.error(
          { subscription: due.id, err: err instanceof Error ? err.stack : String(err) },
          'digest build failed',
        );
      }
    }
    return built;
  }

  /**
   * A forum subscription's intents, one per (question, event kind) in event order: the first event of a question
   * without a post makes its post (title, card, tags); a later one a reply in that post's thread. Inside the
   * caller's transaction, so the post's record and its intents are written together.
   */
  private recordForumIntents(sub: Subscription, items: DigestItem[], now: Date): number {
    const seen = new Set<string>();
    let count = 0;
    for (const item of items) {
      const { event, question } = item;
      const key = `${event.uid}|${event.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const nonce = makeNonce('digest', sub.id, event.id, event.id, 1);
      const base = {
        source: 'digest' as const,
        sourceId: sub.id,
        rangeFrom: event.id,
        rangeTo: event.id,
        part: 1,
        parts: 1,
        channelId: sub.channelId,
        recipientId: null,
        nonce,
        uid: question.uid,
      };
      // A post that was never made (its intent abandoned, e.g. while the forum was unreachable) is made now.
      const post = this.repo.getForumPost(sub.id, question.uid);
      if (post === null || (post.threadId === null && !this.repo.hasPendingForumPost(sub.id, question.uid))) {
        this.repo.recordForumPost(sub.id, question.uid, now);
        this.repo.insertDeliveries(
          [
            {
              ...base,
              kind: 'forum_post',
              threadName: forumPostTitle(question),
              tags: postTags(question, event.kind),
              payload: withMarker(withRoleMention(forumCard(question, now), sub.mentionRoleId), nonce),
            },
          ],
          now,
        );
      } else {
        this.repo.insertDeliveries(
          [
            {
              ...base,
              kind: 'forum_reply',
              tags: [STATE_TAGS[event.kind]],
              payload: withMarker(withRoleMention(forumReply(item), sub.mentionRoleId), nonce),
            },
          ],
          now,
        );
      }
      count++;
    }
    return count;
  }

  /** Records one notice per (active follow, answer/transfer/closure event) after the follow cursor. */
  recordFollowNotices(now: Date): number {
    return this.repo.immediate(() => {
      const stored = this.repo.getState(FOLLOW_CURSOR);
      const upTo = this.corpus.maxEventId();
      if (stored === null) {
        this.repo.setState(FOLLOW_CURSOR, String(upTo));
        return 0;
      }
      const after = Number(stored);
      if (upTo <= after) return 0;
      const events = eventsInRange(this.corpus, after, upTo).filter((e) => e.kind !== 'new_question');
      const follows = this.repo.activeFollowsOfUids([...new Set(events.map((e) => e.uid))]);
      const questions = loadQuestions(
        this.corpus,
        follows.map((f) => f.uid),
      );
      let count = 0;
      for (const event of events) {
        const question = questions.get(event.uid);
        if (!question) continue;
        for (const follow of follows.filter((f) => f.uid === event.uid)) {
          const nonce = makeNonce('follow', follow.id, event.id, event.id, 1);
          this.repo.insertDeliveries(
            [
              {
                source: 'follow',
                sourceId: follow.id,
                rangeFrom: event.id,
                rangeTo: event.id,
                part: 1,
                parts: 1,
                channelId: follow.target === 'channel' ? follow.channelId : null,
                recipientId: follow.target === 'dm' ? follow.userId : null,
                nonce,
                payload: withMarker(buildFollowMessage(follow, event, question), nonce),
                ...(follow.target === 'channel' && follow.inThread
                  ? { kind: 'follow_thread' as const, uid: question.uid, threadName: forumPostTitle(question) }
                  : {}),
              },
            ],
            now,
          );
          count++;
          if (event.kind === 'new_answer') this.repo.endFollow(follow.id, 'réponse publiée', now);
          if (event.kind === 'closed') this.repo.endFollow(follow.id, question.closure?.label ?? 'question close', now);
        }
      }
      this.repo.setState(FOLLOW_CURSOR, String(upTo));
      return count;
    });
  }

  /** One scheduler tick: record follow notices and due digests, then post every pending intent. */
  async tick(
    poster: PostChannelMessage,
    now: () => Date,
    opts: Omit<DeliverDeps, 'repo' | 'poster' | 'now'> = {},
  ): Promise<TickReport> {
    let followNotices = 0;
    let digestsBuilt = 0;
    try {
      followNotices = this.recordFollowNotices(now());
    } catch (err) {
      this.log.error({ err: err instanceof Error ? err.stack : String(err) }, 'follow notices failed');
    }
    digestsBuilt = this.recordDueDigests(now());
    const delivery = await deliverPending({ log: this.log, ...opts, repo: this.repo, poster, now });
    this.pruneHistory(now());
    return { digestsBuilt, followNotices, delivery };
  }

  /** At most once an hour: forgets the history older than HISTORY_RETENTION_DAYS. */
  private pruneHistory(now: Date): void {
    if (now.getTime() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now.getTime();
    try {
      const pruned = this.repo.pruneHistory(
        new Date(now.getTime() - HISTORY_RETENTION_DAYS * 86_400_000),
        new Date(now.getTime() - FORUM_POST_RETENTION_DAYS * 86_400_000),
      );
      if (pruned.deliveries + pruned.follows + pruned.posts > 0) this.log.info(pruned, 'digest history pruned');
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'digest history prune failed');
    }
  }
}
