import { readFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server';
import { GRAPHIQL_ASSET_PATH } from '../../src/core/graphiql-assets';
import { demoKeyFor } from '../../src/core/loopback';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';

let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const packageDist = path.join(path.dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')), 'dist');

/** A raw GET (node:http does not decompress), for the exact bytes and headers. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ response: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ response, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('GraphiQL page', () => {
  it('loads without a key, from the gateway alone, with the example query and a headers template saying where the key goes', async () => {
    const page = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`${GRAPHIQL_ASSET_PATH}yoga-graphiql.umd.js`);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('# Put your admin API key into the headers pane below');
    expect(html).toContain('query Overview');
    // The options are embedded in a script with '<' escaped, so the page cannot be closed from inside a string.
    expect(html).toContain('Bearer \\u003cyour admin API key>');
    expect(await (await fetch(`${gateway.url}/admin/docs`)).text()).toContain('const demoKey = null;');
  });

  it('prefills the demo key in demo mode, in GraphiQL and in the REST reference (/admin/docs)', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', PGLITE_DATA_DIR: 'memory' });
    const demo = createGateway({ config, database, log: createLogger('silent'), demoApiKey: 'sk_demo_key_for_the_page_0123456789abcdef' });
    const url = await demo.start(0, '127.0.0.1');
    try {
      const html = await (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).text();
      expect(html).toContain('# Your admin key is already in the headers pane below');
      expect(html).toContain('Bearer sk_demo_key_for_the_page_0123456789abcdef');
      const docs = await (await fetch(`${url}/admin/docs`)).text();
      expect(docs).toContain('const demoKey = "sk_demo_key_for_the_page_0123456789abcdef";');
    } finally {
      await demo.stop();
    }
  });
});

/** An address of this machine that is not loopback, to call as "someone else on the network". */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

describe('the demo key, decided once for GraphiQL and /admin/docs', () => {
  const demoKey = `sk_${'e'.repeat(43)}`;

  it('is given to loopback callers only, and only when there is one', () => {
    const from = (remoteAddress: string) => ({ socket: { remoteAddress } }) as Parameters<typeof demoKeyFor>[1];
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(demoKeyFor(demoKey, from(address))).toBe(demoKey);
    for (const address of ['10.0.0.5', '::ffff:10.0.0.5', '192.168.1.2', '::2', '1127.0.0.1']) expect(demoKeyFor(demoKey, from(address))).toBeUndefined();
    expect(demoKeyFor(undefined, from('127.0.0.1'))).toBeUndefined();
    expect(demoKeyFor(demoKey, undefined)).toBeUndefined();
  });

  it.runIf(externalAddress)('fills both pages for a browser on this machine, neither for one elsewhere on the network', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', PGLITE_DATA_DIR: 'memory' });
    const demo = createGateway({ config, database, log: createLogger('silent'), demoApiKey: demoKey });
    const port = Number(new URL(await demo.start(0, '0.0.0.0')).port);
    try {
      const pages = async (host: string) => [
        await (await fetch(`http://${host}:${port}/graphql`, { headers: { accept: 'text/html' } })).text(),
        await (await fetch(`http://${host}:${port}/admin/docs`)).text(),
      ];
      const [graphiql, docs] = await pages('127.0.0.1');
      expect(graphiql).toContain(`Bearer ${demoKey}`);
      expect(docs).toContain(`const demoKey = "${demoKey}";`);
      const [remoteGraphiql, remoteDocs] = await pages(externalAddress!);
      expect(remoteGraphiql).toContain('# Put your admin API key into the headers pane below');
      expect(remoteDocs).toContain('const demoKey = null;');
      for (const page of [remoteGraphiql, remoteDocs]) expect(page).not.toContain(demoKey);
      expect(remoteGraphiql).not.toContain('sk_');
    } finally {
      await demo.stop();
    }
  });
});

describe('the example query', () => {
  const TEMPORAL_LINE = '# Temporal (workflows, schedules, Task.schedule) is not configured here';

  it('opens with how to point the gateway at Temporal when none is configured, and without it otherwise', async () => {
    const html = await (await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain(TEMPORAL_LINE);
    expect(html).toContain('TEMPORAL_ADDRESS=localhost:7233');
    const config = loadConfig({ LOG_LEVEL: 'silent', PGLITE_DATA_DIR: 'memory', TEMPORAL_ADDRESS: '127.0.0.1:7233' });
    const withTemporal = createGateway({ config, database, log: createLogger('silent') });
    const url = await withTemporal.start(0, '127.0.0.1');
    try {
      const configured = await (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).text();
      expect(configured).toContain('query Overview');
      expect(configured).not.toContain(TEMPORAL_LINE);
    } finally {
      await withTemporal.stop();
    }
  });
});

describe('GraphiQL assets', () => {
  const bundle = `${GRAPHIQL_ASSET_PATH}yoga-graphiql.umd.js`;

  it('are served brotli- or gzip-compressed as the browser accepts, cacheable for a year under a versioned path', async () => {
    const original = readFileSync(path.join(packageDist, 'yoga-graphiql.umd.js'));
    const br = await rawGet(`${gateway.url}${bundle}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.response.statusCode).toBe(200);
    expect(br.response.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=31536000, immutable', vary: 'accept-encoding' });
    expect(br.response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.body.length).toBeLessThan(original.length / 3);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const gzip = await rawGet(`${gateway.url}${bundle}`, { 'accept-encoding': 'gzip' });
    expect(gzip.response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);

    const plain = await rawGet(`${gateway.url}${GRAPHIQL_ASSET_PATH}graphiql.css`);
    expect(plain.response.headers['content-encoding']).toBeUndefined();
    expect(plain.response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(plain.body.equals(readFileSync(path.join(packageDist, 'graphiql.css')))).toBe(true);
  });

  it('serves nothing outside the allow-list', async () => {
    expect((await rawGet(`${gateway.url}${GRAPHIQL_ASSET_PATH}../../package.json`)).response.statusCode).toBe(404);
    expect((await rawGet(`${gateway.url}${GRAPHIQL_ASSET_PATH}yoga-graphiql.es.js`)).response.statusCode).toBe(404);
    expect((await rawGet(`${gateway.url}/graphiql/0.0.1/graphiql.css`)).response.statusCode).toBe(404);
  });
});
