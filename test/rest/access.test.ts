import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';

// REST inherits the GraphQL rate limit and data-access audit: it runs its documents through the same Yoga.

let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database, { RATE_LIMIT_PER_MINUTE: '4' });
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

describe('REST under the GraphQL access control', () => {
  it('records data access under the REST route, then answers 429 {"detail"} with Retry-After and RateLimit headers', async () => {
    const get = () => gateway.rest('/admin/users?limit=1');
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('4');
    expect(first.headers.get('ratelimit-remaining')).toBe('3');

    await gateway.flushAudit();
    const audit = await database.db.selectFrom('audit_log').select(['target_type', 'target_id']).where('target_type', '=', 'rest_route').execute();
    expect(audit).toContainEqual({ target_type: 'rest_route', target_id: 'GET /admin/users' });

    for (let call = 0; call < 3; call += 1) expect((await get()).status).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(Object.keys(refused.body)).toEqual(['detail']);
    expect(refused.body.detail).toMatch(/^Rate limit exceeded/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
  });
});
