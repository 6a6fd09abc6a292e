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
import type { PostChannelMessage, PostFailure, PostOutcome } from './poster';
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

  /** Delivers one row; 'stop' means the rest of this channel waits (order kept, failure isolated). */
  const deliverOne = async (listed: Delivery): Promise<'next' | 'stop'> => {
    const now = deps.now();
    const d = repo.claimDelivery(listed.id, owner, now, new Date(now.getTime() + LEASE_MS), isOwnerAlive);
    if (!d) {
      report.skipped++;
      return 'stop'; // another live process is posting it: keep this channel's order
    }

    let channelId = d.channelId;
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

    repo.recordAttempt(d.id, deps.now(), channelId);
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
