/**
 * pino logger. Whatever is logged, at any level, no secret reaches the output: every serialized line passes
 * through `scrubSecrets` on its way to the destination (the one place all log lines go through), so a secret
 * hidden anywhere in a logged value (an error's URL, its request body, a nested `cause`, a message text) is
 * replaced by `[redacted]`. Scrubbed:
 * - the bot token (its exact value when known, and anything shaped like a bot token, `Bot <token>` headers);
 * - interaction and webhook tokens: the path segment after `/interactions/{id}/` and `/webhooks/{id}/`, and
 *   anything shaped like an interaction token (base64 of "interaction:...");
 * - the value of any JSON key ending in "token" or named "authorization".
 * The structured `redact` paths below come first (cheap, exact); the scrubber is the net under them.
 *
 * Lines are pino's JSON (for services, files and tests), or, with `pretty` (the console twin on a terminal),
 * pino-pretty's one-line text, formatted from the already scrubbed JSON.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { LogLevel } from './config';

export type { Logger };

const REDACTED = '[redacted]';

const REDACT_PATHS = [
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

/** `/interactions/{id}/{token}/...` and `/webhooks/{application}/{token}[/...]`: the token segment. */
const PATH_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)([^/\s"'?#\\]+)/g;
/** Bot tokens: three base64url parts joined by dots (user id, timestamp, HMAC). */
const BOT_TOKEN_SHAPE = /[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}/g;
/** Authorization header values. */
const AUTH_SCHEME = /\b(Bot|Bearer)\s+[A-Za-z0-9._~+/=-]{16,}/g;
/** Real interaction tokens start with base64("interaction:"). */
const INTERACTION_TOKEN_SHAPE = /aW50ZXJhY3Rpb246[A-Za-z0-9_\-+/=]*/g;
/** JSON members whose name says they hold a secret: "token", "interaction_token", "authorization"... */
const SECRET_MEMBER = /("(?:[A-Za-z_]*token|[A-Za-z_]*Token|authorization|Authorization)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/**
 * Removes every secret from a text (a serialized log line, an error message). `known` are exact secret values
 * (the bot token); the shapes above are removed whether known or not.
 */
export function scrubSecrets(text: string, known: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of known) {
    if (secret && secret.length >= 8 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(PATH_TOKEN, (_m, prefix: string, token: string) =>
      token === REDACTED ? `${prefix}${token}` : `${prefix}${REDACTED}`,
    )
    .replace(SECRET_MEMBER, `$1"${REDACTED}"`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(BOT_TOKEN_SHAPE, REDACTED)
    .replace(INTERACTION_TOKEN_SHAPE, REDACTED);
}

/** A destination that writes each line scrubbed of secrets to `inner`. */
function scrubbingDestination(
  inner: DestinationStream,
  known: readonly (string | null | undefined)[] = [],
): DestinationStream {
  return { write: (line: string) => inner.write(scrubSecrets(line, known)) };
}

/** A destination that writes each JSON line to `inner` as pino-pretty's human-readable text. */
function prettyDestination(inner: DestinationStream, colorize: boolean): DestinationStream {
  const format = prettyFactory({
    colorize,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,name',
  });
  return { write: (line: string) => inner.write(format(line)) };
}

export interface CreateLoggerOptions {
  level?: LogLevel;
  /** Where the (scrubbed) lines go; default stderr, written synchronously so nothing is lost on exit. */
  destination?: DestinationStream;
  name?: string;
  /** Exact secret values to remove (the bot token), on top of the shapes every line is scrubbed of. */
  secrets?: readonly (string | null | undefined)[];
  /** Human-readable lines (pino-pretty) instead of JSON: for a person at a terminal (the console twin). */
  pretty?: boolean;
}

export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  const inner = opts.destination ?? pino.destination({ dest: 2, sync: true });
  return pino(
    {
      name: opts.name ?? 'questions-bot',
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    scrubbingDestination(
      opts.pretty ? prettyDestination(inner, opts.destination === undefined && process.stderr.isTTY === true) : inner,
      opts.secrets ?? [],
    ),
  );
}

/** Removes a known token from a string (error messages sometimes echo URLs or headers). */
export function redactToken(text: string, token: string | null): string {
  if (!token) return text;
  return scrubSecrets(text, [token]);
}
