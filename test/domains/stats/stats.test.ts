import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { type PageRequest, walkConnection } from '../../support/paging';
import { HOUR, insertScenario, type Scenario, searchQueryStatsBySql } from '../../support/scenario';

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

  it('validates popularQueries(limit)', async () => {
    for (const limit of [0, 101]) {
      const response = await gateway.graphql(STATS, { limit });
      expect(response.errors?.[0]).toMatchObject({ message: `limit: must be between 1 and 100, got ${limit}`, extensions: { code: 'BAD_USER_INPUT' } });
    }
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
  });
});
