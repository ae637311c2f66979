import type { GraphQLResolveInfo } from 'graphql';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { ExecutionRow, Database as Tables, TaskRow, UserRow } from '../../db/tables';
import { type ColumnsOfFields, columnsOfTable, relatedRow, selectedColumns, selects } from '../../core/selection';
import { builder, connectionOf } from '../../core/builder';
import type { GatewayContext } from '../../core/context';
import { MAX_WINDOW_HOURS, timeWindow, timeWindowRules, windowHours } from '../../core/filters';
import { defineList, offsetArgument } from '../../core/lists';
import { rowsById } from '../../core/loaders';
import { byTimestamp, TimeOrderEnum } from '../../core/ordering';
import type { ConnectionArguments } from '../../core/pagination';
import { Task, TASK_COLUMNS, TASK_TIMESTAMPS } from '../tasks/graphql';
import { User, USER_COLUMNS, USER_TIMESTAMPS } from '../users/graphql';

export const ExecutionStatusEnum = builder.enumType('ExecutionStatus', {
  values: { PENDING: { value: 'pending' }, RUNNING: { value: 'running' }, SUCCESS: { value: 'success' }, FAILED: { value: 'failed' } } as const,
});

/**
 * An execution as a list read it: only the columns its selection reads (timestamps as ISO text), with its task and
 * owner rows (JSON) when the selection asked for them, so that they cost no statement of their own.
 */
export type ExecutionWithRelations = ExecutionRow & { _task?: TaskRow; _user?: UserRow };

/** The columns each Execution field reads (core/selection.ts); `error` and any field added elsewhere read them all. */
const EXECUTION_COLUMNS: ColumnsOfFields<keyof ExecutionRow & string> = {
  id: ['id'], databaseId: ['id'], task: ['task_id'], user: ['user_id'], status: ['status'], conditionMet: ['condition_met'],
  durationMs: ['duration_ms'], startedAt: ['started_at'], completedAt: ['completed_at'],
};
export const EXECUTION_TIMESTAMPS: ReadonlySet<string> = new Set(['started_at', 'completed_at']);

type ExecutionQuery = SelectQueryBuilder<Tables, 'executions', object>;

/** The columns of executions that `info`'s selection (under `path`) reads, given the fields each reads. */
export function selectExecutionColumns(query: ExecutionQuery, info: GraphQLResolveInfo, path: string[], columnsOf: ColumnsOfFields<keyof ExecutionRow & string> = EXECUTION_COLUMNS) {
  const columns = selectedColumns(info, path, columnsOf, ['id']);
  // The rows still serve as ExecutionRow to the fields (the DateTime scalar answers ISO text as it is).
  return (columns ? query.select(columnsOfTable('executions', columns, EXECUTION_TIMESTAMPS)) : query.selectAll('executions')) as unknown as SelectQueryBuilder<Tables, 'executions', ExecutionRow>;
}

/** Adds the task and owner rows that `info`'s selection asks for (under `path`) to a query of executions. */
export function withExecutionRelations<Query extends ExecutionQuery>(query: Query, info: GraphQLResolveInfo, ...path: string[]): Query {
  let rows = query as ExecutionQuery;
  if (selects(info, ...path, 'task')) {
    rows = rows.select(relatedRow('tasks', 'executions.task_id', selectedColumns(info, [...path, 'task'], TASK_COLUMNS, ['id']), TASK_TIMESTAMPS).as('_task'));
  }
  if (selects(info, ...path, 'user')) {
    rows = rows.select(relatedRow('users', 'executions.user_id', selectedColumns(info, [...path, 'user'], USER_COLUMNS, ['id']), USER_TIMESTAMPS).as('_user'));
  }
  return rows as Query;
}

export const Execution = builder.loadableNode('Execution', {
  id: { resolve: (execution: ExecutionRow) => execution.id },
  load: (ids: string[], { db }) =>
    rowsById(ids, 'Execution', (valid) => db.selectFrom('executions').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id', { description: 'The UUID as stored (what REST callers see).' }),
    task: t.field({ type: Task, resolve: (execution: ExecutionWithRelations) => execution._task ?? execution.task_id }),
    user: t.field({ type: User, description: 'The owner of the task.', resolve: (execution: ExecutionWithRelations) => execution._user ?? execution.user_id }),
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
  let rows = context.db.selectFrom('executions');
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
  rows: (context: GatewayContext, args: ExecutionListArguments, info?: GraphQLResolveInfo) => {
    const rows = filteredExecutions(context, args.filter ?? {});
    return info ? withExecutionRelations(selectExecutionColumns(rows, info, ['edges', 'node']), info, 'edges', 'node') : rows.selectAll('executions');
  },
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
    resolve: (_root, args, context, info) => executionList.connection(context, args, info),
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
