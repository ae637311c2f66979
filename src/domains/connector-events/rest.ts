import { z } from 'zod';
import { graphql } from '../../generated/gql';
import { dateTime, integer, lower, nullable, number, object, pageFields, pageOf, string, upper, uuid } from '../../rest/shapes';
import { boolean as booleanParameter, hours, oneOf, text } from '../../rest/parameters';
import { pagedRoute } from '../../rest/route';

const STATUSES = ['pending', 'retrying', 'delivered', 'failed', 'dead_lettered'] as const;
/** REST keeps the stored names of the signature posture; GraphQL says VERIFIED / UNVERIFIED / FAILED. */
const SIGNATURE = { VERIFIED: 'verified', UNVERIFIED: 'unverified', FAILED: 'failed' } as const;

export const listConnectorEvents = pagedRoute({
  path: '/admin/connector-events',
  operationId: 'listConnectorEvents',
  tag: 'Connectors',
  summary: 'Connector webhook events and their delivery, newest first',
  parameters: {
    connector: text({ description: 'e.g. github, slack, stripe.', maxLength: 100 }),
    connection_id: text({ description: 'One connection.', maxLength: 200 }),
    delivery_status: oneOf({ description: 'Delivery status.', values: STATUSES }),
    failures_only: booleanParameter({ description: 'Only failed, dead-lettered or retrying events (default: false).', default: false }),
    hours,
  },
  document: graphql(`
    query RestAdminConnectorEvents($first: Int!, $offset: Int, $filter: ConnectorEventFilter) {
      connectorEvents(first: $first, offset: $offset, filter: $filter) {
        totalCount
        edges {
          node {
            databaseId connector connectionId upstreamEventId eventType deliveryStatus attemptCount lastError
            signatureVerification receivedAt deliveredAt deliveryDelayMs
            attempts { attempt attemptedAt outcome httpStatus error durationMs }
          }
        }
      }
    }
  `),
  filters: ({ connector, connection_id, delivery_status, failures_only, hours: window }) => ({
    filter: {
      hours: window,
      ...(connector ? { connector } : {}),
      ...(connection_id ? { connectionId: connection_id } : {}),
      ...(delivery_status ? { deliveryStatus: upper(delivery_status) } : {}),
      ...(failures_only ? { failuresOnly: true } : {}),
    },
  }),
  shape: (data, paged) => ({
    events: data.connectorEvents.edges.map(({ node }) => ({
      id: node.databaseId,
      connector: node.connector,
      connection_id: node.connectionId,
      event_id: node.upstreamEventId,
      event_type: node.eventType,
      delivery_status: lower(node.deliveryStatus),
      attempts: node.attemptCount,
      attempt_log: node.attempts.map((attempt) => ({
        attempt: attempt.attempt,
        attempted_at: attempt.attemptedAt,
        outcome: lower(attempt.outcome),
        http_status: attempt.httpStatus ?? null,
        error: attempt.error ?? null,
        duration_ms: attempt.durationMs ?? null,
      })),
      last_error: node.lastError ?? null,
      signature_verification: SIGNATURE[node.signatureVerification],
      received_at: node.receivedAt,
      delivered_at: node.deliveredAt ?? null,
      delivery_delay_ms: node.deliveryDelayMs ?? null,
    })),
    ...pageFields(data.connectorEvents, paged),
  }),
  argumentParameters: { 'filter.hours': 'hours' },
  response: {
    description: 'A page of events received in the last `hours` hours.',
    schema: pageOf(
      'events',
      object({
        id: uuid,
        connector: string,
        connection_id: string,
        event_id: string,
        event_type: string,
        delivery_status: z.enum(STATUSES),
        attempts: integer,
        attempt_log: z.array(object({
          attempt: integer,
          attempted_at: dateTime,
          outcome: z.enum(['delivered', 'failed', 'timed_out']),
          http_status: nullable(integer),
          error: nullable(string),
          duration_ms: nullable(integer),
        })),
        last_error: nullable(string),
        signature_verification: z.enum(Object.values(SIGNATURE) as [string, ...string[]]),
        received_at: dateTime,
        delivered_at: nullable(dateTime),
        delivery_delay_ms: nullable(number),
      }),
    ),
  },
});

export const connectorEventRoutes = [listConnectorEvents];
