import { sql } from 'kysely';
import type { ExecutionRow } from '../../db/tables';
import { builder, connectionOf } from '../../core/builder';
import type { GatewayContext } from '../../core/context';
import { MAX_WINDOW_HOURS, timeWindow, timeWindowRules, windowHours } from '../../core/filters';
import { defineList, offsetArgument } from '../../core/lists';
import { rowsById } from '../../core/loaders';
import { byTimestamp, TimeOrderEnum } from '../../core/ordering';
import type { ConnectionArguments } from '../../core/pagination';
import { Task } from '../tasks/graphql';
import { User } from '../users/graphql';

export const ExecutionStatusEnum = builder.enumType('ExecutionStatus', {
  values: { PENDING: { value: 'pending' }, RUNNING: { value: 'running' }, SUCCESS: { value: 'success' }, FAILED: { value: 'failed' } } as const,
});

export const Execution = builder.loadableNode('Execution', {
  id: { resolve: (execution: ExecutionRow) => execution.id },
  load: (ids: string[], { db }) =>
    rowsById(ids, 'Execution', (valid) => db.selectFrom('executions').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id', { description: 'The UUID as stored (what REST callers see).' }),
    task: t.field({ type: Task, resolve: (execution) => execution.task_id }),
    user: t.field({ type: User, description: 'The owner of the task.', resolve: (execution) => execution.user_id }),
    status: t.expose('status', { type: ExecutionStatusEnum }),
    conditionMet: t.exposeBoolean('condition_met', { nullable: true }),
    durationMs: t.exposeInt('duration_ms', { nullable: true }),
    startedAt: t.expose('started_at', { type: 'DateTime' }),
    completedAt: t.expose('completed_at', { type: 'DateTime', nullable: true }),
  }),
});

export const ExecutionConnection = connectionOf(Execution, 'Execution');

export const ExecutionFilter = builder.inputType('ExecutionFilter', {
  validate: timeWindowRules,
  fields: (t) => ({
    status: t.field({ type: ExecutionStatusEnum, required: false }),
    hours: t.int({ required: false, validate: windowHours, description: `Started in the last N hours (1 to ${MAX_WINDOW_HOURS}); not with since/until.` }),
    since: t.field({ type: 'DateTime', required: false, description: 'Started at or after this instant.' }),
    until: t.field({ type: 'DateTime', required: false, description: 'Started before this instant.' }),
    taskId: t.globalID({ for: Task, required: false, description: 'A Task ID.' }),
    userId: t.globalID({ for: User, required: false, description: 'A User ID (the task owner).' }),
  }),
});

type ExecutionFilterInput = typeof ExecutionFilter.$inferInput;

type ExecutionListArguments = ConnectionArguments & { filter?: ExecutionFilterInput | null; orderBy?: 'newest' | 'oldest' | null };

/** Executions within a filter (validated on its input type, before any resolver). */
function filteredExecutions(context: GatewayContext, filter: ExecutionFilterInput) {
  const { from, to } = timeWindow(filter, context.now);
  let rows = context.db.selectFrom('executions').selectAll('executions');
  if (filter.taskId != null) rows = rows.where('executions.task_id', '=', filter.taskId.id);
  if (filter.userId != null) rows = rows.where('executions.user_id', '=', filter.userId.id);
  if (filter.status) rows = rows.where('executions.status', '=', filter.status);
  if (from) rows = rows.where('executions.started_at', '>=', from);
  if (to) rows = rows.where('executions.started_at', '<', to);
  return rows;
}

/**
 * Without a window, task or user, the count of every execution (or every finished one of a status)
 * is a sum over the per-task totals (migration 0010) rather than a scan of the whole table.
 */
function countFromTotals(context: GatewayContext, filter: ExecutionFilterInput) {
  const { from, to } = timeWindow(filter, context.now);
  if (from || to || filter.taskId != null || filter.userId != null) return undefined;
  const column = !filter.status ? 'executions' : filter.status === 'success' ? 'succeeded' : filter.status === 'failed' ? 'failed' : undefined;
  if (!column) return undefined;
  return context.db.selectFrom('task_execution_totals').select(sql<number>`coalesce(sum(${sql.ref(column)}), 0)::int`.as('count'));
}

const executionList = defineList({
  name: 'executions',
  rows: (context: GatewayContext, args: ExecutionListArguments) => filteredExecutions(context, args.filter ?? {}),
  orderings: byTimestamp('executions.started_at', 'executions.id'),
  count: (context, args) => countFromTotals(context, args.filter ?? {}),
});

/** The arguments of every executions connection (root and per parent). */
const executionListArgs = builder.args((t) => ({
  filter: t.field({ type: ExecutionFilter, required: false }),
  orderBy: t.field({ type: TimeOrderEnum, required: false, description: 'By startedAt; NEWEST_FIRST by default.' }),
}));

builder.queryField('executions', (t) =>
  t.connection({
    type: Execution,
    description: 'Executions across all users, newest first.',
    args: { ...executionListArgs, ...offsetArgument },
    resolve: (_root, args, context) => executionList.connection(context, args),
  }, ExecutionConnection),
);

/** The executions connection of one parent row (a user or a task). */
const executionsOfParent = (description: string, parentColumn: 'executions.task_id' | 'executions.user_id') => ({
  type: Execution,
  description,
  args: executionListArgs,
  resolve: (parent: { id: string }, args: ExecutionListArguments, context: GatewayContext) => executionList.ofParent(context, parentColumn, parent.id, args),
});

builder.objectField(User, 'executions', (t) => t.connection(executionsOfParent('Executions of this user’s tasks, newest first.', 'executions.user_id'), ExecutionConnection));
builder.objectField(Task, 'executions', (t) => t.connection(executionsOfParent('Executions of this task, newest first.', 'executions.task_id'), ExecutionConnection));
