import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { globalId } from '../../support/scenario';
import { REAL_TEMPORAL_ADDRESS, startTestTemporal, type TestTemporal } from '../../support/temporal';
import { waitFor } from '../../support/wait';

let database: TestDatabase;
let temporal: TestTemporal;
const gateways: TestGateway[] = [];
const fast = { SCHEDULE_PAUSE_POLL_MS: '100', SCHEDULE_PAUSE_RETRY_BASE_MS: '100', SCHEDULE_PAUSE_RETRY_MAX_MS: '400', TEMPORAL_CALL_TIMEOUT_MS: '3000' };
let run = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  temporal = await startTestTemporal();
}, 180_000);
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await temporal?.close();
  await database?.close();
});
beforeEach(() => {
  run += 1;
});

async function startGateway(on: Database = database) {
  const gateway = await startTestGateway(on, { ...temporal.environment, ...fast });
  gateways.push(gateway);
  return gateway;
}

async function stopGateway(gateway: TestGateway) {
  await gateway.stop();
  gateways.splice(gateways.indexOf(gateway), 1);
}

/** A user with `count` active tasks, each with a schedule in Temporal, and one task without a schedule. */
async function userWithSchedules(tag: string, count: number) {
  const email = `${tag}-${run}-${Date.now()}@example.com`;
  const user = await database.db.insertInto('users').values({ email }).returning('id').executeTakeFirstOrThrow();
  const scheduleIds = Array.from({ length: count }, (_, index) => `task-${tag}-${run}-${index}-${Date.now()}`);
  await database.db.insertInto('tasks').values([
    ...scheduleIds.map((scheduleId) => ({ user_id: user.id, name: scheduleId, search_query: 'q', condition_description: 'c', schedule: '0 9 * * *', temporal_schedule_id: scheduleId })),
    { user_id: user.id, name: 'unscheduled', search_query: 'q', condition_description: 'c', schedule: '0 9 * * *', temporal_schedule_id: null },
  ]).execute();
  for (const scheduleId of scheduleIds) await temporal.createSchedule(scheduleId, '0 9 * * *');
  return { userId: user.id, email, scheduleIds };
}

const DEACTIVATE = `mutation($id: ID!) { deactivateUser(id: $id) { tasksPaused alreadyDeactivated schedulePausesQueued schedulePausesPending } }`;
const PAUSES = `query($filter: SchedulePauseFilter) { schedulePauses(first: 100, filter: $filter) {
  totalCount edges { node { scheduleId state attempts note lastError deliveredAt task { name } user { email } } } } }`;

const outboxOf = (userId: string) => database.db.selectFrom('schedule_pause_outbox').selectAll().where('user_id', '=', userId).execute();
const allDelivered = (userId: string) => async () => (await outboxOf(userId)).every((row) => row.state === 'delivered');
/** How many pause requests the stand-in received per schedule id. */
function pausesReceived(scheduleIds: string[]) {
  const counts = new Map(scheduleIds.map((id) => [id, 0]));
  for (const request of temporal.standIn!.pauseRequests) if (counts.has(request.scheduleId)) counts.set(request.scheduleId, (counts.get(request.scheduleId) ?? 0) + 1);
  return Object.fromEntries(counts);
}
const once = (scheduleIds: string[]) => Object.fromEntries(scheduleIds.map((id) => [id, 1]));

describe('deactivateUser pauses the user\'s schedules in Temporal through the outbox', () => {
  it('reports tasks paused and pauses pending, then pauses each schedule with a note naming the actor', async () => {
    const gateway = await startGateway();
    const { userId, email, scheduleIds } = await userWithSchedules('plain', 3);
    const response = await gateway.graphql(DEACTIVATE, { id: globalId('User', userId) });
    expect(response.errors).toBeUndefined();
    expect(response.data.deactivateUser).toEqual({ tasksPaused: 4, alreadyDeactivated: false, schedulePausesQueued: 3, schedulePausesPending: 3 });
    await waitFor(allDelivered(userId), { what: 'every pause delivered' });
    for (const scheduleId of scheduleIds) expect(await temporal.isPaused(scheduleId)).toBe(true);
    if (temporal.standIn) expect(pausesReceived(scheduleIds)).toEqual(once(scheduleIds));

    const pauses = await gateway.graphql(PAUSES, { filter: { userId: globalId('User', userId) } });
    expect(pauses.errors).toBeUndefined();
    expect(pauses.data.schedulePauses.totalCount).toBe(3);
    for (const { node } of pauses.data.schedulePauses.edges) {
      expect(node).toMatchObject({ state: 'DELIVERED', attempts: 1, lastError: null, task: { name: node.scheduleId }, user: { email } });
      expect(node.note).toBe(`Paused by admin@example.com through the admin gateway: user ${email} deactivated`);
    }

    const repeat = await gateway.graphql(DEACTIVATE, { id: globalId('User', userId) });
    expect(repeat.data.deactivateUser).toEqual({ tasksPaused: 0, alreadyDeactivated: true, schedulePausesQueued: 0, schedulePausesPending: 0 });
    await stopGateway(gateway);
  });

  it('answers REST PATCH /admin/users/{id}/deactivate with tasks_paused and schedule_pauses_pending', async () => {
    const gateway = await startGateway();
    const { userId, scheduleIds } = await userWithSchedules('rest', 2);
    const response = await gateway.rest(`/admin/users/${userId}/deactivate`, { method: 'PATCH' });
    expect(response.body).toEqual({ message: 'User deactivated successfully', user_id: userId, tasks_paused: 3, schedule_pauses_pending: 2 });
    await waitFor(allDelivered(userId), { what: 'every pause delivered' });
    for (const scheduleId of scheduleIds) expect(await temporal.isPaused(scheduleId)).toBe(true);
    await stopGateway(gateway);
  });

  it.skipIf(Boolean(REAL_TEMPORAL_ADDRESS))('loses nothing across a Temporal outage and a gateway restart: each pause arrives exactly once', async () => {
    const standIn = temporal.standIn!;
    const { userId, scheduleIds } = await userWithSchedules('outage', 5);
    await standIn.stop();
    const before = await startGateway();
    const response = await before.graphql(DEACTIVATE, { id: globalId('User', userId) });
    // The deactivation itself does not need Temporal.
    expect(response.data.deactivateUser).toMatchObject({ tasksPaused: 6, schedulePausesPending: 5 });
    await waitFor(async () => (await outboxOf(userId)).some((row) => row.attempts >= 1 && row.last_error !== null), { what: 'a failed attempt' });
    await stopGateway(before);
    expect((await outboxOf(userId)).every((row) => row.state === 'pending')).toBe(true);

    const after = await startGateway();
    await standIn.start();
    await waitFor(allDelivered(userId), { what: 'every pause delivered after the outage', timeoutMs: 20_000 });
    expect(pausesReceived(scheduleIds)).toEqual(once(scheduleIds));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pausesReceived(scheduleIds)).toEqual(once(scheduleIds));
    await stopGateway(after);
  });

  it.skipIf(Boolean(REAL_TEMPORAL_ADDRESS))('two gateway instances deliver one outbox without a duplicate', async () => {
    // On PostgreSQL each instance has its own connection pool; PGlite is one process's database.
    const second: Database = database.url ? await openDatabase({ kind: 'postgres', url: database.url }) : database;
    const one = await startGateway();
    const two = await startGateway(second);
    const users = await Promise.all(['pair-a', 'pair-b', 'pair-c', 'pair-d'].map((tag) => userWithSchedules(tag, 8)));
    const answers = await Promise.all(users.map((user, index) => (index % 2 ? two : one).graphql(DEACTIVATE, { id: globalId('User', user.userId) })));
    expect(answers.map((answer) => answer.data.deactivateUser.schedulePausesQueued)).toEqual([8, 8, 8, 8]);
    for (const user of users) await waitFor(allDelivered(user.userId), { what: 'every pause delivered', timeoutMs: 20_000 });
    const scheduleIds = users.flatMap((user) => user.scheduleIds);
    expect(pausesReceived(scheduleIds)).toEqual(once(scheduleIds));
    await stopGateway(one);
    await stopGateway(two);
    if (second !== database) await second.close();
  });
});
