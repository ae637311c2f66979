/**
 * GraphiQL's first render in headless Chromium on loopback: from requesting /graphql to the example query shown in
 * the editor, with where the time went (HTML, CSS and bundle received, bundle run = DOMContentLoaded, schema request,
 * example shown), the requests made and the bytes transferred. Two gateways:
 * - source: run from src/ in this process (tsx; as the tests run it): each file compressed in memory on first request;
 * - built: `node dist/main.js` as `npm start` runs it (built first when stale): the build's precompressed files.
 * Each: the gateway's own part first (a fresh gateway asked for every GraphiQL file at once, brotli, as a browser
 * would: time until all are received, then again warm), then in Chromium a fresh gateway in a fresh browser profile,
 * the same page in a fresh profile, and a reload (browser cache).
 *
 *   npx tsx test/bench/graphiql-render.ts [--only source|built]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build, entryPointIn, distDirectory, staleReason } from '../../src/build.mjs';
import { GRAPHIQL_ASSET_PATH } from '../../src/core/graphiql-assets';
import { GRAPHIQL_FILES } from '../../src/core/graphiql-files.mjs';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { startTestGateway } from '../support/gateway';

const { values: options } = parseArgs({ options: { only: { type: 'string' } } });
const ADMIN_KEY = `sk_${'g'.repeat(40)}`;

async function sourceGateway() {
  const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
  await migrateToLatest(database.db);
  const gateway = await startTestGateway(database);
  return { url: gateway.url, stop: async () => (await gateway.stop(), await database.close()) };
}

async function builtGateway() {
  if (await staleReason()) console.log(`built dist/ in ${(await build()).ms} ms`);
  const child = spawn(process.execPath, ['--enable-source-maps', entryPointIn(distDirectory)], {
    env: { ...process.env, PGLITE_DATA_DIR: 'memory', DEMO_DATA: 'false', SIMULATE_ACTIVITY: 'false', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ADMIN_API_KEY: ADMIN_KEY },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const found = /GraphiQL:\s+(http:\S+)\/graphql/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`the built gateway exited with ${code}: ${output}`)));
  });
  return { url, stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) };
}

async function firstRender(url: string, profile: string) {
  const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  let bytes = 0;
  let requests = 0;
  page.on('request', () => (requests += 1));
  page.on('response', (response) => void response.request().sizes().then((sizes) => (bytes += sizes.responseBodySize + sizes.responseHeadersSize), () => {}));
  const started = performance.now();
  await page.goto(`${url}/graphql`);
  await page.locator('.graphiql-query-editor .view-lines', { hasText: 'query Overview' }).waitFor({ timeout: 120_000 });
  const ms = performance.now() - started;
  // A string, not a function: tsx would wrap a function's inner helpers in its own __name, which the page lacks.
  const phases = (await page.evaluate(`(() => {
    const ended = (part) => performance.getEntriesByType('resource').find((entry) => entry.name.includes(part));
    const navigation = performance.getEntriesByType('navigation')[0];
    return {
      html: navigation.responseEnd,
      css: ended('graphiql.css')?.responseEnd,
      bundle: ended('yoga-graphiql.umd.js')?.responseEnd,
      bundleRun: navigation.domContentLoadedEventEnd,
      schemaRequested: ended('/graphql')?.startTime,
    };
  })()`)) as Record<'html' | 'css' | 'bundle' | 'bundleRun' | 'schemaRequested', number | undefined>;
  await browser.close();
  const at = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value)}`);
  return {
    ms,
    line: `${Math.round(ms)} ms (HTML ${at(phases.html)}, CSS ${at(phases.css)}, bundle received ${at(phases.bundle)}, bundle run ${at(phases.bundleRun)}, schema requested ${at(phases.schemaRequested)}), ${requests} requests before the example showed and after, ${(bytes / 1e6).toFixed(2)} MB transferred`,
  };
}

/** Every GraphiQL file fetched at once with brotli accepted; ms until all bodies are in. */
async function fetchAllAssets(url: string) {
  const started = performance.now();
  const bytes = await Promise.all(
    Object.keys(GRAPHIQL_FILES).map(async (name) => {
      const response = await fetch(`${url}${GRAPHIQL_ASSET_PATH}${name}`, { headers: { 'accept-encoding': 'br' } });
      return Number(response.headers.get('content-length'));
    }),
  );
  return `${Math.round(performance.now() - started)} ms (${(bytes.reduce((sum, each) => sum + each, 0) / 1e6).toFixed(2)} MB)`;
}

for (const [name, start] of [['source', sourceGateway], ['built', builtGateway]] as const) {
  if (options.only && options.only !== name) continue;
  const alone = await start();
  console.log(`${name}: every GraphiQL file from a fresh gateway: ${await fetchAllAssets(alone.url)}, warm: ${await fetchAllAssets(alone.url)} (load ${loadavg()[0]?.toFixed(1)})`);
  await alone.stop();
  const gateway = await start();
  const profiles = [mkdtempSync(path.join(tmpdir(), 'graphiql-bench-')), mkdtempSync(path.join(tmpdir(), 'graphiql-bench-'))];
  try {
    console.log(`${name}: fresh gateway, fresh profile: ${(await firstRender(gateway.url, profiles[0] as string)).line} (load ${loadavg()[0]?.toFixed(1)})`);
    console.log(`${name}: fresh profile:                ${(await firstRender(gateway.url, profiles[1] as string)).line} (load ${loadavg()[0]?.toFixed(1)})`);
    console.log(`${name}: reload (browser cache):       ${(await firstRender(gateway.url, profiles[1] as string)).line} (load ${loadavg()[0]?.toFixed(1)})`);
  } catch (error) {
    console.error(`${name}:`, error);
  } finally {
    await gateway.stop();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
