import { describe, expect, it } from '@jest/globals';
import { AppConfig } from './app-config.js';
import { ConfigError } from './config.error.js';
import { loadConfig } from './load-config.js';

const base = { NODE_ENV: 'test' };

describe('loadConfig', () => {
  it('fills every variable from the shipped defaults', () => {
    const config = loadConfig(base);
    expect(config).toBeInstanceOf(AppConfig);
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PGLITE_DATA_DIR).toBe('./data/pglite');
    expect(config.DATABASE_MIGRATE_ON_START).toBe(true);
    expect(config.DATABASE_POOL_IDLE_SECONDS).toBe(600);
    expect(config.OUTBOX_RETENTION_DAYS).toBe(14);
    expect(config.databaseEngine).toBe('pglite');
    expect(config.corsOrigins).toEqual([]);
  });

  it('lets the environment override the defaults, converting types', () => {
    const config = loadConfig({
      ...base,
      PORT: '8080',
      DATABASE_URL: 'postgres://wian:pw@db:5432/wian',
      DATABASE_MIGRATE_ON_START: 'false',
      DATABASE_POOL_IDLE_SECONDS: '0',
      OUTBOX_RETENTION_DAYS: '0',
      CORS_ORIGINS: 'https://a.go.th, https://b.go.th',
    });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_POOL_IDLE_SECONDS).toBe(0);
    expect(config.OUTBOX_RETENTION_DAYS).toBe(0);
    expect(config.databaseEngine).toBe('postgres');
    expect(config.DATABASE_MIGRATE_ON_START).toBe(false);
    expect(config.corsOrigins).toEqual(['https://a.go.th', 'https://b.go.th']);
  });

  it('treats an empty DATABASE_URL as "use the embedded database"', () => {
    expect(loadConfig({ ...base, DATABASE_URL: '' }).databaseEngine).toBe('pglite');
  });

  it('refuses to start on a malformed variable, naming it and what it got', () => {
    const error = (() => {
      try {
        loadConfig({
          ...base,
          PORT: 'eighty',
          LOG_LEVEL: 'loud',
          DATABASE_POOL_IDLE_SECONDS: '-1',
        });
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(message).toMatch(/PORT .*integer.*\(got "eighty"\)/);
    expect(message).toMatch(/DATABASE_POOL_IDLE_SECONDS must not be less than 0 \(got -1\)/);
    expect(message).toMatch(/LOG_LEVEL must be one of the following values/);
    expect(message).toContain('config/.env.example');
  });

  it('never prints a secret it refuses', () => {
    try {
      loadConfig({ ...base, DATABASE_URL: 'mysql://root:hunter2@db/wian' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as Error).message).toContain('DATABASE_URL must be a postgres://');
      expect((e as Error).message).not.toContain('hunter2');
    }
  });

  it('ignores variables it does not know', () => {
    const config = loadConfig({ ...base, PATH: '/usr/bin', SOMETHING_ELSE: 'x' });
    expect(Object.keys(config)).not.toContain('PATH');
  });
});
