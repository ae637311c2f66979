import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

describe('Temporal settings', () => {
  it('are absent without TEMPORAL_ADDRESS', () => {
    expect(loadConfig({}).temporal).toBeUndefined();
  });

  it('default to the dev server: plain TCP, namespace "default", its local UI, a 5 s call deadline', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: 'localhost:7233' }).temporal).toEqual({
      address: 'localhost:7233', namespace: 'default', apiKey: undefined, tls: false, uiUrl: 'http://localhost:8233', callTimeoutMs: 5000, describeConcurrency: 8,
    });
  });

  it('turn TLS on with an API key and link to the Temporal Cloud UI for cloud endpoints', () => {
    const cloud = loadConfig({ TEMPORAL_ADDRESS: 'us-east-1.aws.api.temporal.io:7233', TEMPORAL_NAMESPACE: 'ops.a1b2c', TEMPORAL_API_KEY: 'key-1' }).temporal;
    expect(cloud).toMatchObject({ namespace: 'ops.a1b2c', apiKey: 'key-1', tls: {}, uiUrl: 'https://cloud.temporal.io' });
    expect(loadConfig({ TEMPORAL_ADDRESS: 'ops.a1b2c.tmprl.cloud:7233', TEMPORAL_UI_URL: 'https://ui.example.com/' }).temporal?.uiUrl).toBe('https://ui.example.com');
    expect(loadConfig({ TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }).temporal?.tls).toBe(false);
  });

  it('read an mTLS certificate pair from files', () => {
    const directory = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
    writeFileSync(join(directory, 'client.pem'), 'CERT');
    writeFileSync(join(directory, 'client.key'), 'KEY');
    const settings = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS_CLIENT_CERT_PATH: join(directory, 'client.pem'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: join(directory, 'client.key'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal',
    }).temporal;
    expect(settings?.tls).toEqual({ clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') }, serverNameOverride: 'temporal' });
  });

  it.each([
    [{ TEMPORAL_ADDRESS: 'http://localhost:7233' }, 'TEMPORAL_ADDRESS: must be host:port'],
    [{ TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_CALL_TIMEOUT_MS: '0' }, 'TEMPORAL_CALL_TIMEOUT_MS: '],
    [{ TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_UI_URL: 'ftp://ui' }, 'TEMPORAL_UI_URL: '],
    [{ TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_TLS_CLIENT_CERT_PATH: '/x.pem' }, 'TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH: give both or neither'],
    [{ TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_TLS_CLIENT_CERT_PATH: '/nonexistent.pem', TEMPORAL_TLS_CLIENT_KEY_PATH: '/nonexistent.key' }, 'TEMPORAL_TLS_CLIENT_CERT_PATH: cannot read /nonexistent.pem (ENOENT)'],
  ])('refuse %j with a message naming the variable', (environment, message) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(`Invalid configuration:\n  ${message}`);
  });
});
