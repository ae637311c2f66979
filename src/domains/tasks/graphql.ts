import { sql } from 'kysely';
import type { TaskRow } from '../../db/tables';
import { builder, connectionOf } from '../../core/builder';
import type { GatewayContext } from '../../core/context';
import { defineList } from '../../core/lists';
import { rowsById } from '../../core/loaders';
import { byTimestamp, TimeOrderEnum } from '../../core/ordering';
import type { ConnectionArguments } from '../../core/pagination';
import { containsPattern, textOfAtMost } from '../../core/filters';
import type { ColumnsOfFields } from '../../core/selection';
import { User } from '../users/graphql';

/** The columns each Task field reads, for lists that read their tasks with them (core/selection.ts). */
export const TASK_COLUMNS: ColumnsOfFields<keyof TaskRow & string> = {
  id: ['id'], databaseId: ['id'], owner: ['user_id'], name: ['name'], searchQuery: ['search_query'], condition: ['condition_description'],
  cron: ['schedule'], state: ['state'], temporalScheduleId: ['temporal_schedule_id'], createdAt: ['created_at'],
};
export const TASK_TIMESTAMPS: ReadonlySet<string> = new Set(['created_at', 'updated_at']);

export const TaskStateEnum = builder.enumType('TaskState', { values: { ACTIVE: { value: 'active' }, PAUSED: { value: 'paused' } } as const });

export const Task = builder.loadableNode('Task', {
  id: { resolve: (task: TaskRow) => task.id },
  load: (ids: string[], { db }) =>
    rowsById(ids, 'Task', (valid) => db.selectFrom('tasks').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id', { description: 'The UUID as stored (what REST callers see).' }),
    owner: t.field({ type: User, resolve: (task) => task.user_id }),
    name: t.exposeString('name'),
    searchQuery: t.exposeString('search_query'),
    condition: t.exposeString('condition_description', { description: 'When the user wants to be told, in their words.' }),
    cron: t.exposeString('schedule', { description: 'The cron expression the task runs on.' }),
    state: t.expose('state', { type: TaskStateEnum }),
    temporalScheduleId: t.exposeString('temporal_schedule_id', { nullable: true }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
});

export const TaskConnection = connectionOf(Task, 'Task');

export const TaskFilter = builder.inputType('TaskFilter', {
  fields: (t) => ({
    state: t.field({ type: TaskStateEnum, required: false }),
    ownerId: t.globalID({ for: User, required: false, description: 'A User ID: only tasks this user owns.' }),
    searchQueryContains: t.string({ required: false, validate: textOfAtMost(), description: 'Case-insensitive substring of the search query.' }),
  }),
});

type TaskFilterInput = typeof TaskFilter.$inferInput;

type TaskListArguments = ConnectionArguments & { filter?: TaskFilterInput | null; orderBy?: 'newest' | 'oldest' | null };

/** Tasks within a filter (validated on its input type, before any resolver). */
function filteredTasks(context: GatewayContext, filter: TaskFilterInput) {
  let rows = context.db.selectFrom('tasks').selectAll('tasks');
  if (filter.ownerId != null) rows = rows.where('tasks.user_id', '=', filter.ownerId.id);
  if (filter.state) rows = rows.where('tasks.state', '=', filter.state);
  if (filter.searchQueryContains) rows = rows.where(sql<boolean>`tasks.search_query ilike ${containsPattern(filter.searchQueryContains)}`);
  return rows;
}

const taskList = defineList({
  name: 'tasks',
  rows: (context: GatewayContext, args: TaskListArguments) => filteredTasks(context, args.filter ?? {}),
  orderings: byTimestamp('tasks.created_at', 'tasks.id'),
});

/** The arguments of every tasks connection (root and per user). */
const taskListArgs = builder.args((t) => ({
  filter: t.field({ type: TaskFilter, required: false }),
  orderBy: t.field({ type: TimeOrderEnum, required: false, description: 'By createdAt; NEWEST_FIRST by default.' }),
}));

builder.queryField('tasks', (t) =>
  t.connection({
    type: Task,
    description: 'Every monitoring task, newest first.',
    args: taskListArgs,
    resolve: (_root, args, context) => taskList.connection(context, args),
  }, TaskConnection),
);

builder.objectField(User, 'tasks', (t) =>
  t.connection({
    type: Task,
    description: 'The tasks this user owns, newest first.',
    args: taskListArgs,
    resolve: (user, args, context) => taskList.ofParent(context, 'tasks.user_id', user.id, args),
  }, TaskConnection),
);
