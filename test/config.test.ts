import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('defaults to the embedded database on port 4000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './.data/pglite' });
    expect(config.demoData).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/admin' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/admin',
      poolSize: 10,
      acquireTimeoutMs: 2000,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/admin', DATABASE_POOL_SIZE: '4', DATABASE_ACQUIRE_TIMEOUT_MS: '250' }).database).toMatchObject({
      poolSize: 4,
      acquireTimeoutMs: 250,
    });
  });

  it('listens on loopback only on the embedded database, unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/admin' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads CORS origins as a list, none by default', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://admin.example.com, http://localhost:5173' }).corsOrigins).toEqual([
      'https://admin.example.com',
      'http://localhost:5173',
    ]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ ADMIN_API_KEY: 'sk_short' }, 'ADMIN_API_KEY'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_ACQUIRE_TIMEOUT_MS: 'soon' }, 'DATABASE_ACQUIRE_TIMEOUT_MS'],
    [{ CORS_ORIGINS: 'https://a.example.com/path' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ MAX_SUBSCRIPTIONS_PER_SOCKET: '-1' }, 'MAX_SUBSCRIPTIONS_PER_SOCKET'],
    [{ AUTH_FAILURES_PER_MINUTE: '0' }, 'AUTH_FAILURES_PER_MINUTE'],
  ])('refuses %j with a message naming %s', (environment, variable) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}: `));
  });
});
