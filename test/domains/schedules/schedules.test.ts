import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { walkConnection } from '../../support/paging';
import { globalId, insertScenario, type Scenario } from '../../support/scenario';
import { REAL_TEMPORAL_ADDRESS, startTestTemporal, type TestTemporal } from '../../support/temporal';

let database: TestDatabase;
let temporal: TestTemporal;
let gateway: TestGateway;
let scenario: Scenario;
const stamp = Date.now().toString(36);

/** Tasks with a schedule id get one in Temporal (paused when the task is); one schedule no task knows. */
beforeAll(async () => {
  database = await createTestDatabase();
  scenario = await insertScenario(database.db, { userCount: 8, executionsPerTask: 0, tag: `sc${stamp}` });
  temporal = await startTestTemporal();
  for (const [index, task] of scheduled().entries()) {
    if (index % 2 === 0) continue;
    task.schedule = '0 9 * * *';
    await database.db.updateTable('tasks').set({ schedule: task.schedule }).where('id', '=', task.id).execute();
  }
  for (const task of scenario.tasks) {
    if (!task.temporal_schedule_id) continue;
    await temporal.createSchedule(task.temporal_schedule_id, task.schedule, { paused: task.state === 'paused' });
  }
  await temporal.createSchedule(`zz-orphan-${stamp}`, '15 8 * * 1-5');
  const first = scheduled()[0]!;
  for (let run = 0; run < 3; run += 1) {
    temporal.addRecentAction(first.temporal_schedule_id!, { scheduledAt: new Date(Date.UTC(2026, 0, run + 1, 9)), takenAt: new Date(Date.UTC(2026, 0, run + 1, 9, 0, 1)), workflowId: `${first.temporal_schedule_id}-${run}`, runId: `r${run}` });
  }
  gateway = await startTestGateway(database, temporal.environment);
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await temporal?.close();
  await database?.close();
});

const scheduled = () => scenario.tasks.filter((task) => task.temporal_schedule_id).sort((a, b) => (a.temporal_schedule_id! < b.temporal_schedule_id! ? -1 : 1));
const emailOf = (userId: string) => scenario.users.find((user) => user.id === userId)?.email;
/** The next time after now that a cron of the kinds used here selects (UTC). */
function nextRun(cron: string): Date {
  const time = new Date();
  time.setUTCSeconds(0, 0);
  for (;;) {
    time.setUTCMinutes(time.getUTCMinutes() + 1);
    const [minute, hour] = cron.split(' ');
    const minuteOk = minute === '*/30' ? time.getUTCMinutes() % 30 === 0 : time.getUTCMinutes() === Number(minute);
    const hourOk = hour === '*' || time.getUTCHours() === Number(hour);
    if (minuteOk && hourOk) return time;
  }
}

const PAGE = `query($first: Int, $after: String, $filter: ScheduleFilter) {
  schedules(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { node { scheduleId cron spec isPaused notes workflowType recentExecutions recentActions { workflowId runId scheduledAt takenAt }
      nextRunTime temporalUiUrl task { databaseId } user { email } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function page(variables: Record<string, unknown>) {
  const response = await gateway.graphql(PAGE, variables);
  expect(response.errors).toBeUndefined();
  return response.data.schedules;
}

describe('Query.schedules', () => {
  it('answers every field from one ListSchedules call: cron from the task, spec, state, recent runs, next run', async () => {
    temporal.standIn?.resetCalls();
    const result = await page({ first: 100 });
    if (temporal.standIn) {
      expect(temporal.standIn.calls('ListSchedules')).toBe(1);
      expect(temporal.standIn.calls()).toBe(1);
    }
    const nodes = result.edges.map((edge: any) => edge.node).filter((node: any) => node.scheduleId.includes(stamp));
    const expected = scheduled().map((task, index) => ({
      scheduleId: task.temporal_schedule_id,
      cron: task.schedule,
      spec: task.schedule,
      isPaused: task.state === 'paused',
      notes: null,
      workflowType: 'monitoring_workflow',
      recentExecutions: index === 0 && temporal.standIn ? 3 : 0,
      recentActions: index === 0 && temporal.standIn
        ? [0, 1, 2].map((run) => ({ workflowId: `${task.temporal_schedule_id}-${run}`, runId: `r${run}`, scheduledAt: new Date(Date.UTC(2026, 0, run + 1, 9)).toISOString(), takenAt: new Date(Date.UTC(2026, 0, run + 1, 9, 0, 1)).toISOString() }))
        : [],
      nextRunTime: task.state === 'paused' ? null : nextRun(task.schedule).toISOString(),
      temporalUiUrl: `http://temporal-ui.test/namespaces/${temporal.namespace}/schedules/${task.temporal_schedule_id}`,
      task: { databaseId: task.id },
      user: { email: emailOf(task.user_id) },
    }));
    expect(nodes).toEqual([
      ...expected,
      { scheduleId: `zz-orphan-${stamp}`, cron: null, spec: '15 8 * * 1-5', isPaused: false, notes: null, workflowType: 'monitoring_workflow', recentExecutions: 0, recentActions: [],
        nextRunTime: expect.any(String), temporalUiUrl: `http://temporal-ui.test/namespaces/${temporal.namespace}/schedules/zz-orphan-${stamp}`, task: null, user: null },
    ]);
    // total: tasks with a schedule id, as the database knows them.
    expect(result.totalCount).toBe(scheduled().length);
  });

  it('costs one Temporal call per page however many schedules a page holds', async () => {
    const standIn = temporal.standIn;
    standIn?.resetCalls();
    const seen = await walkConnection((request) => page({ ...request }), { size: 2 });
    const pages = Math.ceil((scheduled().length + 1) / 2);
    expect(seen.map((node) => node.scheduleId)).toEqual([...scheduled().map((task) => task.temporal_schedule_id), `zz-orphan-${stamp}`]);
    if (standIn) {
      expect(standIn.calls('ListSchedules')).toBe(pages);
      expect(standIn.calls('DescribeSchedule')).toBe(0);
    }
  });

  it('filters by paused state and by user, total from the database', async () => {
    const paused = await page({ first: 100, filter: { paused: true } });
    expect(paused.edges.map((edge: any) => edge.node.scheduleId)).toEqual(scheduled().filter((task) => task.state === 'paused').map((task) => task.temporal_schedule_id));
    expect(paused.totalCount).toBe(scheduled().filter((task) => task.state === 'paused').length);
    const active = await page({ first: 100, filter: { paused: false } });
    expect(active.edges.map((edge: any) => edge.node.scheduleId)).toEqual([...scheduled().filter((task) => task.state === 'active').map((task) => task.temporal_schedule_id), `zz-orphan-${stamp}`]);

    const owner = scheduled()[2]!.user_id;
    temporal.standIn?.resetCalls();
    const mine = await page({ first: 100, filter: { userId: globalId('User', owner) } });
    expect(mine.edges.map((edge: any) => edge.node.scheduleId)).toEqual(scheduled().filter((task) => task.user_id === owner).map((task) => task.temporal_schedule_id));
    expect(mine.totalCount).toBe(scheduled().filter((task) => task.user_id === owner).length);
    if (temporal.standIn) expect(temporal.standIn.calls()).toBe(1);

    const withoutSchedules = await database.db.insertInto('users').values({ email: `none-${stamp}@example.com` }).returning('id').executeTakeFirstOrThrow();
    temporal.standIn?.resetCalls();
    const none = await page({ first: 10, filter: { userId: globalId('User', withoutSchedules.id) } });
    expect(none).toMatchObject({ totalCount: 0, edges: [] });
    if (temporal.standIn) expect(temporal.standIn.calls()).toBe(0);
  });

  it('answers Task.schedule through DescribeSchedule, once per scheduled task of the page', async () => {
    temporal.standIn?.resetCalls();
    const response = await gateway.graphql(`{ tasks(first: 100) { edges { node { databaseId temporalScheduleId schedule { scheduleId isPaused cron spec nextRunTime } } } } }`);
    expect(response.errors).toBeUndefined();
    for (const { node } of response.data.tasks.edges) {
      const task = scenario.tasks.find((candidate) => candidate.id === node.databaseId)!;
      expect(node.schedule).toEqual(task.temporal_schedule_id
        ? { scheduleId: task.temporal_schedule_id, isPaused: task.state === 'paused', cron: task.schedule, spec: task.schedule, nextRunTime: task.state === 'paused' ? null : nextRun(task.schedule).toISOString() }
        : null);
    }
    if (temporal.standIn) {
      expect(temporal.standIn.calls('DescribeSchedule')).toBe(scheduled().length);
      expect(temporal.standIn.calls()).toBe(scheduled().length);
    }
  });

  it.skipIf(Boolean(REAL_TEMPORAL_ADDRESS))('keeps at most TEMPORAL_DESCRIBE_CONCURRENCY DescribeSchedule calls in flight', async () => {
    const standIn = temporal.standIn!;
    const bounded = await startTestGateway(database, { ...temporal.environment, TEMPORAL_DESCRIBE_CONCURRENCY: '2' });
    standIn.setResponseDelay(100);
    standIn.resetCalls();
    try {
      const response = await bounded.graphql(`{ tasks(first: 100) { edges { node { schedule { scheduleId } } } } }`);
      expect(response.errors).toBeUndefined();
      expect(standIn.calls('DescribeSchedule')).toBe(scheduled().length);
      expect(scheduled().length).toBeGreaterThan(2);
      expect(standIn.maxInFlight('DescribeSchedule')).toBe(2);
    } finally {
      standIn.setResponseDelay(0);
      await bounded.stop();
    }
  });

  it('serves REST /admin/temporal/schedules in the documented shape', async () => {
    const response = await gateway.rest('/admin/temporal/schedules');
    expect(response.status).toBe(200);
    const rows = response.body.schedules.filter((row: any) => row.schedule_id.includes(stamp));
    expect(rows.slice(0, -1)).toEqual(scheduled().map((task, index) => ({
      schedule_id: task.temporal_schedule_id,
      task_id: task.id,
      user_email: emailOf(task.user_id),
      cron: task.schedule,
      is_paused: task.state === 'paused',
      recent_executions: index === 0 && temporal.standIn ? 3 : 0,
      next_run_time: task.state === 'paused' ? null : nextRun(task.schedule).toISOString(),
      temporal_ui_url: `http://temporal-ui.test/namespaces/${temporal.namespace}/schedules/${task.temporal_schedule_id}`,
    })));
    expect(response.body.total).toBe(scheduled().length);
  });
});
