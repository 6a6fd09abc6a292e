/**
 * pino logger. Whatever is logged, a Discord token never is: the usual places it could hide (a config
 * object, an error carrying request headers) are redacted, and `redactToken` scrubs free text.
 */
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

export const REDACT_PATHS = [
  'token',
  'discordToken',
  '*.token',
  '*.discordToken',
  'config.discordToken',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'interaction.token',
];

export function createLogger(opts: { level?: LogLevel; destination?: pino.DestinationStream; name?: string } = {}): Logger {
  return pino(
    {
      name: opts.name ?? 'questions-bot',
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[masqué]' },
    },
    opts.destination ?? pino.destination(2),
  );
}

/** Removes a known token from a string (error messages sometimes echo URLs or headers). */
export function redactToken(text: string, token: string | null): string {
  if (!token) return text;
  return text.split(token).join('[masqué]');
}
