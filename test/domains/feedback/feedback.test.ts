import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackState } from '../../../src/db/tables';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { globalId, HOUR } from '../../support/scenario';
import { waitFor } from '../../support/wait';

let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
  // Migrating (and seeding) an embedded database takes long on a loaded machine.
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});
beforeEach(async () => {
  await sql`delete from feedback`.execute(database.db);
  await sql`delete from audit_log`.execute(database.db);
});

const MINUTE = 60_000;

/** Stores reports as the product does (body only) and waits until the gateway's classifier has labelled them. */
async function store(reports: Array<{ body: string; at?: Date; state?: FeedbackState }>) {
  const rows = await database.db
    .insertInto('feedback')
    .values(reports.map((report) => ({ body: report.body, source: 'web' as const, state: report.state ?? 'open', created_at: report.at ?? new Date() })))
    .returning('id')
    .execute();
  const ids = rows.map((row) => row.id);
  await waitFor(async () => {
    const pending = await database.db.selectFrom('feedback').select('id').where('id', 'in', ids).where('classified_at', 'is', null).execute();
    return pending.length === 0;
  }, { what: 'the classifier to label the stored reports' });
  return ids;
}

const FEEDBACK_PAGE = `query($filter: FeedbackFilter, $orderBy: FeedbackOrder, $first: Int) {
  feedback(filter: $filter, orderBy: $orderBy, first: $first) {
    totalCount
    edges { node { databaseId state classification signalCategory severity groupKey groupSize firstSeen lastSeen burst classifiedAt } }
  }
}`;

async function feedbackIds(filter: Record<string, unknown>, orderBy?: string) {
  const response = await gateway.graphql(FEEDBACK_PAGE, { filter, orderBy, first: 100 });
  expect(response.errors).toBeUndefined();
  return response.data.feedback.edges.map((edge: any) => edge.node.databaseId) as string[];
}

describe('classification when stored, whoever writes', () => {
  it('labels rows inserted straight into the table with group, category, severity and fingerprint', async () => {
    const [probe, request, praise] = await store([{ body: "1' UNION SELECT password FROM users--" }, { body: 'Dark mode please' }, { body: 'Great product, thanks!' }]);
    const rows = await database.db.selectFrom('feedback').select(['id', 'classification', 'signal_category', 'severity', 'duplicate_fingerprint']).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(probe!)).toMatchObject({ classification: 'sql', signal_category: 'security_probe', severity: 4 });
    expect(byId.get(request!)).toMatchObject({ classification: null, signal_category: 'short_actionable', severity: 2 });
    expect(byId.get(praise!)).toMatchObject({ classification: null, signal_category: 'product_signal', severity: 1 });
    for (const row of rows) expect(row.duplicate_fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('Query.feedback filters and ordering', () => {
  it('filters by state, group, category, severity, window and text, as the same filter in SQL', async () => {
    const now = Date.now();
    await store([
      { body: '<script>alert(1)</script>', at: new Date(now - 2 * HOUR) },
      { body: '../../../../etc/passwd', at: new Date(now - 30 * HOUR), state: 'triaged' },
      { body: "' OR '1'='1", at: new Date(now - 3 * HOUR), state: 'done' },
      { body: 'The export to CSV fails with error 500 on large tasks', at: new Date(now - 1 * HOUR) },
      { body: 'Add Telegram', at: new Date(now - 50 * HOUR) },
      { body: 'Love the alerts', at: new Date(now - 5 * HOUR) },
    ]);
    const expected = async (where: ReturnType<typeof sql<boolean>>) =>
      (await sql<{ id: string }>`select id from feedback where ${where} order by severity desc, created_at desc, id desc`.execute(database.db)).rows.map((row) => row.id);

    expect(await feedbackIds({ state: 'OPEN' })).toEqual(await expected(sql`state = 'open'`));
    expect(await feedbackIds({ classification: 'PATH' })).toEqual(await expected(sql`classification = 'path'`));
    expect(await feedbackIds({ signalCategory: 'SECURITY_PROBE' })).toEqual(await expected(sql`signal_category = 'security_probe'`));
    expect(await feedbackIds({ signalCategory: 'ACTIONABLE' })).toEqual(await expected(sql`signal_category = 'actionable'`));
    expect(await feedbackIds({ minSeverity: 3 })).toEqual(await expected(sql`severity >= 3`));
    expect(await feedbackIds({ hours: 24 })).toEqual(await expected(sql`created_at >= now() - interval '24 hours'`));
    expect(await feedbackIds({ search: 'csv' })).toEqual(await expected(sql`body ilike '%csv%'`));
    expect(await feedbackIds({ since: new Date(now - 4 * HOUR).toISOString(), until: new Date(now - 90 * MINUTE).toISOString() }))
      .toEqual(await expected(sql`created_at >= ${new Date(now - 4 * HOUR)} and created_at < ${new Date(now - 90 * MINUTE)}`));
    expect((await feedbackIds({ state: 'OPEN', signalCategory: 'SECURITY_PROBE' })).length).toBe(1);
    const all = await feedbackIds({});
    expect(all).toEqual(await expected(sql`true`));
    expect(await feedbackIds({}, 'NEWEST_FIRST')).toEqual(
      (await sql<{ id: string }>`select id from feedback order by created_at desc, id desc`.execute(database.db)).rows.map((row) => row.id),
    );
  });

  it('names the bad argument', async () => {
    for (const [filter, message] of [
      [{ minSeverity: 5 }, 'filter.minSeverity: must be between 1 and 4, got 5'],
      [{ hours: 0 }, 'filter.hours: must be between 1 and 8760, got 0'],
      [{ groupKey: 'nope' }, 'filter.groupKey: is not a group key (16 hexadecimal digits)'],
      [{ search: 'x'.repeat(201) }, 'filter.search: must be at most 200 characters, got 201'],
    ] as const) {
      const response = await gateway.graphql(FEEDBACK_PAGE, { filter });
      expect(response.errors?.[0]?.message).toBe(message);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('duplicate and burst groups', () => {
  it('groups reports by normalised fingerprint and flags the ones in a burst', async () => {
    const now = Date.now();
    const burst = await store([
      { body: '<ScRiPt>alert(1)</sCrIpT>', at: new Date(now - 20 * MINUTE) },
      { body: '%3Cscript%3Ealert(2)%3C%2Fscript%3E', at: new Date(now - 16 * MINUTE) },
      { body: '&lt;script&gt;alert(3)&lt;/script&gt;', at: new Date(now - 12 * MINUTE) },
      { body: '<script>alert(4)</script>', at: new Date(now - 3 * 24 * HOUR) },
    ]);
    const spread = await store([
      { body: 'Dark mode please', at: new Date(now - 48 * HOUR) },
      { body: 'dark mode please!', at: new Date(now - 24 * HOUR) },
    ]);
    const [alone] = await store([{ body: 'Export to CSV?' }]);

    const response = await gateway.graphql(FEEDBACK_PAGE, { filter: {}, first: 100 });
    const byId = new Map<string, any>(response.data.feedback.edges.map((edge: any) => [edge.node.databaseId, edge.node]));
    const burstKey = byId.get(burst[0]!).groupKey;
    expect(burst.map((id) => byId.get(id).groupKey)).toEqual([burstKey, burstKey, burstKey, burstKey]);
    expect(burst.map((id) => byId.get(id).groupSize)).toEqual([4, 4, 4, 4]);
    expect(burst.map((id) => byId.get(id).burst)).toEqual([true, true, true, false]);
    expect(byId.get(burst[0]!).firstSeen).toBe(new Date(now - 3 * 24 * HOUR).toISOString());
    expect(byId.get(burst[0]!).lastSeen).toBe(new Date(now - 12 * MINUTE).toISOString());
    expect(spread.map((id) => byId.get(id).groupSize)).toEqual([2, 2]);
    expect(spread.map((id) => byId.get(id).burst)).toEqual([false, false]);
    expect(byId.get(alone!)).toMatchObject({ groupSize: 1, burst: false });

    const groups = await gateway.graphql(`{
      all: feedbackGroups(first: 10) { totalCount edges { node { groupKey size burst classification openCount latest { databaseId } } } }
      bursts: feedbackGroups(first: 10, filter: { burstOnly: true }) { edges { node { groupKey } } }
    }`);
    expect(groups.errors).toBeUndefined();
    expect(groups.data.all.totalCount).toBe(2);
    expect(groups.data.all.edges.map((edge: any) => edge.node)).toEqual([
      { groupKey: burstKey, size: 4, burst: true, classification: 'SCRIPT', openCount: 4, latest: { databaseId: burst[2] } },
      { groupKey: byId.get(spread[0]!).groupKey, size: 2, burst: false, classification: null, openCount: 2, latest: { databaseId: spread[1] } },
    ]);
    expect(groups.data.bursts.edges.map((edge: any) => edge.node.groupKey)).toEqual([burstKey]);
    expect(await feedbackIds({ groupKey: burstKey }, 'NEWEST_FIRST')).toEqual([burst[2], burst[1], burst[0], burst[3]]);

    // A deleted report leaves its group recounted.
    await database.db.deleteFrom('feedback').where('id', '=', burst[1]!).execute();
    const after = await database.db.selectFrom('feedback_groups').selectAll().where('group_key', '=', burstKey).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ size: 3, burst: false });
  });
});

describe('truncating feedback', () => {
  it('empties the groups too, also when one TRUNCATE names both tables', async () => {
    await store([{ body: 'Dark mode please' }, { body: 'dark mode please!' }]);
    expect((await database.db.selectFrom('feedback_groups').select('group_key').execute()).length).toBe(1);
    await sql`truncate feedback, feedback_groups`.execute(database.db);
    await store([{ body: 'Export to CSV?' }]);
    await sql`truncate feedback`.execute(database.db);
    expect(await database.db.selectFrom('feedback_groups').select('group_key').execute()).toEqual([]);
  });
});
