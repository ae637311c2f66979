import { builder, connectionOf } from '../../core/builder';
import { byTimestamp, TimeOrderEnum } from '../../core/ordering';
import type { GatewayContext } from '../../core/context';
import { defineList, type FilteredListArguments } from '../../core/lists';
import type { SchedulePauseRow, SchedulePauseState } from '../../db/tables';
import { Task } from '../tasks/graphql';
import { User } from '../users/graphql';

const SchedulePauseStateEnum = builder.enumType('SchedulePauseState', {
  values: {
    PENDING: { value: 'pending', description: 'Not yet accepted by Temporal (Temporal away, or not reached yet).' },
    DELIVERED: { value: 'delivered', description: 'Temporal paused the schedule.' },
    GONE: { value: 'gone', description: 'Temporal does not know the schedule; not retried.' },
  } as const,
});

const SchedulePause = builder.objectRef<SchedulePauseRow>('SchedulePause').implement({
  description: 'A schedule pause owed to Temporal by a deactivation (the outbox that the gateway delivers).',
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    scheduleId: t.exposeString('schedule_id'),
    task: t.field({ type: Task, nullable: true, resolve: (pause, _args, context) => (pause.task_id ? Task.getDataloader(context).load(pause.task_id).catch(() => null) : null) }),
    user: t.field({ type: User, description: 'The deactivated user.', resolve: (pause) => pause.user_id }),
    note: t.exposeString('note', { description: 'The note Temporal shows on the paused schedule, naming who paused it.' }),
    state: t.expose('state', { type: SchedulePauseStateEnum }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, resolve: (pause) => (pause.state === 'pending' ? pause.next_attempt_at : null) }),
    lastError: t.exposeString('last_error', { nullable: true }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    deliveredAt: t.expose('delivered_at', { type: 'DateTime', nullable: true }),
  }),
});

const SchedulePauseConnection = connectionOf(SchedulePause, 'SchedulePause');

const SchedulePauseFilter = builder.inputType('SchedulePauseFilter', {
  fields: (t) => ({
    state: t.field({ type: SchedulePauseStateEnum, required: false }),
    userId: t.globalID({ for: User, required: false, description: 'A User ID: the pauses owed by their deactivation.' }),
  }),
});

const schedulePauseList = defineList({
  name: 'schedulePauses',
  rows: ({ db }: GatewayContext, args: FilteredListArguments<typeof SchedulePauseFilter.$inferInput> & { orderBy?: 'newest' | 'oldest' | null }) => {
    let rows = db.selectFrom('schedule_pause_outbox').selectAll('schedule_pause_outbox');
    if (args.filter?.state) rows = rows.where('state', '=', args.filter.state as SchedulePauseState);
    if (args.filter?.userId != null) rows = rows.where('user_id', '=', args.filter.userId.id);
    return rows;
  },
  orderings: byTimestamp('schedule_pause_outbox.created_at', 'schedule_pause_outbox.id'),
});

builder.queryField('schedulePauses', (t) =>
  t.connection(
    {
      type: SchedulePause,
      description: 'The schedule-pause outbox: what deactivations owe Temporal and what it has accepted, newest first.',
      args: { filter: t.arg({ type: SchedulePauseFilter, required: false }), orderBy: t.arg({ type: TimeOrderEnum, required: false }) },
      resolve: (_root, args, context) => schedulePauseList.connection(context, args),
    },
    SchedulePauseConnection,
  ),
);
