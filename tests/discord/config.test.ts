import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, parseConfig } from '../../src/config';

const TOKEN = 'MTAxMDEwMTAxMDEwMTAxMDEw.GhIjKl.secret-token-value-do-not-log';

describe('parseConfig', () => {
  it('starts in console mode with defaults when nothing is set', () => {
    const c = parseConfig({});
    expect(c.discordToken).toBeNull();
    expect(c.databasePath).toBe('data/questions.db');
    expect(c.indexDir).toBe('data/index');
    expect(c.timeZone).toBe('Europe/Paris');
    expect(c.refreshCron).toBe('30 6 * * *');
    expect(c.digestDefaultTime).toBe('08:00');
    expect(c.openDataUrl).toBe('https://data.assemblee-nationale.fr/static/openData/repository');
    expect(c.refreshUrl).toBeNull(); // the refresh follows the live legislature under openDataUrl
    expect(c.logLevel).toBe('info');
    // Unset: the console twin on a terminal may choose a quieter level (src/main.ts).
    expect(c.logLevelSet).toBe(false);
  });

  it('reads every key', () => {
    const c = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: '100000000000000001',
      DISCORD_GUILD_ID: '200000000000000002',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api',
      DATABASE_PATH: '/tmp/x/q.db',
      INDEX_DIR: '/tmp/x/idx',
      LOG_LEVEL: 'debug',
      REFRESH_URL: 'http://127.0.0.1/a.zip',
      REFRESH_CRON: '0 7 * * 2',
      DIGEST_DEFAULT_TIME: '09:30',
      TZ: 'Europe/Paris',
    });
    expect(c).toMatchObject({
      discordToken: TOKEN,
      discordGuildId: '200000000000000002',
      discordApiUrl: 'http://127.0.0.1:9999/api',
      databasePath: '/tmp/x/q.db',
      indexDir: '/tmp/x/idx',
      logLevel: 'debug',
      logLevelSet: true,
      refreshCron: '0 7 * * 2',
      digestDefaultTime: '09:30',
    });
  });

  it('lists every problem at once, in French, without echoing the token', () => {
    let error: unknown;
    try {
      parseConfig({
        DISCORD_TOKEN: 'short token',
        DISCORD_GUILD_ID: 'abc',
        DISCORD_API_URL: 'ftp://x',
        LOG_LEVEL: 'loud',
        DIGEST_DEFAULT_TIME: '25:00',
        TZ: 'Mars/Olympus',
        REFRESH_CRON: 'every day',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(7);
    expect((error as Error).message).not.toContain('short token');
    expect((error as Error).message).toMatch(/DISCORD_GUILD_ID.*DISCORD_API_URL|DISCORD_API_URL/s);
  });

  it('leaves the health endpoint off unless HEALTH_PORT is set, on the loopback address by default', () => {
    expect(parseConfig({})).toMatchObject({ healthPort: null, healthHost: '127.0.0.1', shutdownGraceMs: 10_000 });
    expect(parseConfig({ HEALTH_PORT: '9464' })).toMatchObject({ healthPort: 9464, healthHost: '127.0.0.1' });
    expect(parseConfig({ HEALTH_PORT: '9464', HEALTH_HOST: '0.0.0.0', SHUTDOWN_GRACE_MS: '2000' })).toMatchObject({
      healthPort: 9464,
      healthHost: '0.0.0.0',
      shutdownGraceMs: 2000,
    });
  });

  it('refuses a health port out of range, a malformed host and a negative grace, all at once', () => {
    let error: unknown;
    try {
      parseConfig({ HEALTH_PORT: '70000', HEALTH_HOST: 'http://x/', SHUTDOWN_GRACE_MS: '-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/HEALTH_PORT/);
    expect(problems).toMatch(/HEALTH_HOST/);
    expect(problems).toMatch(/SHUTDOWN_GRACE_MS/);
  });

  it('reads SENAT_URL: the Sénat’s dump on data.senat.fr by default, any http(s) URL, else a French error', () => {
    expect(parseConfig({}).senatUrl).toBe('https://data.senat.fr/data/questions/questions.zip');
    expect(parseConfig({ SENAT_URL: 'http://127.0.0.1:8080/q.zip' }).senatUrl).toBe('http://127.0.0.1:8080/q.zip');
    expect(() => parseConfig({ SENAT_URL: 'ftp://data.senat.fr/q.zip' })).toThrow(
      'SENAT_URL doit être une URL http(s), reçu « ftp://data.senat.fr/q.zip ».',
    );
  });

  it('reads SHARD_COUNT: auto by default, a count, or a French error', () => {
    expect(parseConfig({}).shardCount).toBe('auto');
    expect(parseConfig({ SHARD_COUNT: 'auto' }).shardCount).toBe('auto');
    expect(parseConfig({ SHARD_COUNT: '4' }).shardCount).toBe(4);
    expect(() => parseConfig({ SHARD_COUNT: 'zero' })).toThrow(/SHARD_COUNT doit être un entier entre 1 et/);
    expect(() => parseConfig({ SHARD_COUNT: '0' })).toThrow(ConfigError);
  });

  it('redacts the token when the configuration is described for the logs', () => {
    const described = JSON.stringify(describeConfig(parseConfig({ DISCORD_TOKEN: TOKEN })));
    expect(described).not.toContain(TOKEN);
    expect(described).toContain('[masqué]');
  });
});
