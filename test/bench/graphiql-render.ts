/**
 * GraphiQL's first render in headless Chromium on loopback: from requesting /graphql to the example query shown
 * in the editor. Three loads: a fresh gateway (assets compressed on first request) in a fresh browser profile,
 * the same page in a fresh profile (compressed assets cached by the gateway), and a reload (browser cache).
 *
 *   npx tsx test/bench/graphiql-render.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { startTestGateway } from '../support/gateway';

const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
await migrateToLatest(database.db);
const gateway = await startTestGateway(database);

async function firstRender(reloadProfile?: string) {
  const profile = reloadProfile ?? mkdtempSync(path.join(tmpdir(), 'graphiql-bench-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  let bytes = 0;
  const page = await browser.newPage();
  page.on('response', (response) => void response.request().sizes().then((sizes) => (bytes += sizes.responseBodySize), () => {}));
  const started = performance.now();
  await page.goto(`${gateway.url}/graphql`);
  await page.locator('.graphiql-query-editor .view-lines', { hasText: 'query Overview' }).waitFor({ timeout: 120_000 });
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 500));
  await browser.close();
  return { ms, bytes, profile };
}

const cold = await firstRender();
console.log(`fresh gateway, fresh profile: ${cold.ms.toFixed(0)} ms, ${(cold.bytes / 1e6).toFixed(2)} MB transferred`);
const warm = await firstRender();
console.log(`fresh profile:                ${warm.ms.toFixed(0)} ms, ${(warm.bytes / 1e6).toFixed(2)} MB transferred`);
const cached = await firstRender(warm.profile);
console.log(`reload (browser cache):       ${cached.ms.toFixed(0)} ms, ${(cached.bytes / 1e6).toFixed(2)} MB transferred`);
console.log(`load average ${loadavg()[0]?.toFixed(1)}`);
for (const profile of [cold.profile, warm.profile]) rmSync(profile, { recursive: true, force: true });
await gateway.stop();
await database.close();
