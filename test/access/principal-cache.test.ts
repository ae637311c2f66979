import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { globalId, userWithKey } from '../support/scenario';
import { statementsDuring } from '../support/statements';

let database: TestDatabase;
let gateway: TestGateway;

const call = (key: string) => gateway.post({ query: '{ __typename }' }, { key }).then((response) => response.status);
/** A key that has been used, so that its principal is cached. */
async function warmKey(email: string) {
  const user = await userWithKey(database.db, email, 'admin');
  expect(await call(user.key)).toBe(200);
  expect(await call(user.key)).toBe(200);
  return user;
}

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

describe('principal cache', () => {
  it('authenticates a warm key without a statement', async () => {
    const { key } = await warmKey('warm@example.com');
    const { statements, result } = await statementsDuring(database, () => call(key));
    expect(result).toBe(200);
    expect(statements).toEqual([]);
  });

  it('refuses a key on the very next request after it is revoked by any writer', async () => {
    const { key, keyId } = await warmKey('revoked-later@example.com');
    await database.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', keyId).execute();
    expect(await call(key)).toBe(401);
  });

  it('refuses a key on the very next request after its owner is deactivated', async () => {
    const { key, userId } = await warmKey('deactivated-later@example.com');
    const { data } = await gateway.graphql(`mutation($id: ID!) { deactivateUser(id: $id) { apiKeysRevoked } }`, { id: globalId('User', userId) });
    expect(data.deactivateUser.apiKeysRevoked).toBe(1);
    expect(await call(key)).toBe(401);
  });

  it('refuses a key on the very next request after its owner stops being an admin', async () => {
    const { key, userId } = await warmKey('demoted-later@example.com');
    await database.db.updateTable('users').set({ role: 'user' }).where('id', '=', userId).execute();
    expect(await call(key)).toBe(403);
  });

  it('refuses a key on the very next request after it is deleted', async () => {
    const { key, keyId } = await warmKey('deleted-later@example.com');
    await database.db.deleteFrom('api_keys').where('id', '=', keyId).execute();
    expect(await call(key)).toBe(401);
  });
});
