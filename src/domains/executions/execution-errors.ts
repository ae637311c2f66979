import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database as Tables, ExecutionRow } from '../../db/tables';
import { builder } from '../../core/builder';
import type { GatewayContext } from '../../core/context';
import { z } from 'zod';
import { timeWindow, timeWindowRules, windowHours } from '../../core/filters';
import { Execution, type ExecutionWithRelations, selectExecutionColumns, withExecutionRelations } from './graphql';
import { type ColumnsOfFields, selects } from '../../core/selection';
import { rowsById } from '../../core/loaders';
import { byTimestamp, TimeOrderEnum } from '../../core/ordering';
import { defineList } from '../../core/lists';
import type { ConnectionArguments } from '../../core/pagination';
import { Task } from '../tasks/graphql';
import { User } from '../users/graphql';

export const DEFAULT_ERROR_WINDOW_HOURS = 24;

/** A failed execution, with its owner's email, its task's search query and rows when they were read with it. */
export type ExecutionErrorRow = ExecutionWithRelations & { user_email?: string; search_query?: string };

/**
 * A failed execution seen as an error. A Node of its own (refetchable by `node(id:)`, as Relay's @refetchable asks),
 * keyed by the execution's UUID: a field of this type (for example a subscription's `errorAdded`) may resolve to the
 * execution's UUID and the row is batched in per request.
 */
export const ExecutionError = builder.loadableNode('ExecutionError', {
  id: { resolve: (row: ExecutionErrorRow) => row.id },
  load: (executionIds: string[], { db }): Promise<(ExecutionErrorRow | GraphQLError)[]> =>
    rowsById(executionIds, 'A failed execution', (valid) => db.selectFrom('executions').selectAll().where('id', 'in', valid).where('status', '=', 'failed').execute()),
  fields: (t) => ({
    execution: t.field({ type: Execution, resolve: (row) => row }),
    executionId: t.exposeString('id', { description: 'The failed execution’s UUID.' }),
    task: t.field({ type: Task, resolve: (row) => row._task ?? row.task_id }),
    user: t.field({ type: User, resolve: (row) => row._user ?? row.user_id }),
    userEmail: t.string({ resolve: async (row, _args, context) => row.user_email ?? (await User.getDataloader(context).load(row.user_id)).email }),
    searchQuery: t.string({ resolve: async (row, _args, context) => row.search_query ?? (await Task.getDataloader(context).load(row.task_id)).search_query }),
    errorMessage: t.string({ resolve: (row) => row.error_message ?? '' }),
    errorType: t.string({ resolve: (row) => row.error_type ?? '' }),
    retryCount: t.exposeInt('retry_count'),
    willRetry: t.exposeBoolean('will_retry'),
    occurredAt: t.expose('started_at', { type: 'DateTime', description: 'When the failed execution started.' }),
  }),
});

/** A failed execution with its owner's email and its task's search query, in one statement (undefined when it has not failed). */
export function readExecutionError(db: GatewayContext['db'], executionId: string): Promise<ExecutionErrorRow | undefined> {
  return db.selectFrom('executions')
    .innerJoin('users', 'users.id', 'executions.user_id')
    .innerJoin('tasks', 'tasks.id', 'executions.task_id')
    .selectAll('executions')
    .select(['users.email as user_email', 'tasks.search_query'])
    .where('executions.id', '=', executionId)
    .where('executions.status', '=', 'failed')
    .executeTakeFirst();
}

/** The columns each ExecutionError field reads (core/selection.ts); `execution` reads them all. */
const ERROR_COLUMNS: ColumnsOfFields<keyof ExecutionRow & string> = {
  id: ['id'], executionId: ['id'], task: ['task_id'], user: ['user_id'], userEmail: ['user_id'], searchQuery: ['task_id'],
  errorMessage: ['error_message'], errorType: ['error_type'], retryCount: ['retry_count'], willRetry: ['will_retry'], occurredAt: ['started_at'],
};

builder.objectField(Execution, 'error', (t) =>
  t.field({
    type: ExecutionError,
    nullable: true,
    description: 'What went wrong; null unless the status is FAILED.',
    resolve: (execution) => (execution.status === 'failed' ? execution : null),
  }),
);

const ErrorTypeCount = builder.objectRef<{ error_type: string; count: number }>('ErrorTypeCount').implement({
  fields: (t) => ({
    errorType: t.exposeString('error_type'),
    count: t.exposeInt('count'),
  }),
});

interface ErrorTypeCountRow {
  error_type: string;
  count: number;
}

const ExecutionErrorConnection = builder.connectionObject(
  {
    type: ExecutionError,
    name: 'ExecutionErrorConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Errors matching the filter, regardless of paging.',
        resolve: (connection) => connection.totalCount(),
      }),
      errorTypes: t.field({
        type: [ErrorTypeCount],
        description: 'How many errors of each type match the filter, most frequent first.',
        resolve: (connection) => (connection as unknown as { errorTypes: () => Promise<ErrorTypeCountRow[]> }).errorTypes(),
      }),
    }),
  },
  { name: 'ExecutionErrorEdge' },
);

/** An error type name as stored, e.g. RateLimitError. */
export const errorTypeName = z.string().refine((name) => name.trim() !== '' && name.length <= 200, { error: 'must be a non-empty error type name' });

const ErrorFilter = builder.inputType('ErrorFilter', {
  validate: timeWindowRules,
  fields: (t) => ({
    hours: t.int({ required: false, validate: windowHours, description: `Occurred in the last N hours (1 to 8760); ${DEFAULT_ERROR_WINDOW_HOURS} when neither hours nor since/until is given.` }),
    since: t.field({ type: 'DateTime', required: false, description: 'Occurred at or after this instant.' }),
    until: t.field({ type: 'DateTime', required: false, description: 'Occurred before this instant.' }),
    errorType: t.string({ required: false, validate: errorTypeName, description: 'Only errors of this type, e.g. RateLimitError.' }),
    userId: t.globalID({ for: User, required: false, description: 'A User ID.' }),
    taskId: t.globalID({ for: Task, required: false, description: 'A Task ID.' }),
  }),
});

type ErrorFilterInput = typeof ErrorFilter.$inferInput;

type ErrorListArguments = ConnectionArguments & { filter?: ErrorFilterInput | null; orderBy?: 'newest' | 'oldest' | null };

/** Failed executions within a filter (each argument checked before any SQL), not yet selected. */
function filteredErrors(context: GatewayContext, filter: ErrorFilterInput) {
  const { from, to } = timeWindow(filter, context.now, DEFAULT_ERROR_WINDOW_HOURS);
  let rows = context.db.selectFrom('executions').where('executions.status', '=', 'failed');
  if (filter.errorType != null) rows = rows.where('executions.error_type', '=', filter.errorType);
  if (filter.userId != null) rows = rows.where('executions.user_id', '=', filter.userId.id);
  if (filter.taskId != null) rows = rows.where('executions.task_id', '=', filter.taskId.id);
  if (from) rows = rows.where('executions.started_at', '>=', from);
  if (to) rows = rows.where('executions.started_at', '<', to);
  return rows;
}

const errorList = defineList({
  name: 'errors',
  rows: (context: GatewayContext, args: ErrorListArguments, info?: GraphQLResolveInfo) => {
    const rows = filteredErrors(context, args.filter ?? {});
    if (!info) return rows.selectAll('executions') as SelectQueryBuilder<Tables, 'executions', ExecutionErrorRow>;
    let page = withExecutionRelations(selectExecutionColumns(rows, info, ['edges', 'node'], ERROR_COLUMNS), info, 'edges', 'node') as SelectQueryBuilder<Tables, 'executions', ExecutionErrorRow>;
    if (selects(info, 'edges', 'node', 'userEmail')) page = page.select(sql<string>`(select email from users where users.id = executions.user_id)`.as('user_email'));
    if (selects(info, 'edges', 'node', 'searchQuery')) page = page.select(sql<string>`(select search_query from tasks where tasks.id = executions.task_id)`.as('search_query'));
    return page;
  },
  orderings: byTimestamp('executions.started_at', 'executions.id'),
});

function errorConnection(context: GatewayContext, args: ErrorListArguments, info: GraphQLResolveInfo) {
  let errorTypes: Promise<ErrorTypeCountRow[]> | undefined;
  const countByType = () =>
    (errorTypes ??= filteredErrors(context, args.filter ?? {})
      .select(['executions.error_type', sql<number>`count(*)::int`.as('count')])
      .groupBy('executions.error_type')
      .orderBy('count', 'desc')
      .orderBy('executions.error_type')
      .execute() as Promise<ErrorTypeCountRow[]>);
  return errorList.connection(context, args, info).then((connection) => ({
    ...connection,
    // Every failure has an error type, so the per-type counts also give the total: one statement for both.
    totalCount: () => countByType().then((types) => types.reduce((sum, type) => sum + type.count, 0)),
    errorTypes: countByType,
  }));
}

builder.queryField('errors', (t) =>
  t.connection({
    type: ExecutionError,
    description: 'Failed executions, most recent first (the last 24 hours unless the filter says otherwise).',
    args: { filter: t.arg({ type: ErrorFilter, required: false }), orderBy: t.arg({ type: TimeOrderEnum, required: false, description: 'By occurredAt; NEWEST_FIRST by default.' }) },
    resolve: (_root, args, context, info) => errorConnection(context, args, info),
  }, ExecutionErrorConnection),
);
