import type { ConnectorEventAttemptRow, ConnectorEventRow } from '../../db/tables';
import { builder, connectionOf } from '../../core/builder';
import { z } from 'zod';
import { timeWindow, timeWindowRules, windowHours } from '../../core/filters';
import { byKey, perRequestLoader, rowsById } from '../../core/loaders';
import { byTimestamp } from '../../core/ordering';
import type { GatewayContext } from '../../core/context';
import { defineList, type FilteredListArguments, offsetArgument } from '../../core/lists';
import { type ConnectorHealth, connectorHealth, type HealthWindow } from './health';

export const ConnectorDeliveryStatusEnum = builder.enumType('ConnectorDeliveryStatus', {
  values: {
    PENDING: { value: 'pending' },
    RETRYING: { value: 'retrying', description: 'Failed at least once; another attempt is scheduled.' },
    DELIVERED: { value: 'delivered' },
    FAILED: { value: 'failed' },
    DEAD_LETTERED: { value: 'dead_lettered', description: 'Retries exhausted; parked for an operator.' },
  } as const,
});

export const SignatureVerificationEnum = builder.enumType('SignatureVerification', {
  description: "The upstream webhook signature's check.",
  values: {
    VERIFIED: { value: 'verified' },
    UNVERIFIED: { value: 'missing', description: 'No signature was sent.' },
    FAILED: { value: 'invalid', description: 'A signature was sent and did not verify.' },
  } as const,
});

const AttemptOutcomeEnum = builder.enumType('ConnectorDeliveryAttemptOutcome', {
  values: { DELIVERED: { value: 'delivered' }, FAILED: { value: 'failed' }, TIMED_OUT: { value: 'timed_out' } } as const,
});

const ConnectorDeliveryAttempt = builder.objectRef<ConnectorEventAttemptRow>('ConnectorDeliveryAttempt').implement({
  fields: (t) => ({
    attempt: t.exposeInt('attempt', { description: '1 for the first delivery.' }),
    attemptedAt: t.expose('attempted_at', { type: 'DateTime' }),
    outcome: t.expose('outcome', { type: AttemptOutcomeEnum }),
    httpStatus: t.exposeInt('http_status', { nullable: true }),
    error: t.exposeString('error', { nullable: true }),
    durationMs: t.exposeInt('duration_ms', { nullable: true }),
  }),
});

const attemptsByEvent = perRequestLoader<string, ConnectorEventAttemptRow[]>(async (ids, { db }) => {
  const rows = await db.selectFrom('connector_event_attempts').selectAll().where('event_id', 'in', [...ids]).orderBy('event_id').orderBy('attempt').execute();
  const grouped = new Map<string, ConnectorEventAttemptRow[]>();
  for (const row of rows) grouped.set(row.event_id, [...(grouped.get(row.event_id) ?? []), row]);
  return byKey(ids, [...grouped.entries()], ([id]) => id, ([, attempts]) => attempts, []);
});

export const ConnectorEvent = builder.loadableNode('ConnectorEvent', {
  description: 'One upstream webhook event and its delivery to our workers.',
  id: { resolve: (event: ConnectorEventRow) => event.id },
  load: (ids: string[], { db }) =>
    rowsById(ids, 'ConnectorEvent', (valid) => db.selectFrom('connector_events').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    connector: t.exposeString('connector'),
    connectionId: t.exposeString('connection_id'),
    upstreamEventId: t.exposeString('upstream_event_id', { description: "The event's id at the connector (unique per connector)." }),
    eventType: t.exposeString('event_type'),
    deliveryStatus: t.expose('delivery_status', { type: ConnectorDeliveryStatusEnum }),
    attemptCount: t.exposeInt('attempts'),
    attempts: t.field({ type: [ConnectorDeliveryAttempt], description: 'Each delivery attempt with its outcome, first first.', resolve: (event, _args, context) => attemptsByEvent(context).load(event.id) }),
    lastError: t.exposeString('last_error', { nullable: true }),
    signatureVerification: t.expose('signature_verification', { type: SignatureVerificationEnum }),
    receivedAt: t.expose('received_at', { type: 'DateTime' }),
    deliveredAt: t.expose('delivered_at', { type: 'DateTime', nullable: true }),
    deliveryDelayMs: t.float({ nullable: true, resolve: (event) => (event.delivered_at ? event.delivered_at.getTime() - event.received_at.getTime() : null) }),
  }),
});

const ConnectorEventFilter = builder.inputType('ConnectorEventFilter', {
  validate: timeWindowRules,
  fields: (t) => ({
    connector: t.string({ required: false, description: 'e.g. github, slack, stripe.' }),
    connectionId: t.string({ required: false }),
    deliveryStatus: t.field({ type: ConnectorDeliveryStatusEnum, required: false }),
    failuresOnly: t.boolean({ required: false, description: 'Failed, dead-lettered or retrying events only (recent delivery failures).' }),
    signatureVerification: t.field({ type: SignatureVerificationEnum, required: false }),
    hours: t.int({ required: false, validate: windowHours, description: 'Received within the last N hours (1–8760); not with since/until.' }),
    since: t.field({ type: 'DateTime', required: false }),
    until: t.field({ type: 'DateTime', required: false }),
  }),
});

const connectorEventList = defineList({
  name: 'connectorEvents',
  rows: (context: GatewayContext, args: FilteredListArguments<typeof ConnectorEventFilter.$inferInput>) => {
    const filter = args.filter ?? {};
    let rows = context.db.selectFrom('connector_events').selectAll('connector_events');
    const { from, to } = timeWindow(filter, context.now);
    if (filter.connector != null) rows = rows.where('connector_events.connector', '=', filter.connector);
    if (filter.connectionId != null) rows = rows.where('connector_events.connection_id', '=', filter.connectionId);
    if (filter.deliveryStatus) rows = rows.where('connector_events.delivery_status', '=', filter.deliveryStatus);
    if (filter.failuresOnly) rows = rows.where('connector_events.delivery_status', 'in', ['failed', 'dead_lettered', 'retrying']);
    if (filter.signatureVerification) rows = rows.where('connector_events.signature_verification', '=', filter.signatureVerification);
    if (from) rows = rows.where('connector_events.received_at', '>=', from);
    if (to) rows = rows.where('connector_events.received_at', '<', to);
    return rows;
  },
  orderings: byTimestamp('connector_events.received_at', 'connector_events.id'),
});

builder.queryField('connectorEvents', (t) =>
  t.connection(
    {
      type: ConnectorEvent,
      description: 'Connector webhook events, newest received first.',
      args: { filter: t.arg({ type: ConnectorEventFilter, required: false }), ...offsetArgument },
      resolve: (_root, args, context) => connectorEventList.connection(context, args),
    },
    connectionOf(ConnectorEvent, 'ConnectorEvent'),
  ),
);

const ConnectorHealthWindow = builder.objectRef<HealthWindow>('ConnectorHealthWindow').implement({
  description: 'Deliveries of events received in the window.',
  fields: (t) => ({
    received: t.exposeInt('received'),
    delivered: t.exposeInt('delivered'),
    failed: t.exposeInt('failed', { description: 'Failed or dead-lettered.' }),
    deadLettered: t.exposeInt('deadLettered'),
    inFlight: t.exposeInt('inFlight', { description: 'Pending or retrying.' }),
    successRate: t.exposeFloat('successRate', { nullable: true, description: 'delivered / (delivered + failed), 0..1; null when none finished.' }),
    medianDeliveryDelayMs: t.exposeFloat('medianDeliveryDelayMs', { nullable: true, description: 'Median of deliveredAt − receivedAt over delivered events.' }),
  }),
});

const ConnectorHealthType = builder.objectRef<ConnectorHealth>('ConnectorHealth').implement({
  fields: (t) => ({
    connector: t.exposeString('connector'),
    lastHour: t.expose('lastHour', { type: ConnectorHealthWindow }),
    lastDay: t.expose('lastDay', { type: ConnectorHealthWindow }),
  }),
});

builder.queryField('connectorHealth', (t) =>
  t.field({
    type: [ConnectorHealthType],
    description: 'Per connector with events in the last day: success rate, failures and median delivery delay over the last hour and day.',
    args: {
      connectors: t.arg.stringList({
        required: false,
        validate: z.array(z.string()).refine((connectors) => connectors.length <= 100, { error: (issue) => `at most 100, got ${(issue.input as string[]).length}` }),
        description: 'Only these connectors.',
      }),
    },
    resolve: (_root, args, { db }) => connectorHealth(db, args.connectors ?? undefined),
  }),
);
