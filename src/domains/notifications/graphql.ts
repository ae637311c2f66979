import type { NotificationRow } from '../../db/tables';
import { builder } from '../../core/builder';
import { notificationAdded } from './live';
import { subscribeToRows } from '../../core/live-loaders';
import { rowsById } from '../../core/loaders';
import { Execution } from '../executions/graphql';
import { Task } from '../tasks/graphql';
import { User } from '../users/graphql';

export const NotificationAudienceEnum = builder.enumType('NotificationAudience', {
  description: 'USER: sent to a user; PLATFORM: an alert for operators.',
  values: { USER: { value: 'user' }, PLATFORM: { value: 'platform' } } as const,
});

export const NotificationKindEnum = builder.enumType('NotificationKind', {
  values: {
    CONDITION_MET: { value: 'condition_met' },
    SCHEDULE_COMPLETED: { value: 'schedule_completed' },
    SCHEDULE_FAILED: { value: 'schedule_failed' },
    MESSAGE_EVENT: { value: 'message_event' },
    USAGE_EVENT: { value: 'usage_event' },
  } as const,
});

export const NotificationChannelEnum = builder.enumType('NotificationChannel', {
  values: { EMAIL: { value: 'email' }, WEBHOOK: { value: 'webhook' }, IN_APP: { value: 'in_app' } } as const,
});

export const Notification = builder.loadableNode('Notification', {
  id: { resolve: (notification: NotificationRow) => notification.id },
  load: (ids: string[], { db }) =>
    rowsById(ids, 'Notification', (valid) => db.selectFrom('notifications').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    audience: t.expose('audience', { type: NotificationAudienceEnum }),
    kind: t.expose('kind', { type: NotificationKindEnum }),
    channel: t.expose('channel', { type: NotificationChannelEnum, nullable: true }),
    user: t.field({
      type: User,
      nullable: true,
      description: 'The user it was sent to (null for platform alerts).',
      resolve: (notification) => notification.user_id,
    }),
    task: t.field({ type: Task, nullable: true, resolve: (notification) => notification.task_id }),
    execution: t.field({ type: Execution, nullable: true, description: 'The execution that caused it, if any.', resolve: (notification) => notification.execution_id }),
    subject: t.exposeString('subject'),
    body: t.exposeString('body'),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
});

const NotificationAddedFilter = builder.inputType('NotificationAddedFilter', {
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, required: false }),
    audience: t.field({ type: NotificationAudienceEnum, required: false }),
  }),
});

builder.subscriptionField('notificationAdded', (t) =>
  t.field({
    type: Notification,
    description: 'Each notification (user-facing send or platform alert) as it is written, by any writer.',
    args: { filter: t.arg({ type: NotificationAddedFilter, required: false }) },
    subscribe: (_root, { filter }, context) =>
      subscribeToRows(context, notificationAdded, {
        load: (id) => Notification.getDataloader(context).load(id).catch(() => undefined),
        keeps: (row) => (!filter?.kind || row.kind === filter.kind) && (!filter?.audience || row.audience === filter.audience),
      }),
    resolve: (row: NotificationRow) => row,
  }),
);
