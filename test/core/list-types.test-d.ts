/**
 * Compile-time checks of list definitions (run by `npm run typecheck`, not by vitest): each `@ts-expect-error`
 * line must fail to compile, or tsc reports the directive as unused.
 */
import type { GatewayContext } from '../../src/core/context';
import { defineList } from '../../src/core/lists';
import { byTimestamp } from '../../src/core/ordering';

const rows = (context: GatewayContext) => context.db.selectFrom('tasks').selectAll('tasks');

export const misspeltSortColumn = defineList({
  name: 'tasks',
  rows,
  // @ts-expect-error 'tasks.creatd_at' is not a column of tasks
  orderings: byTimestamp('tasks.creatd_at', 'tasks.id'),
});

export const columnOfAnotherTable = defineList({
  name: 'tasks',
  rows,
  // @ts-expect-error executions is not among the list's tables
  orderings: byTimestamp('executions.started_at', 'executions.id'),
});

export const castTypeNotOfTheColumn = defineList({
  name: 'tasks',
  rows,
  // @ts-expect-error tasks.name is text, not a timestamp
  orderings: { byName: { direction: 'asc', keys: [{ column: 'tasks.name', type: 'timestamptz' }, { column: 'tasks.id', type: 'uuid' }] } },
});

export const nullableSortColumn = defineList({
  name: 'tasks',
  rows,
  // @ts-expect-error tasks.temporal_schedule_id may be null, which no row comparison can order
  orderings: { bySchedule: { direction: 'asc', keys: [{ column: 'tasks.temporal_schedule_id', type: 'text' }, { column: 'tasks.id', type: 'uuid' }] } },
});

const tasks = defineList({ name: 'tasks', rows, orderings: byTimestamp('tasks.created_at', 'tasks.id') });

export const parentColumns = (context: GatewayContext) => [
  tasks.ofParent(context, 'tasks.user_id', 'a uuid', {}),
  // @ts-expect-error a misspelt parent column
  tasks.ofParent(context, 'tasks.usr_id', 'a uuid', {}),
  // @ts-expect-error a parent column of another table
  tasks.ofParent(context, 'executions.task_id', 'a uuid', {}),
];

/** The rows of a connection keep the query's row type. */
export const rowType = async (context: GatewayContext): Promise<string> => (await tasks.connection(context, {})).edges[0]!.node.search_query;
