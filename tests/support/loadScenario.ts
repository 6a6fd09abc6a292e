/**
 * 200 interactions injected at once (searches with and without filters, pages, questions, deputies, stats,
 * autocompletes), each from its own user so that flood control stays out of the way. Used by the load e2e test
 * and by `scripts/bench/bot.ts`.
 */
import type { DiscordFake, InteractionResult } from './discordFake';

const WORDS = [
  'ministre',
  'retraite',
  'hôpitaux',
  'cybercriminalité',
  'sécurité',
  'éducation nationale',
  'agriculteurs',
  'logement',
  'justice',
  'impôt',
  'transports',
  'santé publique',
  'collectivités',
  'énergie',
  'emploi',
];

export interface LoadResult {
  count: number;
  ackMs: number[];
  /** Time from dispatch to the final answer (the response itself, or the edit after a deferral). */
  replyMs: number[];
  /** Answered by the interaction response itself (one request) / deferred then edited. */
  direct: number;
  deferred: number;
  wallMs: number;
  errors: string[];
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

export async function runLoad(
  fake: DiscordFake,
  count = 200,
  userBase = 700_000_000_000_000_000n,
): Promise<LoadResult> {
  const started = Date.now();
  const pending: Array<Promise<InteractionResult>> = [];
  for (let i = 0; i < count; i++) {
    const userId = String(userBase + BigInt(i));
    const word = WORDS[i % WORDS.length] as string;
    const opts = { userId, timeoutMs: 60_000 };
    let p: Promise<InteractionResult>;
    switch (i % 8) {
      case 0:
      case 1:
      case 2:
        p = fake.command('recherche', { texte: word }, opts).done;
        break;
      case 3:
        p = fake.command('recherche', { texte: word, statut: 'en_attente', tri: 'recentes' }, opts).done;
        break;
      case 4:
        p = fake.command('question', { numero: 1 + (i % 50) }, opts).done;
        break;
      case 5:
        p = fake.autocomplete('depute', { nom: word.slice(0, 3) }, 'nom', { userId, timeoutMs: 60_000 }).done;
        break;
      case 6:
        p = fake.command('stats', {}, opts).done;
        break;
      default:
        p = fake.command('ministere', { nom: 'justice' }, opts).done;
    }
    pending.push(p);
  }
  const settled = await Promise.allSettled(pending);
  const ok = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  return {
    count,
    ackMs: ok.map((r) => r.ackMs),
    replyMs: ok.map((r) => r.replyMs),
    direct: ok.filter((r) => r.callbackType === 4 || r.callbackType === 7 || r.callbackType === 8).length,
    deferred: ok.filter((r) => r.callbackType === 5 || r.callbackType === 6).length,
    wallMs: Date.now() - started,
    errors: settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : [])),
  };
}
