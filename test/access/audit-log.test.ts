import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { walkConnection } from '../support/paging';
import { globalId } from '../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;
let adminId: string;
let adminKeyId: string;
let otherId: string;

const AUDIT_LOG = `query AuditLog($first: Int, $after: String, $filter: AuditLogFilter) {
  auditLog(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { node { databaseId action actorKind actorCredentialId targetType targetId before after requestId clientAddress createdAt actor { email } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
  const admin = await database.db.selectFrom('users').innerJoin('api_keys', 'api_keys.user_id', 'users.id').select(['users.id', 'api_keys.id as key_id']).where('users.email', '=', 'admin@example.com').executeTakeFirstOrThrow();
  adminId = admin.id;
  adminKeyId = admin.key_id;
  otherId = (await database.db.insertInto('users').values({ email: 'other@example.com', role: 'admin' }).returning('id').executeTakeFirstOrThrow()).id;
  // A fixed history in 2020, apart from the rows the tests' own requests add.
  const base = Date.parse('2020-03-01T00:00:00Z');
  await database.db
    .insertInto('audit_log')
    .values(
      Array.from({ length: 9 }, (_, index) => ({
        actor_user_id: index % 3 === 0 ? otherId : adminId,
        actor_kind: 'api_key' as const,
        actor_credential_id: 'key',
        action: index % 2 === 0 ? 'user.deactivate' : 'feedback.update',
        target_type: index % 2 === 0 ? 'user' : 'feedback',
        target_id: `target-${index % 4}`,
        before: JSON.stringify({ state: 'active' }),
        after: JSON.stringify({ state: 'deactivated' }),
        request_id: `req-${index}`,
        client_address: '10.0.0.1',
        created_at: new Date(base + index * 3_600_000),
      })),
    )
    .execute();
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const in2020 = { since: '2020-01-01T00:00:00Z', until: '2021-01-01T00:00:00Z' };

describe('data-access audit', () => {
  it('records each operation with its name, principal, request id and time, off the response path', async () => {
    const before = Date.now();
    const response = await gateway.post({ query: 'query ListSomeUsers { users(first: 1) { totalCount } }' }, { headers: { 'x-request-id': 'audit-me-1' } });
    expect(response.status).toBe(200);
    await gateway.flushAudit();
    const rows = await database.db.selectFrom('audit_log').selectAll().where('request_id', '=', 'audit-me-1').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'data.access',
      actor_user_id: adminId,
      actor_kind: 'api_key',
      actor_credential_id: adminKeyId,
      target_type: 'graphql_operation',
      target_id: 'ListSomeUsers',
      after: { operationType: 'query', rootFields: ['users'] },
      client_address: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(rows[0]?.created_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('records nothing for refused requests or pure introspection', async () => {
    await gateway.post({ query: 'query Refused { users(first: 1) { totalCount } }' }, { key: null, headers: { 'x-request-id': 'audit-me-2' } });
    await gateway.post({ query: '{ __schema { queryType { name } } }' }, { headers: { 'x-request-id': 'audit-me-3' } });
    await gateway.flushAudit();
    expect(await database.db.selectFrom('audit_log').select('id').where('request_id', 'in', ['audit-me-2', 'audit-me-3']).execute()).toEqual([]);
  });

  it('keeps the rows it could not write and writes them once the database accepts them again', async () => {
    await sql`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit table unavailable'; end $$`.execute(database.db);
    await sql`create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()`.execute(database.db);
    try {
      expect((await gateway.post({ query: 'query DuringOutage { users(first: 1) { totalCount } }' }, { headers: { 'x-request-id': 'audit-me-5' } })).status).toBe(200);
      await gateway.flushAudit();
      expect(await database.db.selectFrom('audit_log').select('id').where('request_id', '=', 'audit-me-5').execute()).toEqual([]);
    } finally {
      await sql`drop trigger refuse_audit on audit_log`.execute(database.db);
      await sql`drop function refuse_audit()`.execute(database.db);
    }
    await gateway.flushAudit();
    expect(await database.db.selectFrom('audit_log').select('target_id').where('request_id', '=', 'audit-me-5').execute()).toEqual([{ target_id: 'DuringOutage' }]);
  });

  it.runIf(inject('databaseKind') === 'postgres')('answers while the audit table is locked (PostgreSQL): the write waits, the response does not', async () => {
    let unlock = () => {};
    const released = new Promise<void>((resolve) => (unlock = resolve));
    const lock = database.db.transaction().execute(async (trx) => {
      await sql`lock table audit_log in exclusive mode`.execute(trx);
      await released;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const response = await gateway.post({ query: 'query WhileLocked { users(first: 1) { totalCount } }' }, { headers: { 'x-request-id': 'audit-me-4' } });
    expect(response.status).toBe(200);
    unlock();
    await lock;
    await gateway.flushAudit();
    expect(await database.db.selectFrom('audit_log').select('target_id').where('request_id', '=', 'audit-me-4').execute()).toEqual([{ target_id: 'WhileLocked' }]);
  });
});

describe('Query.auditLog', () => {
  it('pages the log newest first and counts the filter', async () => {
    const seen = (await walkConnection(async (page) => {
      const response = await gateway.graphql(AUDIT_LOG, { ...page, filter: in2020 });
      expect(response.errors).toBeUndefined();
      expect(response.data.auditLog.totalCount).toBe(9);
      return response.data.auditLog;
    }, { size: 4 })).map((node) => node.requestId);
    expect(seen).toEqual(Array.from({ length: 9 }, (_, index) => `req-${8 - index}`));
  });

  it('filters by actor, action, target and time, and resolves the actor', async () => {
    const byActor: any = await gateway.graphql(AUDIT_LOG, { first: 20, filter: { ...in2020, actorId: globalId('User', otherId) } });
    expect(byActor.data.auditLog.edges.map((edge: any) => edge.node.requestId)).toEqual(['req-6', 'req-3', 'req-0']);
    expect(byActor.data.auditLog.edges[0].node.actor).toEqual({ email: 'other@example.com' });

    const byAction: any = await gateway.graphql(AUDIT_LOG, { first: 20, filter: { ...in2020, action: 'feedback.update' } });
    expect(byAction.data.auditLog.edges.map((edge: any) => edge.node.requestId)).toEqual(['req-7', 'req-5', 'req-3', 'req-1']);

    const byTarget: any = await gateway.graphql(AUDIT_LOG, { first: 20, filter: { ...in2020, targetType: 'user', targetId: 'target-0' } });
    expect(byTarget.data.auditLog.edges.map((edge: any) => edge.node.requestId)).toEqual(['req-8', 'req-4', 'req-0']);
    expect(JSON.parse(byTarget.data.auditLog.edges[0].node.before)).toEqual({ state: 'active' });

    const window: any = await gateway.graphql(AUDIT_LOG, { first: 20, filter: { since: '2020-03-01T02:00:00Z', until: '2020-03-01T05:00:00Z' } });
    expect(window.data.auditLog.edges.map((edge: any) => edge.node.requestId)).toEqual(['req-4', 'req-3', 'req-2']);
  });

  it('finds the data-access rows of the caller, or leaves them out', async () => {
    await gateway.post({ query: 'query Traced { users(first: 1) { totalCount } }' });
    await gateway.flushAudit();
    const access: any = await gateway.graphql(AUDIT_LOG, { first: 5, filter: { action: 'data.access', targetId: 'Traced' } });
    expect(access.data.auditLog.edges[0].node).toMatchObject({ actorKind: 'API_KEY', actorCredentialId: adminKeyId, targetType: 'graphql_operation', actor: { email: 'admin@example.com' } });
    const without: any = await gateway.graphql(AUDIT_LOG, { first: 100, filter: { excludeDataAccess: true } });
    expect(without.data.auditLog.edges.every((edge: any) => edge.node.action !== 'data.access')).toBe(true);
    expect(without.data.auditLog.totalCount).toBe(9);
  });

  it('names a bad actor id', async () => {
    const response = await gateway.graphql(AUDIT_LOG, { first: 1, filter: { actorId: 'nope' } });
    expect(response.errors?.[0]).toMatchObject({ message: 'filter.actorId: is not a User ID (use the id field of a User)', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
