/**
 * The digest builder: items (event + question) -> the messages to post. Pure.
 *
 * Contract: no items -> no message. Otherwise a heading with the counts, then one entry per (question,
 * kind), grouped in sections (new questions, answers, transfers, withdrawals), packed into as many
 * messages as needed so that every Discord limit holds (content 2000, embed description 4096, 10 embeds and
 * 6000 embed characters per message), keeping MARKER_RESERVE characters free for the delivery marker.
 * Nothing is dropped: when there are several messages each says "partie i/n" and continued sections say
 * "(suite)". Corpus text is Markdown-escaped and cannot mention anyone.
 */
import type { Question } from '../corpus/types';
import type { EventKind } from '../store/types';
import { CHAMBER_MARKS, daysBetween, frCount, frenchDate, questionTitle } from '../format/french';
import { cutText, escapeAndCut } from './format';
import type { DigestEmbed, DigestItem, OutgoingMessage } from './types';

export const LIMITS = {
  content: 2000,
  description: 4096,
  embedsPerMessage: 10,
  embedCharsPerMessage: 6000,
  title: 256,
  footer: 2048,
} as const;

/** Characters left free in each message for the delivery marker appended to the last footer. */
export const MARKER_RESERVE = 64;

const SECTION_ORDER: readonly EventKind[] = ['new_question', 'new_answer', 'transfer', 'closed'];

const SECTION: Record<EventKind, { label: string; color: number }> = {
  new_question: { label: 'Nouvelles questions', color: 0x3b82f6 },
  new_answer: { label: 'Réponses publiées', color: 0x22c55e },
  transfer: { label: 'Changements de ministère', color: 0xf59e0b },
  closed: { label: 'Questions retirées ou caduques', color: 0x6b7280 },
};

export type DigestCounts = Record<EventKind, number>;

/** "3 nouvelles questions, 2 réponses publiées" (only the non-zero kinds). */
export function countsHeading(counts: DigestCounts): string {
  const parts: string[] = [];
  if (counts.new_question > 0) parts.push(frCount(counts.new_question, 'nouvelle question', 'nouvelles questions'));
  if (counts.new_answer > 0) parts.push(frCount(counts.new_answer, 'réponse publiée', 'réponses publiées'));
  if (counts.transfer > 0) parts.push(frCount(counts.transfer, 'changement de ministère', 'changements de ministère'));
  if (counts.closed > 0)
    parts.push(frCount(counts.closed, 'question retirée ou caduque', 'questions retirées ou caduques'));
  return parts.join(', ');
}

export interface BuildDigestOptions {
  /** Bold first line, e.g. "Questions écrites — mardi 4 mars 2025". */
  title: string;
  /** Optional small line under the heading (the subscription's filters). */
  subtitle?: string;
  /**
   * At most this many messages (default 10): beyond, the last one says how many items are not shown and where
   * to find them, rather than flooding a channel after a long outage.
   */
  maxMessages?: number;
}

/** One item per (uid, kind), the latest event winning; sections in SECTION_ORDER, then by question number. */
function normalizeItems(items: DigestItem[]): DigestItem[] {
  const byKey = new Map<string, DigestItem>();
  for (const item of items) {
    const key = `${item.event.uid}|${item.event.kind}`;
    const prev = byKey.get(key);
    if (!prev || prev.event.id < item.event.id) byKey.set(key, item);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      SECTION_ORDER.indexOf(a.event.kind) - SECTION_ORDER.indexOf(b.event.kind) ||
      a.question.legislature - b.question.legislature ||
      a.question.number - b.question.number,
  );
}

function authorLine(q: Question): string {
  const a = q.author;
  const name = a.name ?? a.fullName ?? a.acteurRef ?? 'Auteur inconnu';
  const group = a.group?.abbrev ?? a.group?.name ?? null;
  return escapeAndCut(group ? `${name} (${group})` : name, 120);
}

function ministryName(q: Question): string | null {
  return (q.ministryAssigned ?? q.ministryAsked)?.name ?? null;
}

function detailString(detail: Record<string, unknown>, key: string): string | null {
  const v = detail[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/** One entry: linked number, title, author, ministry, and the kind's facts. At most ~700 characters. */
export function formatEntry(item: DigestItem): string {
  const q = item.question;
  const head = `${CHAMBER_MARKS[q.chamber]} · **[n° ${q.number}](${q.url})** · ${escapeAndCut(questionTitle(q), 200)}`;
  const ministry = ministryName(q);
  const who = ministry ? `${authorLine(q)} → ${escapeAndCut(ministry, 100)}` : authorLine(q);
  switch (item.event.kind) {
    case 'new_question': {
      const date = frenchDate(q.question?.joDate ?? null);
      return `${head}\n${who}${date ? ` · publiée le ${date}` : ''}`;
    }
    case 'new_answer': {
      const date = frenchDate(q.answer?.joDate ?? null);
      const delay = daysBetween(q.question?.joDate ?? null, q.answer?.joDate ?? null);
      const facts = [
        date ? `réponse du ${date}` : 'réponse publiée',
        delay !== null ? `après ${frCount(delay, 'jour')}` : null,
      ]
        .filter((x): x is string => x !== null)
        .join(', ');
      const excerpt = q.answer?.text ? `\n> ${escapeAndCut(q.answer.text, 240)}` : '';
      return `${head}\n${who} · ${facts}${excerpt}`;
    }
    case 'transfer': {
      const from =
        detailString(item.event.detail, 'from') ??
        q.ministryHistory.at(-2)?.ministry.name ??
        q.ministryAsked?.name ??
        null;
      const to = detailString(item.event.detail, 'to') ?? ministry;
      const move = `${from ? escapeAndCut(from, 100) : '?'} → ${to ? escapeAndCut(to, 100) : '?'}`;
      return `${head}\n${authorLine(q)} · transférée : ${move}`;
    }
    case 'closed': {
      const label = q.closure?.label ?? detailString(item.event.detail, 'label') ?? 'Retirée';
      const date = frenchDate(q.closure?.date ?? detailString(item.event.detail, 'date'));
      return `${head}\n${who} · ${escapeAndCut(label, 60)}${date ? ` le ${date}` : ''}`;
    }
  }
}

/** Names listed in a campaign's entry before « et N autres ». */
const CAMPAIGN_NAMES = 12;

/**
 * A section's entries: one per item, except the new questions of one campaign (issue 21), shown once where the
 * first of them would be: « 12 nouvelles questions reprennent le même texte sur … : M. A (LR), Mme B… ».
 */
function sectionEntries(section: readonly DigestItem[]): string[] {
  const byCampaign = new Map<number, DigestItem[]>();
  for (const it of section) {
    if (!it.campaign) continue;
    const list = byCampaign.get(it.campaign.id) ?? [];
    list.push(it);
    byCampaign.set(it.campaign.id, list);
  }
  const out: string[] = [];
  for (const it of section) {
    const group = it.campaign ? byCampaign.get(it.campaign.id) : undefined;
    if (!group || group.length < 2) {
      out.push(formatEntry(it));
      continue;
    }
    if (group[0] !== it) continue;
    const names = group
      .slice(0, CAMPAIGN_NAMES)
      .map(
        (g) =>
          `${CHAMBER_MARKS[g.question.chamber]} [n° ${g.question.number}](${g.question.url}) ${authorLine(g.question)}`,
      );
    const more =
      group.length > CAMPAIGN_NAMES ? ` et ${frCount(group.length - CAMPAIGN_NAMES, 'autre', 'autres')}` : '';
    out.push(
      `**${frCount(group.length, 'nouvelle question reprend', 'nouvelles questions reprennent')} le même texte** ${escapeAndCut(it.campaign!.subject, 200)}\n${names.join(', ')}${more}`,
    );
  }
  return out;
}

interface PackedMessage {
  embeds: DigestEmbed[];
  chars: number;
  entries: number;
}

function embedChars(e: DigestEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
}

export function buildDigest(items: DigestItem[], opts: BuildDigestOptions): OutgoingMessage[] {
  const normalized = normalizeItems(items);
  if (normalized.length === 0) return [];

  const counts: DigestCounts = { new_question: 0, new_answer: 0, transfer: 0, closed: 0 };
  for (const it of normalized) counts[it.event.kind]++;

  const budget = LIMITS.embedCharsPerMessage - MARKER_RESERVE - 32; // 32: the "Partie i/n" footer
  const messages: PackedMessage[] = [{ embeds: [], chars: 0, entries: 0 }];
  for (const kind of SECTION_ORDER) {
    const section = normalized.filter((it) => it.event.kind === kind);
    if (section.length === 0) continue;
    let embed: DigestEmbed | null = null;
    for (const text of sectionEntries(section)) {
      const entry = cutText(text, 1500);
      let current = messages[messages.length - 1] as PackedMessage;
      if (embed !== null) {
        const grown = (embed.description?.length ?? 0) + 2 + entry.length;
        if (grown <= LIMITS.description && current.chars + 2 + entry.length <= budget) {
          embed.description = `${embed.description ?? ''}\n\n${entry}`;
          current.chars += 2 + entry.length;
          current.entries++;
          continue;
        }
      }
      const title: string =
        embed === null ? `${SECTION[kind].label} (${section.length})` : `${SECTION[kind].label} (suite)`;
      const cost = title.length + entry.length;
      if (current.embeds.length >= LIMITS.embedsPerMessage || current.chars + cost > budget) {
        current = { embeds: [], chars: 0, entries: 0 };
        messages.push(current);
      }
      embed = { title, description: entry, color: SECTION[kind].color };
      current.embeds.push(embed);
      current.chars += cost;
      current.entries++;
    }
  }

  const maxMessages = Math.max(1, opts.maxMessages ?? 10);
  const kept = messages.slice(0, maxMessages);
  const omitted = messages.slice(maxMessages).reduce((n, m) => n + m.entries, 0);
  const total = kept.length;
  const heading = countsHeading(counts);
  const subtitle = opts.subtitle ? `\n-# ${escapeAndCut(opts.subtitle, 300)}` : '';
  return kept.map((m, i) => {
    const part = total > 1 ? ` (partie ${i + 1}/${total})` : '';
    const more =
      omitted > 0 && i === total - 1
        ? `\n… et ${omitted} autre${omitted > 1 ? 's' : ''} non affiché${omitted > 1 ? 's' : ''} ici (limite de ${maxMessages} messages) : retrouvez-les avec /recherche.`
        : '';
    const content =
      (i === 0
        ? `**${escapeAndCut(opts.title, 200)}** · ${heading}${part}${subtitle}`
        : `**${escapeAndCut(opts.title, 200)}** · suite${part}`) + more;
    const last = m.embeds[m.embeds.length - 1];
    if (last)
      last.footer = { text: total > 1 ? `Partie ${i + 1}/${total}` : 'Questions écrites · Assemblée nationale' };
    return { content: cutText(content, LIMITS.content), embeds: m.embeds, allowed_mentions: { parse: [] } };
  });
}

/** Marker appended to the last footer so that a later check of the channel can recognise the message. */
export function markerText(nonce: string): string {
  return `réf. ${nonce}`;
}

/** The message with its delivery marker (fits: MARKER_RESERVE was kept free). */
export function withMarker(message: OutgoingMessage, nonce: string): OutgoingMessage {
  const embeds = message.embeds.map((e) => ({ ...e }));
  const last = embeds[embeds.length - 1];
  if (last) {
    last.footer = { text: last.footer ? `${last.footer.text} · ${markerText(nonce)}` : markerText(nonce) };
    return { ...message, embeds };
  }
  return {
    ...message,
    content: `${cutText(message.content, LIMITS.content - MARKER_RESERVE)}\n-# ${markerText(nonce)}`,
  };
}

/** Character count of the embeds as Discord counts them for the 6000 limit. */
export function messageEmbedChars(message: OutgoingMessage): number {
  return message.embeds.reduce((n, e) => n + embedChars(e), 0);
}
