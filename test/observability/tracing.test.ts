import { randomBytes } from 'node:crypto';
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

  it("continues a caller's trace from its W3C traceparent header: same trace id, the caller's span as parent", async () => {
    const gateway = await startTestGateway(database, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const callerTraceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const graphqlAnswer = await gateway.post(
      { query: 'query ContinuedTrace { users(first: 1) { totalCount } }' },
      { headers: { 'x-request-id': 'traced-continued-1', traceparent: `00-${callerTraceId}-${callerSpanId}-01`, tracestate: 'caller=1' } },
    );
    expect(graphqlAnswer.status).toBe(200);
    const restAnswer = await gateway.rest('/admin/users?limit=1', { headers: { 'x-request-id': 'traced-continued-2', traceparent: `00-${callerTraceId}-${callerSpanId}-01` } });
    expect(restAnswer.status).toBe(200);
    // A malformed header is ignored: the request starts a trace of its own.
    const malformed = await gateway.post({ query: '{ users(first: 1) { totalCount } }' }, { headers: { 'x-request-id': 'traced-continued-3', traceparent: `00-${callerTraceId}-zz-01` } });
    expect(malformed.status).toBe(200);
    await gateway.stop();

    for (const requestId of ['traced-continued-1', 'traced-continued-2']) {
      const http = receiver.spans.find((span) => span.attributes['gateway.request_id'] === requestId && span.kind === 2);
      expect(http).toMatchObject({ traceId: callerTraceId, parentSpanId: callerSpanId });
      const operation = receiver.spans.find((span) => span.parentSpanId === http?.spanId && span.name.startsWith('graphql.execute'));
      expect(operation?.traceId).toBe(callerTraceId);
      const statements = receiver.spans.filter((span) => span.parentSpanId === operation?.spanId && span.kind === 3);
      expect(statements.length).toBeGreaterThanOrEqual(1);
      for (const statement of statements) expect(statement.traceId).toBe(callerTraceId);
    }
    const own = receiver.spans.find((span) => span.attributes['gateway.request_id'] === 'traced-continued-3' && span.kind === 2);
    expect(own).toBeDefined();
    expect(own?.traceId).not.toBe(callerTraceId);
    expect(own?.parentSpanId).toBeUndefined();
  });
});
