import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandInWorkflow } from '../../support/temporal-stand-in';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { walkConnection } from '../../support/paging';
import { globalId, insertScenario, type Scenario } from '../../support/scenario';
import { REAL_TEMPORAL_ADDRESS, startTestTemporal, type TestTemporal } from '../../support/temporal';

const MINUTE = 60_000;
const STATUSES = ['Completed', 'Failed', 'Running', 'Completed', 'Terminated', 'TimedOut', 'Completed'] as const;

let database: TestDatabase;
let temporal: TestTemporal;
let gateway: TestGateway;
let scenario: Scenario;
let workflows: StandInWorkflow[];
const base = new Date('2026-06-01T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  scenario = await insertScenario(database.db, { userCount: 4, executionsPerTask: 0, tag: 'wf' });
  temporal = await startTestTemporal();
  const tasks = scenario.tasks.slice(0, 3);
  workflows = [
    ...tasks.flatMap((task, t) =>
      Array.from({ length: 5 }, (_, run): StandInWorkflow => {
        const startTime = new Date(base.getTime() - (t * 5 + run) * 7 * MINUTE);
        const status = STATUSES[(t + run) % STATUSES.length] ?? 'Completed';
        return {
          workflowId: `task-${task.id}-${Math.floor(startTime.getTime() / 1000)}`,
          runId: `run-${t}-${run}`,
          workflowType: run % 2 ? 'digest_workflow' : 'monitoring_workflow',
          status,
          startTime,
          closeTime: status === 'Running' ? undefined : new Date(startTime.getTime() + 1000 * (run + 1)),
        };
      }),
    ),
    { workflowId: 'maintenance-cleanup', runId: 'run-m', workflowType: 'cleanup_workflow', status: 'Completed', startTime: new Date(base.getTime() - 3 * MINUTE), closeTime: new Date(base.getTime() - 2 * MINUTE) },
    { workflowId: 'task-00000000-0000-4000-8000-000000000000-1', runId: 'run-x', workflowType: 'monitoring_workflow', status: 'Failed', startTime: new Date(base.getTime() - 500 * MINUTE), closeTime: new Date(base.getTime() - 499 * MINUTE) },
  ];
  for (const workflow of workflows) await temporal.addWorkflow(workflow);
  gateway = await startTestGateway(database, temporal.environment);
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await temporal?.close();
  await database?.close();
});

const newestFirst = (list: StandInWorkflow[]) => [...list].sort((a, b) => b.startTime.getTime() - a.startTime.getTime() || (a.runId < b.runId ? 1 : -1));

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String, $filter: WorkflowFilter) {
  workflows(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    statusCounts { status count }
    edges { cursor node { workflowId runId workflowType status startTime closeTime executionDurationMs temporalUiUrl task { databaseId } user { email } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(variables: Record<string, unknown>) {
  const response = await gateway.graphql(PAGE, variables);
  expect(response.errors).toBeUndefined();
  return response.data.workflows;
}

describe.skipIf(Boolean(REAL_TEMPORAL_ADDRESS))('Query.workflows against the stand-in', () => {
  it('answers every field from the visibility API, the task and user through the loaders', async () => {
    const result = await page({ first: 100 });
    const emailOf = (userId: string) => scenario.users.find((user) => user.id === userId)?.email;
    expect(result.edges.map((edge: any) => edge.node)).toEqual(newestFirst(workflows).map((workflow) => {
      const task = scenario.tasks.find((candidate) => workflow.workflowId.startsWith(`task-${candidate.id}-`));
      return {
        workflowId: workflow.workflowId,
        runId: workflow.runId,
        workflowType: workflow.workflowType,
        status: { Completed: 'COMPLETED', Failed: 'FAILED', Running: 'RUNNING', Terminated: 'TERMINATED', TimedOut: 'TIMED_OUT' }[workflow.status as string],
        startTime: workflow.startTime.toISOString(),
        closeTime: workflow.closeTime?.toISOString() ?? null,
        executionDurationMs: workflow.closeTime ? workflow.closeTime.getTime() - workflow.startTime.getTime() : null,
        temporalUiUrl: `http://temporal-ui.test/namespaces/default/workflows/${workflow.workflowId}/${workflow.runId}/history`,
        task: task ? { databaseId: task.id } : null,
        user: task ? { email: emailOf(task.user_id) } : null,
      };
    }));
    expect(result.totalCount).toBe(workflows.length);
    const counts = new Map<string, number>();
    for (const workflow of workflows) counts.set(workflow.status, (counts.get(workflow.status) ?? 0) + 1);
    expect(Object.fromEntries(result.statusCounts.map((group: any) => [group.status, group.count]))).toEqual({
      COMPLETED: counts.get('Completed'), FAILED: counts.get('Failed'), RUNNING: counts.get('Running'), TERMINATED: counts.get('Terminated'), TIMED_OUT: counts.get('TimedOut'),
    });
    expect(result.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('pages forward on Temporal page tokens, one ListWorkflowExecutions call per page, from any edge cursor', async () => {
    const standIn = temporal.standIn!;
    standIn.resetCalls();
    const seen = await walkConnection((request) => page({ ...request, first: 4 }), { size: 4 });
    expect(seen.map((node) => node.runId)).toEqual(newestFirst(workflows).map((workflow) => workflow.runId));
    expect(standIn.calls('ListWorkflowExecutions')).toBe(Math.ceil(workflows.length / 4));
    // CountWorkflowExecutions once per page (totalCount and statusCounts share it).
    expect(standIn.calls('CountWorkflowExecutions')).toBe(Math.ceil(workflows.length / 4));

    const first = await page({ first: 5 });
    const fromMiddle = await page({ first: 3, after: first.edges[1].cursor });
    expect(fromMiddle.edges.map((edge: any) => edge.node.runId)).toEqual(newestFirst(workflows).slice(2, 5).map((workflow) => workflow.runId));
    expect(fromMiddle.pageInfo.hasPreviousPage).toBe(true);
  });

  it('filters by status, workflow type, start-time window and task', async () => {
    const task = scenario.tasks[1]!;
    const cases: [Record<string, unknown>, (workflow: StandInWorkflow) => boolean][] = [
      [{ status: 'COMPLETED' }, (workflow) => workflow.status === 'Completed'],
      [{ workflowType: 'digest_workflow' }, (workflow) => workflow.workflowType === 'digest_workflow'],
      [{ startedAfter: new Date(base.getTime() - 40 * MINUTE).toISOString(), startedBefore: new Date(base.getTime() - 7 * MINUTE).toISOString() },
        (workflow) => workflow.startTime.getTime() >= base.getTime() - 40 * MINUTE && workflow.startTime.getTime() < base.getTime() - 7 * MINUTE],
      [{ taskId: globalId('Task', task.id) }, (workflow) => workflow.workflowId.startsWith(`task-${task.id}-`)],
      [{ taskId: globalId('Task', task.id), status: 'RUNNING' }, (workflow) => workflow.workflowId.startsWith(`task-${task.id}-`) && workflow.status === 'Running'],
    ];
    for (const [filter, keep] of cases) {
      const expected = newestFirst(workflows.filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      const result = await page({ first: 100, filter });
      expect(result.edges.map((edge: any) => edge.node.runId), JSON.stringify(filter)).toEqual(expected.map((workflow) => workflow.runId));
      expect(result.totalCount).toBe(expected.length);
    }
  });

  it('refuses backward paging, a cursor of another filter, and bad filter values, naming the argument', async () => {
    const first = await page({ first: 2 });
    const cases: [string, Record<string, unknown>, string][] = [
      ['last', { last: 2 }, 'last: Temporal lists page forward only; use first and after'],
      ['after', { first: 2, after: first.pageInfo.endCursor, filter: { status: 'FAILED' } }, 'after: belongs to another filter; start again without it'],
      ['after', { first: 2, after: 'bm90IGEgY3Vyc29y' }, 'after: is not a cursor of this list'],
      ['filter.workflowType', { filter: { workflowType: "x' OR WorkflowType != '" } }, 'filter.workflowType: must be 1 to 200 letters, digits or . _ : / -'],
      ['filter.taskId', { filter: { taskId: globalId('User', scenario.users[0]!.id) } }, 'filter.taskId: is not a Task ID (use the id field of a Task)'],
      ['filter.startedAfter', { filter: { startedAfter: base.toISOString(), startedBefore: base.toISOString() } }, 'filter.startedAfter: must be before startedBefore'],
      ['first', { first: 101 }, 'first: must be between 0 and 100, got 101'],
    ];
    for (const [argument, variables, message] of cases) {
      const response = await gateway.graphql(PAGE, variables);
      expect(response.errors?.[0], argument).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', argument } });
    }
  });

  it('serves REST /admin/temporal/workflows in the documented shape, total from Temporal', async () => {
    const response = await gateway.rest('/admin/temporal/workflows?limit=3');
    expect(response.status).toBe(200);
    const expected = newestFirst(workflows).slice(0, 3);
    expect(response.body).toEqual({
      workflows: expected.map((workflow) => ({
        workflow_id: workflow.workflowId,
        workflow_type: workflow.workflowType,
        status: workflow.status.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
        start_time: workflow.startTime.toISOString(),
        close_time: workflow.closeTime?.toISOString() ?? null,
        execution_duration_ms: workflow.closeTime ? workflow.closeTime.getTime() - workflow.startTime.getTime() : null,
        temporal_ui_url: `http://temporal-ui.test/namespaces/default/workflows/${workflow.workflowId}/${workflow.runId}/history`,
      })),
      total: workflows.length,
    });
    expect((await gateway.rest('/admin/temporal/workflows?limit=101')).body).toEqual({ detail: 'limit: must be between 1 and 100, got 101' });
    expect((await gateway.rest('/admin/temporal/workflows')).body.workflows).toHaveLength(Math.min(50, workflows.length));
  });
});

describe.skipIf(!REAL_TEMPORAL_ADDRESS)('Query.workflows against a real Temporal (TEMPORAL_TEST_ADDRESS)', () => {
  it('lists the workflows started for the test with their task and UI link', async () => {
    const result = await page({ first: 100, filter: { taskId: globalId('Task', scenario.tasks[0]!.id) } });
    expect(result.edges.length).toBe(5);
    for (const edge of result.edges) {
      expect(edge.node.task).toEqual({ databaseId: scenario.tasks[0]!.id });
      expect(edge.node.temporalUiUrl).toBe(`http://temporal-ui.test/namespaces/${temporal.namespace}/workflows/${edge.node.workflowId}/${edge.node.runId}/history`);
    }
  });
});
