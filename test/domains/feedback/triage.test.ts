import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackState } from '../../../src/db/tables';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { globalId } from '../../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;
let adminId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
  adminId = (await database.db.selectFrom('users').select('id').where('email', '=', 'admin@example.com').executeTakeFirstOrThrow()).id;
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

const STATES: FeedbackState[] = ['open', 'triaged', 'in_progress', 'done', 'archived'];
/** The workflow as the issue states it, written out here rather than read from the code. */
const LEGAL = new Set(['open>triaged', 'open>in_progress', 'open>done', 'triaged>in_progress', 'triaged>done', 'in_progress>done', 'done>archived']);

/** Classified rows written directly (the classifier is not under test here), all in one duplicate group. */
async function insertReports(states: FeedbackState[], groupKey = 'aaaaaaaaaaaaaaaa') {
  const rows = await database.db
    .insertInto('feedback')
    .values(states.map((state) => ({
      body: "' OR 1=1 --", source: 'web' as const, state, classification: 'sql' as const, signal_category: 'security_probe' as const,
      severity: 4, duplicate_fingerprint: groupKey, classified_at: new Date(), classifier_version: 1,
    })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

const UPDATE = `mutation($id: ID, $groupKey: String, $state: FeedbackState!) {
  updateFeedbackState(id: $id, groupKey: $groupKey, state: $state) { state groupKey changedCount unchangedCount changed { databaseId state } feedback { databaseId state } }
}`;

const auditRows = () =>
  database.db.selectFrom('audit_log').select(['action', 'target_type', 'target_id', 'before', 'after', 'actor_user_id'])
    .where('action', '=', 'feedback.state_change').orderBy('target_id').execute();
const stateOf = async (id: string) => (await database.db.selectFrom('feedback').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

describe('updateFeedbackState on one report', () => {
  for (const from of STATES) {
    for (const to of STATES) {
      const legal = LEGAL.has(`${from}>${to}`);
      const kind = from === to ? 'a no-op' : legal ? 'legal' : 'refused';
      it(`${from} → ${to} is ${kind}`, async () => {
        const [id] = await insertReports([from]);
        const response = await gateway.graphql(UPDATE, { id: globalId('Feedback', id!), state: to.toUpperCase() });
        const audit = await auditRows();
        if (from === to) {
          expect(response.errors).toBeUndefined();
          expect(response.data.updateFeedbackState).toMatchObject({ changedCount: 0, unchangedCount: 1, feedback: { databaseId: id, state: to.toUpperCase() } });
          expect(audit).toEqual([]);
        } else if (legal) {
          expect(response.errors).toBeUndefined();
          expect(response.data.updateFeedbackState).toMatchObject({ changedCount: 1, unchangedCount: 0, changed: [{ databaseId: id, state: to.toUpperCase() }] });
          expect(await stateOf(id!)).toBe(to);
          expect(audit).toEqual([{ action: 'feedback.state_change', target_type: 'feedback', target_id: id, before: { state: from }, after: { state: to }, actor_user_id: adminId }]);
        } else {
          expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
          expect(response.errors?.[0]?.message).toContain(`cannot move feedback from ${from} to ${to}`);
          expect(await stateOf(id!)).toBe(from);
          expect(audit).toEqual([]);
        }
      });
    }
  }

  it('refuses both or neither of id and groupKey, a malformed id, and an unknown report', async () => {
    const both = await gateway.graphql(UPDATE, { id: globalId('Feedback', '00000000-0000-0000-0000-000000000000'), groupKey: 'aaaaaaaaaaaaaaaa', state: 'DONE' });
    expect(both.errors?.[0]?.message).toBe('id: give exactly one of id and groupKey');
    const neither = await gateway.graphql(UPDATE, { state: 'DONE' });
    expect(neither.errors?.[0]?.message).toBe('id: give exactly one of id and groupKey');
    const wrongType = await gateway.graphql(UPDATE, { id: globalId('User', adminId), state: 'DONE' });
    expect(wrongType.errors?.[0]?.message).toBe('id: is not a Feedback ID (use the id field of a Feedback)');
    const missing = await gateway.graphql(UPDATE, { id: globalId('Feedback', '00000000-0000-0000-0000-000000000000'), state: 'DONE' });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('updateFeedbackState on a group', () => {
  it('moves every report of the group in one transaction, auditing each, leaving those already there alone', async () => {
    const ids = await insertReports(['open', 'triaged', 'done']);
    const other = await insertReports(['open'], 'bbbbbbbbbbbbbbbb');
    const response = await gateway.graphql(UPDATE, { groupKey: 'aaaaaaaaaaaaaaaa', state: 'DONE' });
    expect(response.errors).toBeUndefined();
    expect(response.data.updateFeedbackState).toMatchObject({ state: 'DONE', groupKey: 'aaaaaaaaaaaaaaaa', changedCount: 2, unchangedCount: 1, feedback: null });
    expect(await Promise.all(ids.map(stateOf))).toEqual(['done', 'done', 'done']);
    expect(await stateOf(other[0]!)).toBe('open');
    const audit = await auditRows();
    expect(audit.map((row) => [row.target_id, row.before, row.after])).toEqual(
      [[ids[0], { state: 'open' }, { state: 'done', groupKey: 'aaaaaaaaaaaaaaaa' }], [ids[1], { state: 'triaged' }, { state: 'done', groupKey: 'aaaaaaaaaaaaaaaa' }]]
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('refuses the whole group when one move is illegal: nothing moves, nothing is audited', async () => {
    const ids = await insertReports(['open', 'open', 'archived']);
    const response = await gateway.graphql(UPDATE, { groupKey: 'aaaaaaaaaaaaaaaa', state: 'TRIAGED' });
    expect(response.errors?.[0]?.message).toBe('state: cannot move feedback from archived to triaged (from archived: no further state)');
    expect(await Promise.all(ids.map(stateOf))).toEqual(['open', 'open', 'archived']);
    expect(await auditRows()).toEqual([]);
  });

  it('answers NOT_FOUND for a group with no reports and names a malformed key', async () => {
    const missing = await gateway.graphql(UPDATE, { groupKey: 'cccccccccccccccc', state: 'DONE' });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await gateway.graphql(UPDATE, { groupKey: 'not-a-key', state: 'DONE' });
    expect(malformed.errors?.[0]?.message).toBe('groupKey: is not a group key (16 hexadecimal digits)');
  });
});

describe('REST /admin/feedback', () => {
  it('lists with the documented filters and pages, and PATCH moves one report', async () => {
    const ids = await insertReports(['open', 'triaged', 'done']);
    const list = await gateway.rest('/admin/feedback?state=open&limit=2');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, limit: 2 });
    expect(list.body.feedback).toEqual([expect.objectContaining({ id: ids[0], state: 'open', classification: 'sql', signal_category: 'security_probe', severity: 4, group_key: 'aaaaaaaaaaaaaaaa', group_size: 3 })]);
    const all = await gateway.rest('/admin/feedback?classification=sql&limit=2&page=2');
    expect(all.body).toMatchObject({ total: 3, page: 2, limit: 2 });
    expect(all.body.feedback).toHaveLength(1);

    const moved = await gateway.rest(`/admin/feedback/${ids[0]}`, { method: 'PATCH', body: { state: 'triaged' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ changed: true, feedback: { id: ids[0], state: 'triaged' } });
    expect((await auditRows()).map((row) => row.target_id)).toEqual([ids[0]]);
    const again = await gateway.rest(`/admin/feedback/${ids[0]}`, { method: 'PATCH', body: { state: 'TRIAGED' } });
    expect(again.body).toMatchObject({ changed: false, feedback: { id: ids[0], state: 'triaged' } });
  });

  it('answers the documented errors', async () => {
    const [id] = await insertReports(['done']);
    const cases: Array<[string, unknown, number, string]> = [
      [`/admin/feedback/${id}`, { state: 'open' }, 422, 'state: cannot move feedback from done to open (from done: archived)'],
      [`/admin/feedback/${id}`, { state: 'closed' }, 422, 'state: must be one of open, triaged, in_progress, done, archived, got "closed"'],
      [`/admin/feedback/${id}`, {}, 422, 'state: is required'],
      [`/admin/feedback/${id}`, '[1]', 422, 'body: must be a JSON object'],
      [`/admin/feedback/${id}`, 'not json', 422, 'body: must be a JSON object'],
      ['/admin/feedback/not-a-uuid', { state: 'archived' }, 422, 'id: must be a UUID, got "not-a-uuid"'],
      ['/admin/feedback/00000000-0000-0000-0000-000000000000', { state: 'archived' }, 404, 'Feedback not found'],
    ];
    for (const [path, body, status, detail] of cases) {
      const response = await gateway.rest(path, { method: 'PATCH', body });
      expect({ path, body, status: response.status, detail: response.body?.detail }).toEqual({ path, body, status, detail });
    }
    const list = await gateway.rest('/admin/feedback?min_severity=9');
    expect(list).toMatchObject({ status: 422, body: { detail: 'min_severity: must be between 1 and 4, got 9' } });
    const unauthenticated = await gateway.rest(`/admin/feedback/${id}`, { method: 'PATCH', body: { state: 'archived' }, key: null });
    expect(unauthenticated.status).toBe(401);
    expect(await stateOf(id!)).toBe('done');
  });
});
