import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('.artifacts');
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: the browser test must run in CI (.ci/run installs the chromium package)`);
  console.warn(`\n*** SKIPPING the GraphiQL browser test: ${CHROMIUM} is not installed (apt-get install chromium). In CI it fails instead. ***\n`);
}

let database: TestDatabase;
let gateway: TestGateway;
let browser: BrowserContext;
let profileDir: string;
let page: Page;

beforeAll(async () => {
  if (!available) return;
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
  profileDir = mkdtempSync(path.join(tmpdir(), 'gateway-chromium-'));
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  await gateway?.stop();
  await database?.close();
});

/** Replaces the text of a GraphiQL (Monaco) editor the way a person would: click, select all, type. */
async function replaceEditorText(editor: string, text: string) {
  await page.locator(`${editor} .monaco-editor`).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  if (editor === '.graphiql-query-editor') await page.locator('button[aria-label^="Prettify"]').click();
}

const responsePane = () => page.locator('.graphiql-response');
/** The response as shown (Monaco renders spaces as no-break spaces). */
const shownResponse = async () => (await responsePane().innerText()).replace(/\u00a0/g, ' ');

describe.skipIf(!available)('GraphiQL in headless Chromium', () => {
  it('opens on a real database with the example query, fetches the schema again once a key is typed into the headers pane, and runs the example', async () => {
    const external: string[] = [];
    const introspections: { authorization?: string; status: Promise<number | undefined> }[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(gateway.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) external.push(request.url());
      if (request.method() === 'POST' && request.postData()?.includes('IntrospectionQuery')) {
        introspections.push({ authorization: request.headers().authorization, status: request.response().then((response) => response?.status()) });
      }
    });
    const started = performance.now();
    await page.goto(`${gateway.url}/graphql`);
    await page.locator('.graphiql-query-editor .view-lines', { hasText: 'query Overview' }).waitFor();
    console.log(`GraphiQL first render (page requested to example query shown): ${Math.round(performance.now() - started)} ms`);

    // Without a key the schema request is refused; the headers pane shows where the key goes.
    await expect.poll(() => introspections.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await introspections[0]?.status).toBe(401);
    await page.getByText('Headers', { exact: true }).click();
    await expect.poll(async () => (await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)').innerText()).replace(/\u00a0/g, ' ')).toContain('Bearer <your admin API key>');

    await replaceEditorText('.graphiql-editor-tool .graphiql-editor:not(.hidden)', JSON.stringify({ Authorization: `Bearer ${gateway.adminKey}` }));
    await expect.poll(() => introspections.find((request) => request.authorization === `Bearer ${gateway.adminKey}`)?.status, { timeout: 10_000 }).toBeDefined();
    expect(await introspections.find((request) => request.authorization === `Bearer ${gateway.adminKey}`)?.status).toBe(200);

    // The response pane renders only its visible lines, so the whole answer is read from the network.
    const answered = page.waitForResponse((response) => response.request().postData()?.includes('query Overview') === true);
    await page.locator('.graphiql-execute-button').click();
    const answer = await answered;
    expect(answer.request().headers().authorization).toBe(`Bearer ${gateway.adminKey}`);
    const shown = await answer.json();
    await expect.poll(() => shownResponse(), { timeout: 10_000 }).toContain('admin@example.com');
    const users = await database.db.selectFrom('users').select(['email']).execute();
    expect(shown.errors).toBeUndefined();
    expect(shown.data.users.totalCount).toBe(users.length);
    expect(shown.data.users.edges[0].node).toMatchObject({ email: 'admin@example.com', role: 'ADMIN' });
    expect(shown.data.stats.executions).toEqual({ total24h: 0, success24h: 0, failed24h: 0, avgDurationMs: null });
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql-query.png') });
    expect(external).toEqual([]);
  }, 120_000);

  it('runs an errorAdded subscription and shows a failure the test inserts', async () => {
    const user = await database.db.insertInto('users').values({ email: 'watcher@example.com' }).returning('id').executeTakeFirstOrThrow();
    const task = await database.db
      .insertInto('tasks')
      .values({ user_id: user.id, name: 'Switch price', search_query: 'Nintendo Switch 2 price drop', condition_description: 'below $400', schedule: '*/15 * * * *' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceEditorText('.graphiql-query-editor', 'subscription Failures { errorAdded { errorType errorMessage userEmail searchQuery } }');
    // GraphiQL takes an edit into its state a moment after typing (the tab is then named after the operation);
    // a click before that would run the previous query.
    await page.locator('.graphiql-tab-active .graphiql-tab-button', { hasText: 'Failures' }).waitFor({ timeout: 10_000 });
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => gateway.liveFeed.stats.subscribers, { timeout: 10_000 }).toBe(1);

    const message = `Browser test failure ${Date.now()}`;
    await database.db
      .insertInto('executions')
      .values({ task_id: task.id, user_id: user.id, status: 'failed', error_type: 'TimeoutError', error_message: message, completed_at: new Date(), duration_ms: 30_000 })
      .execute();
    await expect.poll(() => shownResponse(), { timeout: 10_000 }).toContain(message);
    const shown = await shownResponse();
    expect(shown).toContain('watcher@example.com');
    expect(shown).toContain('Nintendo Switch 2 price drop');
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql-subscription.png') });
    await page.locator('.graphiql-execute-button').click(); // stops the subscription
    await expect.poll(() => gateway.liveFeed.stats.subscribers, { timeout: 10_000 }).toBe(0);
  });
});
