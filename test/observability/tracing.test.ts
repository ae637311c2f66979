import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway } from '../support/gateway';
import { startOtlpReceiver } from '../support/otlp-receiver';

let database: TestDatabase;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startOtlpReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await database?.close();
});

describe('OpenTelemetry traces over OTLP/HTTP', () => {
  it('exports one request as nested spans, HTTP -> GraphQL operation -> SQL, with the request id', async () => {
    const gateway = await startTestGateway(database, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'gateway-under-test' });
    const response = await gateway.post({ query: 'query TracedUsers { users(first: 2) { totalCount edges { node { email } } } }' }, { headers: { 'x-request-id': 'traced-request-1' } });
    expect(response.status).toBe(200);
    await gateway.stop(); // flushes the batch

    const http = receiver.spans.find((span) => span.attributes['gateway.request_id'] === 'traced-request-1' && span.name === 'POST /graphql');
    expect(http).toMatchObject({ kind: 2, serviceName: 'gateway-under-test', attributes: { 'http.request.method': 'POST', 'http.response.status_code': 200 } });
    expect(http?.parentSpanId).toBeUndefined();
    const operation = receiver.spans.find((span) => span.parentSpanId === http?.spanId && span.name === 'graphql.execute TracedUsers');
    expect(operation).toMatchObject({ traceId: http?.traceId, attributes: { 'graphql.operation.type': 'query', 'gateway.request_id': 'traced-request-1' } });
    const statements = receiver.spans.filter((span) => span.parentSpanId === operation?.spanId);
    expect(statements.length).toBeGreaterThanOrEqual(2);
    for (const statement of statements) {
      expect(statement).toMatchObject({ traceId: http?.traceId, kind: 3, name: 'SELECT', attributes: { 'db.system.name': 'postgresql' } });
    }
    expect(statements.some((statement) => String(statement.attributes['db.query.text']).includes('"users"'))).toBe(true);
    // Authentication runs before the operation: its statement hangs directly under the HTTP span.
    expect(receiver.spans.some((span) => span.parentSpanId === http?.spanId && span.kind === 3)).toBe(true);
  });

  it('exports REST requests the same way, the operation naming its route', async () => {
    const gateway = await startTestGateway(database, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const answer = await gateway.rest('/admin/users?limit=1', { headers: { 'x-request-id': 'traced-rest-1' } });
    expect(answer.status).toBe(200);
    await gateway.stop();
    const http = receiver.spans.find((span) => span.attributes['gateway.request_id'] === 'traced-rest-1' && span.name === 'GET /admin/users');
    const operation = receiver.spans.find((span) => span.parentSpanId === http?.spanId && span.attributes['gateway.rest_route'] === 'GET /admin/users');
    expect(operation?.traceId).toBe(http?.traceId);
    expect(receiver.spans.filter((span) => span.parentSpanId === operation?.spanId).length).toBeGreaterThanOrEqual(1);
  });
});
