import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { insertScenario, type Scenario } from '../support/scenario';
import { startTemporalStandIn, type TemporalStandIn } from '../support/temporal-stand-in';
import { waitFor } from '../support/wait';

let database: TestDatabase;
let scenario: Scenario;

beforeAll(async () => {
  database = await createTestDatabase();
  scenario = await insertScenario(database.db, { userCount: 3, executionsPerTask: 0, tag: 'deg' });
}, 180_000);
afterAll(() => database?.close());

const MIXED = `{
  users(first: 10) { totalCount }
  workflows(first: 5) { totalCount edges { node { workflowId } } }
  schedules(first: 5) { totalCount edges { node { scheduleId } } }
  tasks(first: 20) { totalCount edges { node { name schedule { isPaused } } } }
}`;

async function expectDegraded(gateway: TestGateway, message: RegExp) {
  const response = await gateway.graphql(MIXED);
  expect(response.status).toBe(200);
  // Everything that does not need Temporal is there.
  expect(response.data.users.totalCount).toBe(scenario.users.length + 1);
  expect(response.data.tasks.totalCount).toBe(scenario.tasks.length);
  expect(response.data.workflows).toBeNull();
  expect(response.data.schedules).toBeNull();
  const scheduled = scenario.tasks.filter((task) => task.temporal_schedule_id).length;
  expect(response.data.tasks.edges.filter((edge: any) => edge.node.schedule === null)).toHaveLength(scenario.tasks.length);
  const paths = (response.errors ?? []).map((error) => error.path?.join('.'));
  expect(paths.filter((path) => path?.endsWith('.schedule'))).toHaveLength(scheduled);
  expect(paths).toEqual(expect.arrayContaining(['workflows', 'schedules']));
  for (const error of response.errors ?? []) {
    expect(error.extensions).toEqual({ code: 'TEMPORAL_UNAVAILABLE', retryAfter: 5 });
    expect(error.message).toMatch(message);
  }

  for (const path of ['/admin/temporal/workflows', '/admin/temporal/schedules']) {
    const rest = await gateway.rest(path);
    expect(rest.status, path).toBe(503);
    expect(rest.headers.get('retry-after')).toBe('5');
    expect(Object.keys(rest.body)).toEqual(['detail']);
    expect(rest.body.detail).toMatch(message);
  }
  // Other routes do not care.
  expect((await gateway.rest('/admin/users')).status).toBe(200);
}

describe('without Temporal', () => {
  it('not configured: Temporal fields alone answer TEMPORAL_UNAVAILABLE, saying how to configure it; /readyz stays ready', async () => {
    const gateway = await startTestGateway(database);
    try {
      await expectDegraded(gateway, /^Temporal is not configured on this gateway: set TEMPORAL_ADDRESS/);
      const ready = await fetch(`${gateway.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', temporal: 'not_configured' });
    } finally {
      await gateway.stop();
    }
  });

  it('unreachable: starts at once, answers within the call deadline, reports it in /readyz, and recovers when Temporal is back', async () => {
    let standIn: TemporalStandIn | undefined = await startTemporalStandIn();
    try {
      await standIn.stop();
      const gateway = await startTestGateway(database, { TEMPORAL_ADDRESS: standIn.address, TEMPORAL_CALL_TIMEOUT_MS: '800' });
      try {
        await expectDegraded(gateway, /^Temporal is unavailable; retry in 5 s$/);
        const ready = await fetch(`${gateway.url}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({ status: 'ready', database: 'up', temporal: 'down' });

        await standIn.start();
        // The client reconnects by itself (its reconnect backoff is capped at 2 s).
        let back = await gateway.graphql(MIXED);
        await waitFor(async () => {
          back = await gateway.graphql(MIXED);
          return back.errors === undefined;
        }, { what: 'Temporal fields answering again', timeoutMs: 10_000 });
        expect(back.data.workflows).toEqual({ totalCount: 0, edges: [] });
        expect(await (await fetch(`${gateway.url}/readyz`)).json()).toMatchObject({ status: 'ready', temporal: 'up' });
      } finally {
        await gateway.stop();
      }
    } finally {
      await standIn?.stop();
      standIn = undefined;
    }
  });
});
