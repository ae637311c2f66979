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
const profile = mkdtempSync(path.join(tmpdir(), 'graphiql-probe-'));
const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
for (let round = 0; round < 3; round += 1) {
  const page = await browser.newPage();
  const cdp = await browser.newCDPSession(page);
  await cdp.send('Performance.enable');
  const log: string[] = [];
  const t0 = performance.now();
  page.on('request', (r) => log.push(`${(performance.now() - t0).toFixed(0)} req ${r.method()} ${r.url().replace(gateway.url, '')} ${r.postData()?.slice(0, 40) ?? ''}`));
  page.on('requestfinished', (r) => log.push(`${(performance.now() - t0).toFixed(0)} done ${r.url().replace(gateway.url, '')}`));
  await page.goto(`${gateway.url}/graphql`);
  log.push(`${(performance.now() - t0).toFixed(0)} goto resolved (load)`);
  await page.locator('.graphiql-query-editor .view-lines', { hasText: 'query Overview' }).waitFor({ timeout: 120_000 });
  log.push(`${(performance.now() - t0).toFixed(0)} example query shown`);
  const metrics = (await cdp.send('Performance.getMetrics')).metrics.filter((m) => /Duration|JSHeapUsed|Nodes|ScriptDuration/.test(m.name));
  const nav = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation').map((e: any) => ({ dcl: e.domContentLoadedEventEnd, load: e.loadEventEnd })), null, 0));
  const res = await page.evaluate(() => performance.getEntriesByType('resource').map((e: any) => `${e.name.split('/').slice(-1)[0]} start ${e.startTime.toFixed(0)} end ${e.responseEnd.toFixed(0)} transfer ${e.transferSize} decoded ${e.decodedBodySize}`));
  console.log(`--- round ${round} load ${loadavg()[0]?.toFixed(1)}`);
  console.log(log.join('\n'));
  console.log(nav);
  console.log(res.join('\n'));
  console.log(metrics.map((m) => `${m.name}=${m.value.toFixed(3)}`).join(' '));
  await page.close();
}
await browser.close();
rmSync(profile, { recursive: true, force: true });
await gateway.stop();
await database.close();
