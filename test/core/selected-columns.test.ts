import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { insertScenario } from '../support/scenario';
import { statementsDuring } from '../support/statements';

// Lists read the columns their selection shows (src/core/selection.ts), timestamps as the text the DateTime scalar
// answers, and fall back to every column for a field their maps do not know.
let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertScenario(database.db, { userCount: 3 });
  gateway = await startTestGateway(database);
  await gateway.graphql('{ __typename }'); // the key is cached: the statements below are the lists' own
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

async function pageStatement(query: string) {
  const { statements, result } = await statementsDuring(database, () => gateway.graphql(query));
  expect(result.errors).toBeUndefined();
  expect(statements).toHaveLength(1);
  return { sql: statements[0] as string, data: result.data };
}

describe('columns a list reads', () => {
  it('executions: only the selected columns, timestamps as the answered text, the same values as the rows', async () => {
    const { sql, data } = await pageStatement('{ executions(first: 20) { edges { node { databaseId startedAt completedAt task { databaseId } } } } }');
    expect(sql).not.toContain('"executions".*');
    for (const unread of ['error_message', 'duration_ms', 'condition_met', 'to_json', 'from "tasks"']) expect(sql).not.toContain(unread);
    const rows = await database.db.selectFrom('executions').select(['id', 'started_at', 'completed_at', 'task_id']).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(data.executions.edges.length).toBe(20);
    for (const { node } of data.executions.edges) {
      const row = byId.get(node.databaseId)!;
      expect(node.startedAt).toBe(row.started_at.toISOString());
      expect(node.completedAt).toBe(row.completed_at?.toISOString() ?? null);
      expect(node.task.databaseId).toBe(row.task_id);
    }
  });

  it('executions: a field the column map does not know (error) reads every column', async () => {
    const { sql, data } = await pageStatement('{ executions(first: 50, filter: { status: FAILED }) { edges { node { databaseId error { errorMessage errorType } } } } }');
    expect(sql).toContain('"executions".*');
    const failed = await database.db.selectFrom('executions').select(['id', 'error_message', 'error_type']).where('status', '=', 'failed').execute();
    expect(data.executions.edges.length).toBe(Math.min(50, failed.length));
    const byId = new Map(failed.map((row) => [row.id, row]));
    for (const { node } of data.executions.edges) {
      expect(node.error).toEqual({ errorMessage: byId.get(node.databaseId)!.error_message ?? '', errorType: byId.get(node.databaseId)!.error_type ?? '' });
    }
  });

  it('users: only the selected columns and the owner fields a nested execution asks for', async () => {
    const users = await pageStatement('{ users(first: 10) { edges { node { email createdAt } } } }');
    for (const unread of ['clerk_user_id', 'last_login_at', 'deactivated_at', '"users".*']) expect(users.sql).not.toContain(unread);
    const rows = await database.db.selectFrom('users').select(['email', 'created_at']).execute();
    const createdAt = new Map(rows.map((row) => [row.email, row.created_at.toISOString()]));
    for (const { node } of users.data.users.edges) expect(node.createdAt).toBe(createdAt.get(node.email));

    const executions = await pageStatement('{ executions(first: 5) { edges { node { user { email } } } } }');
    expect(executions.sql).toContain('json_build_object');
    expect(executions.sql).not.toContain('to_json');
    expect(executions.data.executions.edges.every(({ node }: { node: { user: { email: string } } }) => createdAt.has(node.user.email))).toBe(true);
  });
});
