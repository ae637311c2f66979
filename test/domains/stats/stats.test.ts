import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { type PageRequest, walkConnection } from '../../support/paging';
import { HOUR, insertScenario, type Scenario, searchQueryStatsBySql } from '../../support/scenario';
import { type FigureKey, readFigures } from '../../../src/domains/stats/figures';
import { statementsDuring } from '../../support/statements';

let database: TestDatabase;
let gateway: TestGateway;
let scenario: Scenario;

beforeAll(async () => {
  database = await createTestDatabase();
  scenario = await insertScenario(database.db, { userCount: 12 });
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const STATS = `query($limit: Int) { stats {
  users { total active30d new7d }
  tasks { total active paused }
  executions { total24h success24h failed24h avgDurationMs }
  notifications { sent24h sent7d }
  popularQueries(limit: $limit) { query count }
} }`;

const SEARCH_QUERIES = `query($first: Int, $after: String, $last: Int, $before: String) {
  searchQueries(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { searchQuery totalTasks activeTasks totalExecutions successRate avgDurationMs } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** The expected searchQueries nodes, from the test's own SQL. */
async function expectedSearchQueries() {
  return (await searchQueryStatsBySql(database.db)).map((row) => ({
    searchQuery: row.search_query,
    totalTasks: row.total_tasks,
    activeTasks: row.active_tasks,
    totalExecutions: row.total_executions,
    successRate: row.success_rate,
    avgDurationMs: row.avg_duration_ms,
  }));
}

describe('Query.stats', () => {
  it('answers every figure, as computed from the inserted rows', async () => {
    const response: any = await gateway.graphql(STATS, { limit: 2 });
    expect(response.errors).toBeUndefined();
    const { now, tasks, executions, notifications } = scenario;
    const users = await database.db.selectFrom('users').selectAll().execute(); // includes the test gateway's admin
    const since = (hours: number) => now.getTime() - hours * HOUR;
    const recent = executions.filter((row) => row.started_at.getTime() >= since(24));
    const durations = recent.flatMap((row) => (row.duration_ms === null ? [] : [row.duration_ms]));
    const perQuery = new Map<string, number>();
    for (const task of tasks) perQuery.set(task.search_query, (perQuery.get(task.search_query) ?? 0) + 1);
    const popular = [...perQuery].map(([query, count]) => ({ query, count })).sort((a, b) => b.count - a.count || (a.query < b.query ? -1 : 1));
    const userNotifications = notifications.filter((row) => row.audience === 'user');
    expect(response.data.stats).toEqual({
      users: {
        total: users.length,
        active30d: users.filter((user) => user.last_login_at && user.last_login_at.getTime() >= since(720)).length,
        new7d: users.filter((user) => user.created_at.getTime() >= since(168)).length,
      },
      tasks: { total: tasks.length, active: tasks.filter((task) => task.state === 'active').length, paused: tasks.filter((task) => task.state === 'paused').length },
      executions: {
        total24h: recent.length,
        success24h: recent.filter((row) => row.status === 'success').length,
        failed24h: recent.filter((row) => row.status === 'failed').length,
        avgDurationMs: Math.round(durations.reduce((sum, value) => sum + value, 0) / durations.length),
      },
      notifications: {
        sent24h: userNotifications.filter((row) => row.created_at.getTime() >= since(24)).length,
        sent7d: userNotifications.filter((row) => row.created_at.getTime() >= since(168)).length,
      },
      popularQueries: popular.slice(0, 2),
    });
    expect(response.data.stats.executions.failed24h).toBeGreaterThan(0);
  });

  it('reads every selected part in one statement, and only the selected parts', async () => {
    await gateway.graphql('{ __typename }'); // the key's principal is cached from here on: the counts exclude authentication
    const all = await statementsDuring(database, () => gateway.graphql(`{ stats { users { total } tasks { total } executions { total24h }
      notifications { sent7d } popularQueries(limit: 2) { query } top: popularQueries(limit: 3) { count } } }`));
    expect(all.result.errors).toBeUndefined();
    expect(all.statements).toHaveLength(1);
    const one = await statementsDuring(database, () => gateway.graphql('{ stats { tasks { total } } }'));
    expect(one.statements).toHaveLength(1);
    expect(one.statements[0]).not.toMatch(/executions|notifications|users/);
  });

  it('validates popularQueries(limit)', async () => {
    for (const limit of [0, 101]) {
      const response = await gateway.graphql(STATS, { limit });
      expect(response.errors?.[0]).toMatchObject({ message: `limit: must be between 1 and 100, got ${limit}`, extensions: { code: 'BAD_USER_INPUT' } });
    }
  });
});

/** The stats figures by aggregating the tables themselves, as the gateway did before migration 0044's totals. */
async function figuresBySql(now: Date) {
  const since = (hours: number) => new Date(now.getTime() - hours * HOUR);
  const db = database.db;
  const [users, tasks, executions, notifications, popular] = await Promise.all([
    db.selectFrom('users').select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where last_login_at >= ${since(720)}))::int`.as('active30d'),
      sql<number>`(count(*) filter (where created_at >= ${since(168)}))::int`.as('new7d'),
    ]).executeTakeFirstOrThrow(),
    db.selectFrom('tasks').select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where state = 'active'))::int`.as('active'),
      sql<number>`(count(*) filter (where state = 'paused'))::int`.as('paused'),
    ]).executeTakeFirstOrThrow(),
    db.selectFrom('executions').where('started_at', '>=', since(24)).select([
      sql<number>`count(*)::int`.as('total24h'),
      sql<number>`(count(*) filter (where status = 'success'))::int`.as('success24h'),
      sql<number>`(count(*) filter (where status = 'failed'))::int`.as('failed24h'),
      sql<number | null>`round(avg(duration_ms))::int`.as('avgDurationMs'),
    ]).executeTakeFirstOrThrow(),
    db.selectFrom('notifications').where('audience', '=', 'user').select([
      sql<number>`(count(*) filter (where created_at >= ${since(24)}))::int`.as('sent24h'),
      sql<number>`(count(*) filter (where created_at >= ${since(168)}))::int`.as('sent7d'),
    ]).executeTakeFirstOrThrow(),
    db.selectFrom('tasks').groupBy('search_query').select(['search_query as query', sql<number>`count(*)::int`.as('count')])
      .orderBy('count', 'desc').orderBy('search_query').limit(3).execute(),
  ]);
  return [users, tasks, executions, notifications, popular];
}

describe('the totals behind Query.stats (migration 0044)', () => {
  const KEYS: FigureKey[] = ['users', 'tasks', 'executions', 'notifications', 'popularQueries:3'];
  /** Moments on the hour, just after it, mid-hour and just before the next, around the scenario's rows. */
  const moments = () => {
    const hour = Math.floor(scenario.now.getTime() / HOUR) * HOUR;
    return [0, 1, 17 * 60_000 + 123, HOUR / 2, HOUR - 1, 3 * HOUR + 5 * 60_000, -5 * HOUR - 1].map((offset) => new Date(hour + offset));
  };
  const expectExactAtEveryMoment = async () => {
    for (const now of moments()) expect(await readFigures(database.db, now, KEYS), now.toISOString()).toEqual(await figuresBySql(now));
  };

  it('read exactly what aggregating the tables reads, at any moment of the hour', async () => {
    const figures = await readFigures(database.db, scenario.now, KEYS);
    expect((figures[2] as { total24h: number }).total24h).toBeGreaterThan(0);
    await expectExactAtEveryMoment();
  });

  it('stay exact as rows are inserted, moved across hours, change state and are deleted', async () => {
    const db = database.db;
    const extra = await insertScenario(db, { userCount: 5, tag: 'totals' });
    await db.updateTable('users').set({ last_login_at: sql`last_login_at - interval '37 minutes'` }).where('email', 'like', 'totals-%').execute();
    await db.updateTable('users').set({ created_at: sql`created_at + interval '90 minutes'`, last_login_at: null }).where('email', '=', 'totals-user1@example.com').execute();
    await db.updateTable('executions').set({ started_at: sql`started_at + interval '50 minutes'`, status: 'failed', error_type: 'TimeoutError', duration_ms: 777 })
      .where('task_id', '=', extra.tasks[0]!.id).execute();
    await db.updateTable('executions').set({ duration_ms: null }).where('task_id', '=', extra.tasks[1]!.id).execute();
    await db.updateTable('tasks').set({ state: 'paused', search_query: 'moved query' }).where('id', 'in', extra.tasks.slice(0, 3).map((task) => task.id)).execute();
    await db.updateTable('notifications').set({ audience: 'platform', user_id: null }).where('id', '=', extra.notifications.find((row) => row.audience === 'user')!.id).execute();
    await db.updateTable('notifications').set({ created_at: sql`created_at - interval '2 hours'` }).where('audience', '=', 'user').execute();
    await db.deleteFrom('executions').where('task_id', '=', extra.tasks[2]!.id).execute();
    await db.deleteFrom('notifications').where('id', '=', extra.notifications[0]!.id).execute();
    // Rows just inside and just outside the part-hour where a mid-hour window starts.
    const midHour = moments()[3]!.getTime();
    const task = extra.tasks[4]!;
    for (const edge of [midHour - 24 * HOUR, midHour - 168 * HOUR, midHour - 720 * HOUR]) {
      for (const at of [new Date(edge + 60_000), new Date(edge - 1), new Date(edge)]) {
        await db.insertInto('executions').values({ task_id: task.id, user_id: task.user_id, status: 'success', started_at: at, duration_ms: 1_001 }).execute();
        await db.insertInto('notifications').values({ user_id: task.user_id, audience: 'user', kind: 'condition_met', subject: 'edge', created_at: at }).execute();
        await db.insertInto('users').values({ email: `edge-${at.getTime()}@example.com`, created_at: at, last_login_at: at }).execute();
      }
    }
    await expectExactAtEveryMoment();

    await db.deleteFrom('executions').where('task_id', 'in', extra.tasks.map((task) => task.id)).execute();
    await db.deleteFrom('tasks').where('id', 'in', extra.tasks.map((task) => task.id)).execute();
    await expectExactAtEveryMoment();
    const popular = await readFigures(db, scenario.now, ['popularQueries:100']);
    expect(popular[0]).not.toContainEqual(expect.objectContaining({ query: 'moved query' }));
  });
});

describe('Query.searchQueries', () => {
  it('matches an independent aggregate and pages both ways', async () => {
    const expected = await expectedSearchQueries();
    const first: any = await gateway.graphql(SEARCH_QUERIES, { first: 100 });
    expect(first.errors).toBeUndefined();
    expect(first.data.searchQueries.totalCount).toBe(expected.length);
    expect(first.data.searchQueries.edges.map((edge: any) => edge.node)).toEqual(expected);

    const fetchPage = async (page: PageRequest) => (await gateway.graphql(SEARCH_QUERIES, page)).data.searchQueries;
    const forwards = (await walkConnection(fetchPage, { size: 1 })).map((node) => node.searchQuery);
    const backwards = (await walkConnection(fetchPage, { size: 1, backward: true })).map((node) => node.searchQuery);
    expect(forwards).toEqual(expected.map((row) => row.searchQuery));
    expect(backwards).toEqual(forwards);
  });

  it('stays right as executions are inserted, change status, are deleted and truncated', async () => {
    const task = scenario.tasks[0]!;
    const inserted = await database.db.insertInto('executions').values([
      { task_id: task.id, user_id: task.user_id, status: 'running' },
      { task_id: task.id, user_id: task.user_id, status: 'pending' },
    ]).returning('id').execute();
    await database.db.updateTable('executions').set({ status: 'success', duration_ms: 12_345, completed_at: new Date() }).where('id', '=', inserted[0]!.id).execute();
    await database.db.updateTable('executions').set({ status: 'failed', error_type: 'TimeoutError', error_message: 'late', duration_ms: 30_000 })
      .where('id', '=', inserted[1]!.id).execute();
    await database.db.deleteFrom('executions').where('task_id', '=', scenario.tasks[1]!.id).where('status', '=', 'success').execute();
    const read = async () => ((await gateway.graphql(SEARCH_QUERIES, { first: 100 })) as any).data.searchQueries.edges.map((edge: any) => edge.node);
    expect(await read()).toEqual(await expectedSearchQueries());

    const all: any = await gateway.graphql('{ executions(first: 1) { totalCount } failed: executions(first: 1, filter: { status: FAILED }) { totalCount } }');
    const counts = await database.db.selectFrom('executions')
      .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where status = 'failed'))::int`.as('failed')]).executeTakeFirstOrThrow();
    expect(all.data).toEqual({ executions: { totalCount: counts.total }, failed: { totalCount: counts.failed } });

    await sql`truncate executions cascade`.execute(database.db);
    const afterTruncate = await read();
    expect(afterTruncate).toEqual(await expectedSearchQueries());
    expect(afterTruncate.every((row: any) => row.totalExecutions === 0 && row.successRate === null && row.avgDurationMs === null)).toBe(true);
    expect(await readFigures(database.db, scenario.now, ['executions'])).toEqual([{ total24h: 0, success24h: 0, failed24h: 0, avgDurationMs: null }]);
  });
});
