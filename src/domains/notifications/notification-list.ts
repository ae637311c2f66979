import { builder, connectionOf } from '../../core/builder';
import { timeWindow, timeWindowRules, windowHours } from '../../core/filters';
import { Notification, NotificationAudienceEnum, NotificationChannelEnum, NotificationKindEnum } from './graphql';
import { byTimestamp } from '../../core/ordering';
import type { GatewayContext } from '../../core/context';
import { defineList, type FilteredListArguments } from '../../core/lists';
import { notificationQueues, type NotificationQueue, type QueueCounts } from './queues';

export const NotificationDeliveryStatusEnum = builder.enumType('NotificationDeliveryStatus', {
  values: { PENDING: { value: 'pending' }, SENT: { value: 'sent' }, FAILED: { value: 'failed' } } as const,
});

builder.objectFields(Notification, (t) => ({
  deliveryStatus: t.expose('delivery_status', { type: NotificationDeliveryStatusEnum }),
  failureReason: t.exposeString('failure_reason', { nullable: true }),
  sentAt: t.expose('sent_at', { type: 'DateTime', nullable: true }),
}));

const NotificationFilter = builder.inputType('NotificationFilter', {
  validate: timeWindowRules,
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, required: false }),
    audience: t.field({ type: NotificationAudienceEnum, required: false, description: 'PLATFORM: operator alerts; USER: user-facing sends.' }),
    channel: t.field({ type: NotificationChannelEnum, required: false }),
    deliveryStatus: t.field({ type: NotificationDeliveryStatusEnum, required: false }),
    hours: t.int({ required: false, validate: windowHours, description: 'Created within the last N hours (1–8760); not with since/until.' }),
    since: t.field({ type: 'DateTime', required: false }),
    until: t.field({ type: 'DateTime', required: false }),
  }),
});

const notificationList = defineList({
  name: 'notifications',
  rows: (context: GatewayContext, args: FilteredListArguments<typeof NotificationFilter.$inferInput>) => {
    const filter = args.filter ?? {};
    let rows = context.db.selectFrom('notifications').selectAll('notifications');
    const { from, to } = timeWindow(filter, context.now);
    if (filter.kind) rows = rows.where('notifications.kind', '=', filter.kind);
    if (filter.audience) rows = rows.where('notifications.audience', '=', filter.audience);
    if (filter.channel) rows = rows.where('notifications.channel', '=', filter.channel);
    if (filter.deliveryStatus) rows = rows.where('notifications.delivery_status', '=', filter.deliveryStatus);
    if (from) rows = rows.where('notifications.created_at', '>=', from);
    if (to) rows = rows.where('notifications.created_at', '<', to);
    return rows;
  },
  orderings: byTimestamp('notifications.created_at', 'notifications.id'),
});

builder.queryField('notifications', (t) =>
  t.connection(
    {
      type: Notification,
      description: 'Platform alerts and user-facing sends (notifications mode), newest first.',
      args: { filter: t.arg({ type: NotificationFilter, required: false }) },
      resolve: (_root, args, context) => notificationList.connection(context, args),
    },
    connectionOf(Notification, 'Notification'),
  ),
);

const NotificationQueueCounts = builder.objectRef<QueueCounts>('NotificationQueueCounts').implement({
  fields: (t) => ({ pending: t.exposeInt('pending'), failed: t.exposeInt('failed'), sent: t.exposeInt('sent') }),
});

const NotificationQueue = builder.objectRef<NotificationQueue>('NotificationQueue').implement({
  description: 'Delivery counts of one notification kind, by creation time.',
  fields: (t) => ({
    kind: t.expose('kind', { type: NotificationKindEnum }),
    lastHour: t.expose('lastHour', { type: NotificationQueueCounts }),
    lastDay: t.expose('lastDay', { type: NotificationQueueCounts }),
  }),
});

builder.queryField('notificationQueues', (t) =>
  t.field({
    type: [NotificationQueue],
    description: 'Queue health: pending, failed and sent notifications per kind over the last hour and day (every kind listed).',
    resolve: (_root, _args, { db }) => notificationQueues(db),
  }),
);
