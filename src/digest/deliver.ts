/**
 * The delivery engine: posts recorded intents (digest_deliveries rows) exactly once.
 *
 * Protocol, per delivery:
 *  1. The intent (payload + deterministic nonce) was recorded before anything is posted (see DigestService).
 *  2. Claim it (BEGIN IMMEDIATE; a lease held by another live process means hands off).
 *  3. If an earlier attempt may have reached Discord (attempts > 0) longer ago than Discord's nonce window,
 *     look for it in the channel's latest 50 messages (nonce or the "réf. <nonce>" marker in the footer);
 *     found -> mark sent, do not post.
 *  4. Count the attempt (committed), POST with `nonce` + `enforce_nonce: true` (a repeat within the window
 *     returns the first message instead of creating one), then mark sent.
 * A crash between 4's POST and its mark leaves a pending row with attempts > 0: the next run re-sends it
 * with the same nonce, or finds it in the channel (3).
 *
 * Isolation: deliveries are grouped per channel, in order; a failure stops only that channel's later parts.
 * 403/404 disable the subscription (or end the follow) with a logged reason and a notice to the server's
 * system channel; 429/5xx are retried in-run with backoff, then left pending for a later run.
 *
 * Stopping: when `signal` aborts (the bot is shutting down), no further delivery is started and no retry wait
 * is honoured; what was not posted stays pending, recorded, for the next run.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { markerText } from './buildDigest';
import type { Delivery, DigestRepository } from './DigestRepository';
import { FORUM_LIMITS, tagsAfter } from './forum';
import { foldKey } from '../text/fold';
import type { ForumTag, PostChannelMessage, PostFailure, PostOutcome, PostThreads } from './poster';
import { deliveryRetryDelayMs } from './schedule';

export interface DigestLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: DigestLogger = { info() {}, warn() {}, error() {} };

export interface DeliverDeps {
  repo: DigestRepository;
  poster: PostChannelMessage;
  now: () => Date;
  log?: DigestLogger;
  sleep?: (ms: number) => Promise<void>;
  /** Identity of this run for leases; default host:pid:random, new for each run. */
  owner?: string;
  /** Aborted when the process stops: finish the delivery in hand, start no other. */
  signal?: AbortSignal;
  /** How long Discord dedupes a nonce; beyond it we check the channel instead. Default 5 min. */
  nonceWindowMs?: number;
  /** In-run retries of one POST on 429/5xx. Default 3. */
  inlineRetries?: number;
  /** Longest wait honoured in-run (longer retry_after -> left for a later run). Default 30 s. */
  maxInlineWaitMs?: number;
  /**
   * Forum posts (thread creations) per forum and run, default 50: a 400-question day is spread over the next
   * runs (one a minute) instead of one burst, and the other channels' deliveries are not held behind it. Within a
   * run, discord.js paces the posts to the thread-creation bucket Discord announces in its headers.
   */
  maxThreadsPerRun?: number;
}

/** Why tags could not be added to a forum (shown by /digest apercu). */
const TAG_NOTES = {
  forbidden:
    'le bot ne peut pas créer les étiquettes qui manquent dans ce forum (il lui faut la permission « Gérer les salons ») : les publications n’ont que les étiquettes qui existent déjà',
  full: `le forum a déjà ${FORUM_LIMITS.tagsPerForum} étiquettes : les publications n’ont que celles qui existent déjà`,
} as const;

function isThreadPoster(p: PostChannelMessage): p is PostChannelMessage & PostThreads {
  return 'createForumPost' in p && typeof (p as Partial<PostThreads>).createForumPost === 'function';
}

export interface DeliverReport {
  sent: number;
  foundAlreadyPosted: number;
  retryLater: number;
  abandoned: number;
  skipped: number;
  /** POSTs repeated within the run after a 429/5xx (each counted once). */
  retries: number;
}

const HOST = os.hostname();

/**
 * Owners of the runs in progress in this very process (a previous incarnation may have had the same pid, e.g.
 * pid 1 in a container). A run registers its owner while it runs and removes it when it ends, so the set holds
 * at most the runs that overlap (it used to gain one owner per minute, forever).
 */
const ownOwners = new Set<string>();

function makeOwner(): string {
  return `${HOST}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Number of owners this process holds now (runs in progress). */
export function liveOwnerCount(): number {
  return ownOwners.size;
}

/**
 * A lease holder on this host is alive while its pid is (and, for this very process, while its run is in
 * progress); other hosts are trusted until the lease ends.
 */
function isOwnerAlive(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  if (host !== HOST) return true;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return ownOwners.has(owner);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const LEASE_MS = 10 * 60_000;

function goneReason(f: PostFailure): string {
  if (f.status === 400) {
    return 'Discord refuse les publications de ce forum (400 : une étiquette y est obligatoire et le bot ne peut pas la mettre, ou un salon multimédia exige une image)';
  }
  if (f.status === 403) return 'accès refusé au salon (403 : salon privé ou permissions retirées)';
  if (f.status === 404) return 'salon introuvable (404 : supprimé ?)';
  return `salon inaccessible (${f.status ?? '?'})`;
}

function targetKey(d: Delivery): string {
  return d.channelId !== null ? `c:${d.channelId}` : `u:${d.recipientId ?? '?'}`;
}

export async function deliverPending(deps: DeliverDeps): Promise<DeliverReport> {
  const owner = deps.owner ?? makeOwner();
  const registered = !ownOwners.has(owner);
  ownOwners.add(owner);
  try {
    return await deliverAs(owner, deps);
  } finally {
    if (registered) ownOwners.delete(owner);
  }
}

async function deliverAs(owner: string, deps: DeliverDeps): Promise<DeliverReport> {
  const log = deps.log ?? silentLogger;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const stopping = (): boolean => deps.signal?.aborted === true;
  const nonceWindowMs = deps.nonceWindowMs ?? 5 * 60_000;
  const inlineRetries = deps.inlineRetries ?? 3;
  const maxInlineWaitMs = deps.maxInlineWaitMs ?? 30_000;
  const { repo, poster } = deps;
  const report: DeliverReport = { sent: 0, foundAlreadyPosted: 0, retryLater: 0, abandoned: 0, skipped: 0, retries: 0 };

  const maxThreadsPerRun = deps.maxThreadsPerRun ?? 50;
  const threads = isThreadPoster(poster) ? poster : null;
  /** Forum tags read once per run and forum; forums where tags cannot be created this run. */
  const forumTags = new Map<string, ForumTag[]>();
  const threadsMade = new Map<string, number>();

  const pending = repo.pendingDeliveries(deps.now());
  const byTarget = new Map<string, Delivery[]>();
  for (const d of pending) {
    const key = targetKey(d);
    const list = byTarget.get(key) ?? [];
    list.push(d);
    byTarget.set(key, list);
  }

  const handleGone = async (d: Delivery, f: PostFailure): Promise<void> => {
    const reason = goneReason(f);
    const now = deps.now();
    repo.immediate(() => {
      repo.abandonDelivery(d.id, reason);
      repo.abandonPendingOf(d.source, d.sourceId, reason);
      if (d.source === 'follow') repo.endFollow(d.sourceId, reason, now);
    });
    report.abandoned++;
    if (d.source === 'digest') {
      const sub = repo.getSubscription(d.sourceId);
      const wasEnabled = sub?.enabled ?? false;
      repo.disableSubscription(d.sourceId, reason, now);
      log.warn(
        { subscription: d.sourceId, channel: d.channelId, status: f.status, reason },
        'digest subscription disabled',
      );
      if (sub && wasEnabled) {
        // Best effort, once: tell the server where it can.
        try {
          const sys = await poster.systemChannel(sub.guildId);
          if (sys && sys !== sub.channelId) {
            const text =
              `Le digest n° ${sub.id} (salon <#${sub.channelId}>) est désactivé : ${reason}. ` +
              `Rendez au bot l’accès au salon, puis réactivez-le avec \`/digest modifier id:${sub.id}\`.`;
            await poster.post(sys, {
              content: text,
              embeds: [],
              allowed_mentions: { parse: [] },
              nonce: `qd${sub.id}`.slice(0, 25),
              enforce_nonce: true,
            });
          }
        } catch (err) {
          log.warn({ subscription: sub.id, err: String(err) }, 'could not notify the server');
        }
      }
    } else {
      log.warn({ source: d.source, sourceId: d.sourceId, status: f.status, reason }, 'delivery abandoned');
    }
  };

  /** POST with in-run retries; the same nonce each time, so a retry after a lost response is harmless. */
  const postWithRetry = async (channelId: string, d: Delivery): Promise<PostOutcome> => {
    let outcome: PostOutcome = { ok: false, kind: 'retry', status: null, retryAfterMs: null, message: 'not attempted' };
    for (let attempt = 0; attempt <= inlineRetries; attempt++) {
      outcome = await poster.post(channelId, { ...d.payload, nonce: d.nonce, enforce_nonce: true });
      if (outcome.ok || outcome.kind === 'gone') return outcome;
      const wait = outcome.retryAfterMs ?? 1000 * 2 ** attempt;
      if (attempt === inlineRetries || wait > maxInlineWaitMs || stopping()) return outcome;
      log.info({ delivery: d.id, status: outcome.status, waitMs: wait }, 'post failed, retrying');
      await sleep(wait);
      if (stopping()) return outcome;
      report.retries++;
    }
    return outcome;
  };

  /** A transient failure: left pending for a later run, and this target's later deliveries wait. */
  const retryLater = (d: Delivery, f: PostFailure, attempts: number): 'stop' => {
    const next = new Date(deps.now().getTime() + deliveryRetryDelayMs(attempts));
    repo.markRetry(d.id, f.message, next);
    report.retryLater++;
    log.warn(
      { delivery: d.id, kind: d.kind, status: f.status, next: next.toISOString() },
      'post failed, will retry later',
    );
    return 'stop';
  };

  /**
   * The ids of the wanted tag names in this forum, creating the missing ones when the forum has room and the bot
   * may manage it; otherwise the subscription's tag note says why (null again once tags work).
   */
  const resolveTags = async (
    t: PostThreads,
    forumId: string,
    subscriptionId: number,
    names: string[],
  ): Promise<{ ids: string[]; names: string[] }> => {
    let tags = forumTags.get(forumId);
    if (!tags) {
      const read = await t.forumTags(forumId);
      if (!read.ok) {
        log.warn({ forum: forumId, status: read.status }, 'forum tags unreadable');
        return { ids: [], names: [] };
      }
      tags = read.tags;
      forumTags.set(forumId, tags);
    }
    const find = (name: string): ForumTag | undefined => tags?.find((x) => foldKey(x.name) === foldKey(name));
    const missing = names.filter((n) => !find(n));
    let note: string | null = null;
    // Whether this call learnt the forum's state: every tag there, or an answer to creating the missing ones.
    let known = missing.length === 0;
    if (missing.length > 0) {
      const room = FORUM_LIMITS.tagsPerForum - tags.length;
      if (room < missing.length) note = TAG_NOTES.full;
      const add = missing.slice(0, Math.max(0, room));
      if (add.length > 0) {
        const set = await t.setForumTags(forumId, [...tags, ...add.map((name) => ({ name }))]);
        known = set.ok || set.status === 403;
        if (set.ok) tags = set.tags;
        else {
          note = set.status === 403 ? TAG_NOTES.forbidden : note;
          // Do not ask again this run: the forum keeps the tags it has.
          tags = [...tags, ...add.map((name) => ({ id: '', name }))];
          log.warn({ forum: forumId, status: set.status }, 'forum tags could not be created');
        }
        forumTags.set(forumId, tags);
      }
    }
    const sub = repo.getSubscription(subscriptionId);
    if (sub && sub.tagNote !== note && (note !== null || known)) repo.setTagNote(subscriptionId, note);
    const found = names
      .map((name) => ({ name, id: find(name)?.id ?? '' }))
      .filter((x) => x.id !== '')
      .slice(0, FORUM_LIMITS.tagsPerPost);
    return { ids: found.map((x) => x.id), names: found.map((x) => x.name) };
  };

  /** A forum post: the thread with the card as its first message, once (a crashed attempt is looked for first). */
  const deliverForumPost = async (d: Delivery, t: PostThreads): Promise<'next' | 'stop'> => {
    const sub = repo.getSubscription(d.sourceId);
    const forumId = d.channelId ?? '';
    if (!sub || d.uid === null || d.threadName === null) {
      repo.abandonDelivery(d.id, 'abonnement ou question introuvable');
      report.abandoned++;
      return 'next';
    }
    if (d.attempts > 0) {
      const found = await t.findThread(sub.guildId, forumId, d.threadName, markerText(d.nonce));
      if (!found.ok) {
        if (found.kind !== 'gone') return retryLater(d, found, d.attempts);
        await handleGone(d, found);
        return 'stop';
      }
      if (found.threadId !== null) {
        const threadId = found.threadId;
        const applied = await resolveTags(t, forumId, sub.id, d.tags ?? []);
        repo.immediate(() => {
          repo.setForumThread(sub.id, d.uid ?? '', threadId, applied.names);
          repo.markSent(d.id, threadId, deps.now());
        });
        report.foundAlreadyPosted++;
        log.info({ delivery: d.id, thread: threadId }, 'forum post found already made');
        return 'next';
      }
    }
    const made = threadsMade.get(forumId) ?? 0;
    if (made >= maxThreadsPerRun) {
      repo.releaseLease(d.id);
      report.skipped++;
      return 'stop'; // the next run goes on with this forum
    }
    const wanted = d.tags ?? [];
    const applied = await resolveTags(t, forumId, sub.id, wanted);
    repo.recordAttempt(d.id, deps.now(), null);
    threadsMade.set(forumId, made + 1);
    const post = { name: d.threadName, applied_tags: applied.ids, message: d.payload };
    let outcome = await t.createForumPost(forumId, post);
    for (
      let attempt = 0;
      !outcome.ok && outcome.kind === 'retry' && outcome.status !== 400 && attempt < inlineRetries;
      attempt++
    ) {
      const wait = outcome.retryAfterMs ?? 1000 * 2 ** attempt;
      if (wait > maxInlineWaitMs || stopping()) break;
      await sleep(wait);
      report.retries++;
      // A lost answer may hide a post that was made: look before posting again.
      const found = await t.findThread(sub.guildId, forumId, d.threadName, markerText(d.nonce));
      outcome =
        found.ok && found.threadId !== null
          ? { ok: true, threadId: found.threadId }
          : await t.createForumPost(forumId, post);
    }
    if (outcome.ok) {
      const threadId = outcome.threadId;
      repo.immediate(() => {
        repo.setForumThread(sub.id, d.uid ?? '', threadId, applied.names);
        repo.markSent(d.id, threadId, deps.now());
      });
      report.sent++;
      return 'next';
    }
    if (outcome.kind === 'gone') {
      await handleGone(d, outcome);
      return 'stop';
    }
    // A refused post (a tag required that the bot cannot apply…) would be refused again: the forum is lost for us.
    if (outcome.status === 400) {
      await handleGone(d, { ok: false, kind: 'gone', status: 400, message: outcome.message });
      return 'stop';
    }
    return retryLater(d, outcome, d.attempts + 1);
  };

  /**
   * A reply in a question's post (a reply unarchives an archived thread), then its state tag. A locked or deleted
   * thread is reported once and never retried: the post is marked, its pending replies abandoned.
   */
  const deliverForumReply = async (d: Delivery, t: PostThreads): Promise<'next' | 'stop'> => {
    const post = d.uid === null ? null : repo.getForumPost(d.sourceId, d.uid);
    if (!post || post.threadId === null || post.state !== 'open') {
      const reason =
        !post || post.threadId === null
          ? 'publication du sujet absente'
          : `fil ${post.state === 'locked' ? 'verrouillé' : 'supprimé'}`;
      repo.abandonDelivery(d.id, reason);
      report.abandoned++;
      return 'next';
    }
    const threadId = post.threadId;
    if (
      d.attempts > 0 &&
      d.lastAttemptAt !== null &&
      deps.now().getTime() - Date.parse(d.lastAttemptAt) > nonceWindowMs
    ) {
      const recent = await poster.recent(threadId, 50);
      if (!recent.ok && recent.kind === 'retry') return retryLater(d, recent, d.attempts);
      const marker = markerText(d.nonce);
      const found = recent.ok
        ? recent.messages.find((m) => m.footers.some((f) => f.includes(marker)) || m.content.includes(marker))
        : undefined;
      if (found) {
        repo.markSent(d.id, found.id, deps.now());
        report.foundAlreadyPosted++;
        return 'next';
      }
      // A thread we can no longer read is reported as one that refuses the reply (below).
    }
    repo.recordAttempt(d.id, deps.now(), null);
    const outcome = await postWithRetry(threadId, d);
    if (!outcome.ok && outcome.kind === 'gone') {
      const state = outcome.status === 404 ? 'deleted' : 'locked';
      const reason =
        state === 'deleted'
          ? 'le fil de cette question a été supprimé'
          : 'le fil de cette question est verrouillé (ou le bot n’y a plus accès)';
      repo.closeForumPost(d.sourceId, post.uid, state, reason);
      report.abandoned++;
      log.warn(
        { subscription: d.sourceId, uid: post.uid, thread: threadId, status: outcome.status },
        'forum thread refused a reply; its replies are abandoned',
      );
      return 'next';
    }
    if (!outcome.ok) return retryLater(d, outcome, d.attempts + 1);
    const state = d.tags?.[0];
    if (state !== undefined) {
      const wanted = tagsAfter(post.tags, state);
      const applied = await resolveTags(t, d.channelId ?? '', d.sourceId, wanted);
      const set = await t.setThreadTags(threadId, applied.ids);
      if (set.ok) repo.setForumTags(d.sourceId, post.uid, applied.names);
      else log.warn({ thread: threadId, status: set.status }, 'forum post tags not updated');
    }
    repo.markSent(d.id, outcome.messageId, deps.now());
    report.sent++;
    return 'next';
  };

  /** Delivers one row; 'stop' means the rest of this channel waits (order kept, failure isolated). */
  const deliverOne = async (listed: Delivery): Promise<'next' | 'stop'> => {
    const now = deps.now();
    const d = repo.claimDelivery(listed.id, owner, now, new Date(now.getTime() + LEASE_MS), isOwnerAlive);
    if (!d) {
      report.skipped++;
      return 'stop'; // another live process is posting it: keep this channel's order
    }
    if (d.kind === 'forum_post' || d.kind === 'forum_reply' || d.kind === 'follow_thread') {
      if (!threads) {
        return retryLater(
          d,
          { ok: false, kind: 'retry', status: null, retryAfterMs: null, message: 'threads unsupported by this poster' },
          d.attempts + 1,
        );
      }
      if (d.kind === 'forum_post') return deliverForumPost(d, threads);
      if (d.kind === 'forum_reply') return deliverForumReply(d, threads);
      const thread = await followThread(d, threads);
      if (thread === 'stop') return 'stop';
      return deliverMessage(d, thread);
    }
    return deliverMessage(d, d.channelId);
  };

  /**
   * The thread of a follow that asked for one, created at its first notice (a crashed creation is looked for
   * first); 'stop' when it could not be made now.
   */
  const followThread = async (d: Delivery, t: PostThreads): Promise<string | 'stop'> => {
    const follow = repo.getFollow(d.sourceId);
    if (follow?.threadId) return follow.threadId;
    const channelId = d.channelId ?? '';
    const name = d.threadName ?? 'Suivi';
    if (follow && d.attempts > 0 && follow.guildId) {
      const found = await t.findThread(follow.guildId, channelId, name, null);
      if (found.ok && found.threadId !== null) {
        repo.setFollowThread(follow.id, found.threadId);
        return found.threadId;
      }
    }
    repo.recordAttempt(d.id, deps.now(), null);
    const made = await t.createThread(channelId, name);
    if (!made.ok) {
      if (made.kind === 'gone') {
        await handleGone(d, made);
        return 'stop';
      }
      return retryLater(d, made, d.attempts + 1);
    }
    if (follow) repo.setFollowThread(follow.id, made.threadId);
    return made.threadId;
  };

  /** A channel message (or a notice in a follow's thread), with its nonce. */
  const deliverMessage = async (d: Delivery, target: string | null): Promise<'next' | 'stop'> => {
    let channelId = target;
    if (channelId === null) {
      const dm = await poster.openDm(d.recipientId ?? '');
      if (!dm.ok) {
        if (dm.kind === 'gone') await handleGone(d, dm);
        else {
          repo.markRetry(d.id, dm.message, new Date(deps.now().getTime() + deliveryRetryDelayMs(d.attempts + 1)));
          report.retryLater++;
        }
        return 'stop';
      }
      channelId = dm.channelId;
    }

    if (
      d.attempts > 0 &&
      d.lastAttemptAt !== null &&
      deps.now().getTime() - Date.parse(d.lastAttemptAt) > nonceWindowMs
    ) {
      const recent = await poster.recent(channelId, 50);
      if (!recent.ok) {
        if (recent.kind === 'gone') await handleGone(d, recent);
        else {
          repo.markRetry(d.id, recent.message, new Date(deps.now().getTime() + deliveryRetryDelayMs(d.attempts)));
          report.retryLater++;
        }
        return 'stop';
      }
      const marker = markerText(d.nonce);
      const found = recent.messages.find(
        (m) => m.nonce === d.nonce || m.footers.some((f) => f.includes(marker)) || m.content.includes(marker),
      );
      if (found) {
        repo.markSent(d.id, found.id, deps.now());
        report.foundAlreadyPosted++;
        log.info({ delivery: d.id, message: found.id }, 'delivery found already posted');
        return 'next';
      }
    }

    repo.recordAttempt(d.id, deps.now(), d.kind === 'follow_thread' ? null : channelId);
    const outcome = await postWithRetry(channelId, d);
    if (outcome.ok) {
      repo.markSent(d.id, outcome.messageId, deps.now());
      report.sent++;
      return 'next';
    }
    if (outcome.kind === 'gone') {
      await handleGone(d, outcome);
      return 'stop';
    }
    const next = new Date(deps.now().getTime() + deliveryRetryDelayMs(d.attempts + 1));
    repo.markRetry(d.id, outcome.message, next);
    report.retryLater++;
    log.warn(
      { delivery: d.id, channel: channelId, status: outcome.status, next: next.toISOString() },
      'post failed, will retry later',
    );
    return 'stop';
  };

  for (const [key, list] of byTarget) {
    if (stopping()) {
      report.skipped += list.length;
      continue;
    }
    for (const [i, listed] of list.entries()) {
      if (stopping()) {
        report.skipped += list.length - i;
        break;
      }
      let step: 'next' | 'stop';
      try {
        step = await deliverOne(listed);
      } catch (err) {
        log.error(
          { delivery: listed.id, target: key, err: err instanceof Error ? err.stack : String(err) },
          'delivery failed',
        );
        try {
          repo.markRetry(
            listed.id,
            String(err),
            new Date(deps.now().getTime() + deliveryRetryDelayMs(listed.attempts + 1)),
          );
        } catch {
          // the database itself failed: the row stays pending and is retried on the next run
        }
        report.retryLater++;
        step = 'stop';
      }
      if (step === 'stop') {
        report.skipped += list.length - i - 1;
        break;
      }
    }
  }
  return report;
}
