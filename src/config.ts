/**
 * The environment, parsed and validated ONCE (dotenv is loaded by the entry point, not here).
 *
 * Contract: `parseConfig(env)` is pure; it reports EVERY problem at once in a `ConfigError` (French
 * messages, one per line). The Discord token is never part of an error message, and `describeConfig`
 * (what main logs at start) redacts it.
 */
import path from 'node:path';

/** The Assemblée's open data (every official address is relative to it: src/corpus/official/addresses.ts). */
const DEFAULT_OPENDATA_URL = 'https://data.assemblee-nationale.fr/static/openData/repository';

/**
 * The Sénat's whole questions database (every question since 1978, refreshed daily, Licence Ouverte): a zip holding
 * one PostgreSQL plain dump (data-formats §7; read by src/corpus/senat/).
 */
const DEFAULT_SENAT_URL = 'https://data.senat.fr/data/questions/questions.zip';

export interface Config {
  /** Absent => console mode (the commands are read from stdin). */
  discordToken: string | null;
  /** Taken from READY when absent. */
  discordApplicationId: string | null;
  /** Deploy target: one guild (instant) when set, else global commands. */
  discordGuildId: string | null;
  /** REST base URL without version (".../api"); tests only (the Discord fake). Null => discord.com. */
  discordApiUrl: string | null;
  databasePath: string;
  indexDir: string;
  seedsDir: string;
  logLevel: LogLevel;
  /** LOG_LEVEL was given (else the console twin on a terminal logs at warn, see src/main.ts). */
  logLevelSet: boolean;
  /** Base of the Assemblée's open data (every official address is relative to it: src/corpus/official/addresses.ts). */
  openDataUrl: string;
  /**
   * REFRESH_URL: the one archive the daily refresh reads. Null (the default): the refresh follows the live
   * legislature's archive under `openDataUrl`, discovering the next one (src/digest/liveLegislature.ts).
   */
  refreshUrl: string | null;
  /** The Sénat's questions dump (zip), for `npm run corpus` and the daily refresh: SENAT_URL, else data.senat.fr. */
  senatUrl: string;
  /** Cron expression of the refresh, in `timeZone`. */
  refreshCron: string;
  /** Default digest time "HH:MM" in `timeZone`. */
  digestDefaultTime: string;
  timeZone: string;
  /** Search worker threads, one index shard each (SEARCH_WORKERS); null = the search's default; 0 = in the bot's thread. */
  searchWorkers: number | null;
  /** Per-user flood control: at most `floodMax` commands per `floodWindowMs`. */
  floodMax: number;
  floodWindowMs: number;
  /** Health and metrics HTTP port (/healthz, /metrics); null = no endpoint (opt-in). 0 = any free port. */
  healthPort: number | null;
  /** Address the health endpoint binds to (default loopback only). */
  healthHost: string;
  /** On SIGTERM/SIGINT: how long interactions and deliveries in flight may take to finish, ms. */
  shutdownGraceMs: number;
  /**
   * Gateway shards run by this process: 'auto' (Discord's recommendation from GET /gateway/bot) or a count. All
   * shards live in this one process, so what runs once per process (index, scheduler, digests) runs once.
   */
  shardCount: number | 'auto';
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** For the scripts: the configuration, or its problems printed on stderr and exit code 1. */
export function configOrExit(env: NodeJS.ProcessEnv): Config {
  try {
    return parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

type Env = Record<string, string | undefined>;

const SNOWFLAKE = /^\d{15,21}$/;

export function parseConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (key: string): string | null => {
    const v = env[key];
    if (v === undefined) return null;
    const t = v.trim();
    return t === '' ? null : t;
  };
  const snowflake = (key: string): string | null => {
    const v = str(key);
    if (v !== null && !SNOWFLAKE.test(v))
      problems.push(`${key} doit être un identifiant Discord (15 à 21 chiffres), reçu « ${v} ».`);
    return v;
  };
  const int = (key: string, def: number, min: number, max: number): number => {
    const v = str(key);
    if (v === null) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key} doit être un entier entre ${min} et ${max}, reçu « ${v} ».`);
      return def;
    }
    return n;
  };

  const token = str('DISCORD_TOKEN');
  if (token !== null && (/\s/.test(token) || token.length < 20)) {
    // Never echo the token itself.
    problems.push('DISCORD_TOKEN ne ressemble pas à un jeton de bot (trop court ou contient des espaces).');
  }
  const applicationId = snowflake('DISCORD_APPLICATION_ID');
  const guildId = snowflake('DISCORD_GUILD_ID');

  const apiUrl = str('DISCORD_API_URL');
  if (apiUrl !== null) {
    let ok = false;
    try {
      const u = new URL(apiUrl);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`DISCORD_API_URL doit être une URL http(s), reçu « ${apiUrl} ».`);
    else if (/\/v\d+\/?$/.test(apiUrl))
      problems.push('DISCORD_API_URL ne doit pas contenir de version (« …/api », pas « …/api/v10 »).');
  }

  const logLevelRaw = str('LOG_LEVEL') ?? 'info';
  let logLevel: LogLevel = 'info';
  if ((LOG_LEVELS as readonly string[]).includes(logLevelRaw)) logLevel = logLevelRaw as LogLevel;
  else problems.push(`LOG_LEVEL doit valoir l'un de ${LOG_LEVELS.join(', ')}, reçu « ${logLevelRaw} ».`);

  const openDataUrl = (str('OPENDATA_URL') ?? DEFAULT_OPENDATA_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(openDataUrl))
    problems.push(`OPENDATA_URL doit être une URL http(s), reçu « ${openDataUrl} ».`);
  const refreshUrl = str('REFRESH_URL');
  if (refreshUrl !== null && !/^https?:\/\/\S+$/.test(refreshUrl))
    problems.push(`REFRESH_URL doit être une URL http(s), reçu « ${refreshUrl} ».`);

  const senatUrl = str('SENAT_URL') ?? DEFAULT_SENAT_URL;
  if (!/^https?:\/\/\S+$/.test(senatUrl)) problems.push(`SENAT_URL doit être une URL http(s), reçu « ${senatUrl} ».`);

  const refreshCron = str('REFRESH_CRON') ?? '30 6 * * *';
  const cronFields = refreshCron.split(/\s+/);
  if (cronFields.length < 5 || cronFields.length > 6) {
    problems.push(`REFRESH_CRON doit être une expression cron à 5 ou 6 champs, reçu « ${refreshCron} ».`);
  }

  const digestDefaultTime = str('DIGEST_DEFAULT_TIME') ?? '08:00';
  const hm = /^(\d{1,2}):(\d{2})$/.exec(digestDefaultTime);
  if (!hm || Number(hm[1]) > 23 || Number(hm[2]) > 59) {
    problems.push(`DIGEST_DEFAULT_TIME doit être une heure HH:MM, reçu « ${digestDefaultTime} ».`);
  }

  const timeZone = str('TZ') ?? 'Europe/Paris';
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone });
  } catch {
    problems.push(`TZ doit être un fuseau horaire IANA (ex. Europe/Paris), reçu « ${timeZone} ».`);
  }

  const searchWorkersRaw = str('SEARCH_WORKERS');
  const searchWorkers = searchWorkersRaw === null ? null : int('SEARCH_WORKERS', 0, 0, 32);
  const floodMax = int('FLOOD_MAX', 6, 1, 1000);
  const floodWindowMs = int('FLOOD_WINDOW_MS', 10_000, 100, 3_600_000);

  const healthPort = str('HEALTH_PORT') === null ? null : int('HEALTH_PORT', 0, 0, 65_535);
  const healthHost = str('HEALTH_HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:_-]+$/.test(healthHost)) {
    problems.push(
      `HEALTH_HOST doit être une adresse IP ou un nom d'hôte (ex. 127.0.0.1, 0.0.0.0, ::1), reçu « ${healthHost} ».`,
    );
  }
  const shutdownGraceMs = int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000);
  const shardRaw = str('SHARD_COUNT');
  const shardCount: number | 'auto' =
    shardRaw === null || shardRaw.toLowerCase() === 'auto' ? 'auto' : int('SHARD_COUNT', 1, 1, 1024);

  if (problems.length > 0) throw new ConfigError(problems);

  const databasePath = str('DATABASE_PATH') ?? path.join('data', 'questions.db');
  return {
    discordToken: token,
    discordApplicationId: applicationId,
    discordGuildId: guildId,
    discordApiUrl: apiUrl,
    databasePath,
    indexDir: str('INDEX_DIR') ?? path.join(path.dirname(databasePath), 'index'),
    seedsDir: str('SEEDS_DIR') ?? path.join('data', 'seeds'),
    logLevel,
    logLevelSet: str('LOG_LEVEL') !== null,
    openDataUrl,
    refreshUrl,
    senatUrl,
    refreshCron,
    digestDefaultTime,
    timeZone,
    searchWorkers,
    floodMax,
    floodWindowMs,
    healthPort,
    healthHost,
    shutdownGraceMs,
    shardCount,
  };
}

/** What may be logged: the configuration with the token redacted. */
export function describeConfig(config: Config): Record<string, unknown> {
  return { ...config, discordToken: config.discordToken === null ? null : '[masqué]' };
}

/**
 * The environment variables a child process of the bot inherits (the ingest child), and no other: what Node, the
 * system and the TLS stack need. Nothing of the bot's own settings reaches it (the job carries what the ingest
 * needs), the Discord token least of all.
 */
const CHILD_ENV_ALLOWED = [
  'PATH',
  'HOME',
  'TMPDIR',
  'TEMP',
  'TMP',
  'TZ',
  'LANG',
  'LC_ALL',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'SYSTEMROOT',
] as const;

export function childProcessEnv(env: Env = process.env): Record<string, string> {
  const allowed: Record<string, string> = {};
  for (const key of CHILD_ENV_ALLOWED) {
    const value = env[key];
    if (value !== undefined) allowed[key] = value;
  }
  return allowed;
}
