import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../../src/logger';

const BOT_TOKEN = 'MTAxMDEwMTAxMDEwMTAxMDEw.GhIjKl.secret-token-value-do-not-log-123';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQtaW50ZXJhY3Rpb24tdG9rZW4';
const FAKE_STYLE_TOKEN = 'itok_1234567890_k3yv4lu3';

function collect(level: 'debug' | 'info' = 'debug'): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    destination: { write: (s: string) => void lines.push(s) },
    secrets: [BOT_TOKEN],
  });
  return { lines, logger };
}

describe('secrets never reach the logs', () => {
  it('scrubs interaction and webhook tokens from URL paths, keeping the rest of the path', () => {
    const text = `POST https://discord.com/api/v10/interactions/123456789012345678/${FAKE_STYLE_TOKEN}/callback then PATCH /api/v10/webhooks/100000000000000001/${FAKE_STYLE_TOKEN}/messages/@original`;
    const out = scrubSecrets(text);
    expect(out).not.toContain(FAKE_STYLE_TOKEN);
    expect(out).toContain('/interactions/123456789012345678/[redacted]/callback');
    expect(out).toContain('/webhooks/100000000000000001/[redacted]/messages/@original');
  });

  it('scrubs a bot token whether it is known or only shaped like one, and Authorization values', () => {
    expect(scrubSecrets(`login with ${BOT_TOKEN}`, [BOT_TOKEN])).toBe('login with [redacted]');
    expect(scrubSecrets(`login with ${BOT_TOKEN}`)).not.toContain('secret-token-value');
    expect(scrubSecrets('authorization: Bot abcdefghijklmnopqrstuvwxyz0123')).toBe('authorization: Bot [redacted]');
    expect(scrubSecrets(`{"token":"${FAKE_STYLE_TOKEN}","interaction_token":"x","id":"1"}`)).toBe(
      '{"token":"[redacted]","interaction_token":"[redacted]","id":"1"}',
    );
    expect(scrubSecrets(`raw ${INTERACTION_TOKEN} end`)).toBe('raw [redacted] end');
  });

  it('leaves ordinary log text alone', () => {
    const text =
      '{"level":30,"msg":"index: ready","size":12345,"path":"/api/v10/channels/300000000000000003/messages","file":"data/questions.db"}';
    expect(scrubSecrets(text)).toBe(text);
  });

  it('logs a DiscordAPIError with its URL, body and nested cause at debug without any token', () => {
    const { lines, logger } = collect();
    const url = `https://discord.com/api/v10/webhooks/100000000000000001/${INTERACTION_TOKEN}/messages/@original`;
    const apiError = new DiscordAPIError({ message: 'Unknown Webhook', code: 10015 }, 10015, 404, 'PATCH', url, {
      body: { content: 'x', token: INTERACTION_TOKEN },
      files: undefined,
    });
    const httpError = new HTTPError(
      500,
      'Internal Server Error',
      'POST',
      `https://discord.com/api/v10/interactions/1234567890/${FAKE_STYLE_TOKEN}/callback`,
      {
        body: { type: 5 },
        files: undefined,
      },
    );
    const wrapped = new Error(`reply failed for ${url}`, { cause: new Error('inner', { cause: httpError }) });
    logger.error({ err: apiError }, 'interaction reply failed');
    logger.debug({ err: wrapped, headers: { authorization: `Bot ${BOT_TOKEN}` } }, 'with causes');
    logger.warn({ message: `token is ${BOT_TOKEN}` }, `free text ${BOT_TOKEN}`);
    const all = lines.join('\n');
    expect(lines).toHaveLength(3);
    for (const secret of [BOT_TOKEN, INTERACTION_TOKEN, FAKE_STYLE_TOKEN, 'secret-token-value'])
      expect(all).not.toContain(secret);
    // Still useful: the route and the status remain.
    expect(all).toContain('/webhooks/100000000000000001/[redacted]/messages/@original');
    expect(all).toContain('"status":404');
  });

  it('writes short human-readable lines for a person at a terminal, scrubbed of secrets like the JSON ones', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      pretty: true,
      destination: { write: (s: string) => void lines.push(s) },
      secrets: [BOT_TOKEN],
    });
    logger.info({ size: 12 }, 'index: ready');
    logger.warn(
      { url: `https://discord.com/api/v10/interactions/1234567890/${FAKE_STYLE_TOKEN}/callback` },
      `login with ${BOT_TOKEN} refused`,
    );
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatch(/WARN/);
    expect(line).toContain('refused');
    expect(line.trimStart().startsWith('{')).toBe(false);
    for (const secret of [BOT_TOKEN, FAKE_STYLE_TOKEN]) expect(line).not.toContain(secret);
    expect(line).toContain('/interactions/1234567890/[redacted]/callback');
  });
});
