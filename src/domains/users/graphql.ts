import type { GraphQLResolveInfo } from 'graphql';
import { expressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { recordAudit } from '../../access/audit';
import { deactivationPauseNote, enqueueSchedulePauses } from '../schedules/pause-outbox';
import type { Database as Tables, UserRow } from '../../db/tables';
import { type ColumnsOfFields, columnsOfTable, selectedColumns, selects } from '../../core/selection';
import { builder, connectionOf } from '../../core/builder';
import { notFound } from '../../core/errors';
import { containsPattern, hoursBefore, textOfAtMost } from '../../core/filters';
import { byKey, perRequestLoader, rowsById } from '../../core/loaders';
import type { GatewayContext } from '../../core/context';
import { defineList, type FilteredListArguments, offsetArgument } from '../../core/lists';
import { byTimestamp } from '../../core/ordering';

export const UserRoleEnum = builder.enumType('UserRole', { values: { USER: { value: 'user' }, ADMIN: { value: 'admin' } } as const });
export const UserStateEnum = builder.enumType('UserState', {
  values: { ACTIVE: { value: 'active' }, DEACTIVATED: { value: 'deactivated' } } as const,
});

interface UserActivity {
  tasksCount: number;
  activeTasksCount: number;
  executions24h: number;
  notifications7d: number;
}

const NO_ACTIVITY: UserActivity = { tasksCount: 0, activeTasksCount: 0, executions24h: 0, notifications7d: 0 };

const ofUser = expressionBuilder<Tables, 'users'>();
/** The counts that do not depend on the time: made once (Kysely's expressions are immutable and shared by queries). */
const TASKS_COUNT = ofUser.selectFrom('tasks').whereRef('tasks.user_id', '=', 'users.id').select(sql<number>`count(*)::int`.as('n')).as('tasks_count');
const ACTIVE_TASKS_COUNT = ofUser.selectFrom('tasks').whereRef('tasks.user_id', '=', 'users.id').where('tasks.state', '=', 'active')
  .select(sql<number>`count(*)::int`.as('n')).as('active_tasks_count');

/** The per-user counts as correlated subqueries over `users` (each on its own index). */
function activityColumns(now: Date) {
  return [
    TASKS_COUNT,
    ACTIVE_TASKS_COUNT,
    ofUser.selectFrom('executions').whereRef('executions.user_id', '=', 'users.id').where('executions.started_at', '>=', hoursBefore(now, 24))
      .select(sql<number>`count(*)::int`.as('n')).as('executions_24h'),
    ofUser.selectFrom('notifications').whereRef('notifications.user_id', '=', 'users.id').where('notifications.audience', '=', 'user')
      .where('notifications.created_at', '>=', hoursBefore(now, 24 * 7)).select(sql<number>`count(*)::int`.as('n')).as('notifications_7d'),
  ];
}

type ActivityRow = { tasks_count: number | null; active_tasks_count: number | null; executions_24h: number | null; notifications_7d: number | null };
/** A user row as a list read it: with its counts when the selection asked for them. */
type UserWithActivity = UserRow & Partial<ActivityRow>;

const activityOf = (row: ActivityRow): UserActivity => ({
  tasksCount: row.tasks_count ?? 0,
  activeTasksCount: row.active_tasks_count ?? 0,
  executions24h: row.executions_24h ?? 0,
  notifications7d: row.notifications_7d ?? 0,
});

/** Every per-user count of a page in one statement, for users that were not read with their counts. */
export const userActivityByUserId = perRequestLoader<string, UserActivity>(async (ids, { db, now }) => {
  const rows = await db.selectFrom('users').where('users.id', 'in', [...ids]).select(['users.id', ...activityColumns(now)]).execute();
  return byKey(ids, rows, (row) => row.id, activityOf, NO_ACTIVITY);
});

const ACTIVITY_FIELDS = ['tasksCount', 'activeTasksCount', 'executions24h', 'notifications7d'] as const;

/** The columns each User field reads, for lists of users and rows that read their owner with them (core/selection.ts). */
export const USER_COLUMNS: ColumnsOfFields<keyof UserRow & string> = {
  id: ['id'], databaseId: ['id'], email: ['email'], clerkUserId: ['clerk_user_id'], role: ['role'], state: ['state'], createdAt: ['created_at'],
  lastLogin: ['last_login_at'], deactivatedAt: ['deactivated_at'],
  // Counts and connections of a user go by its id.
  tasksCount: [], activeTasksCount: [], executions24h: [], notifications7d: [], tasks: [], executions: [], apiKeys: [],
};
export const USER_TIMESTAMPS: ReadonlySet<string> = new Set(['created_at', 'last_login_at', 'deactivated_at']);

export const User = builder.loadableNode('User', {
  id: { resolve: (user: UserRow) => user.id },
  load: (ids: string[], { db }) =>
    rowsById(ids, 'User', (valid) => db.selectFrom('users').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => {
    const activity = (count: keyof UserActivity, description: string) =>
      t.int({
        description,
        resolve: async (user: UserWithActivity, _args, context) =>
          (user.tasks_count !== undefined ? activityOf(user as UserRow & ActivityRow) : await userActivityByUserId(context).load(user.id))[count],
      });
    return {
      databaseId: t.exposeString('id', { description: 'The UUID as stored (what REST callers see).' }),
      email: t.exposeString('email'),
      clerkUserId: t.exposeString('clerk_user_id', { nullable: true }),
      role: t.expose('role', { type: UserRoleEnum }),
      state: t.expose('state', { type: UserStateEnum }),
      createdAt: t.expose('created_at', { type: 'DateTime' }),
      lastLogin: t.expose('last_login_at', { type: 'DateTime', nullable: true }),
      deactivatedAt: t.expose('deactivated_at', { type: 'DateTime', nullable: true }),
      tasksCount: activity('tasksCount', 'Tasks the user owns, in any state.'),
      activeTasksCount: activity('activeTasksCount', 'Tasks the user owns that are active.'),
      executions24h: activity('executions24h', 'Executions of the user’s tasks started in the last 24 hours.'),
      notifications7d: activity('notifications7d', 'Notifications sent to the user in the last 7 days.'),
    };
  },
});

export const UserConnection = connectionOf(User, 'User');

const UserOrderEnum = builder.enumType('UserOrder', {
  values: { NEWEST_FIRST: { value: 'newest' }, OLDEST_FIRST: { value: 'oldest' }, EMAIL: { value: 'email' } } as const,
});

const UserFilter = builder.inputType('UserFilter', {
  fields: (t) => ({
    state: t.field({ type: UserStateEnum, required: false }),
    activeOnly: t.boolean({ required: false, description: 'Only users whose state is active (the REST active_only flag).' }),
    emailContains: t.string({ required: false, validate: textOfAtMost(), description: 'Case-insensitive substring of the email address.' }),
  }),
});

type UserListArguments = FilteredListArguments<typeof UserFilter.$inferInput> & { orderBy?: 'newest' | 'oldest' | 'email' | null };

const userList = defineList({
  name: 'users',
  rows: ({ db, now }: GatewayContext, args: UserListArguments, info?: GraphQLResolveInfo) => {
    const columns = info && selectedColumns(info, ['edges', 'node'], USER_COLUMNS, ['id']);
    const users = db.selectFrom('users');
    // Only the columns the page shows (timestamps as ISO text); the rows still serve as UserRow to the fields.
    let rows = (columns ? users.select(columnsOfTable('users', columns, USER_TIMESTAMPS)) : users.selectAll('users')) as unknown as SelectQueryBuilder<Tables, 'users', UserRow>;
    // The page's counts in the page's own statement when any is selected.
    if (info && ACTIVITY_FIELDS.some((field) => selects(info, 'edges', 'node', field))) rows = rows.select(activityColumns(now)) as unknown as typeof rows;
    if (args.filter?.activeOnly && args.filter.state === 'deactivated') rows = rows.where(sql<boolean>`false`);
    const state = args.filter?.activeOnly ? 'active' : args.filter?.state;
    if (state) rows = rows.where('users.state', '=', state);
    if (args.filter?.emailContains) rows = rows.where(sql<boolean>`users.email ilike ${containsPattern(args.filter.emailContains)}`);
    return rows;
  },
  orderings: {
    ...byTimestamp('users.created_at', 'users.id'),
    email: { direction: 'asc', keys: [{ column: 'users.email', type: 'text' }, { column: 'users.id', type: 'uuid' }] },
  },
});

builder.queryField('users', (t) =>
  t.connection({
    type: User,
    description: 'Every user, newest first unless orderBy says otherwise.',
    args: {
      filter: t.arg({ type: UserFilter, required: false }),
      orderBy: t.arg({ type: UserOrderEnum, required: false, description: 'NEWEST_FIRST (default), OLDEST_FIRST or EMAIL (A to Z).' }),
      ...offsetArgument,
    },
    resolve: (_root, args, context, info) => userList.connection(context, args, info),
  }, UserConnection),
);

const DeactivateUserPayload = builder
  .objectRef<{ user: UserRow; tasksPaused: number; apiKeysRevoked: number; alreadyDeactivated: boolean; schedulePausesQueued: number; schedulePausesPending: number }>('DeactivateUserPayload')
  .implement({
    fields: (t) => ({
      user: t.field({ type: User, resolve: (payload) => payload.user }),
      tasksPaused: t.exposeInt('tasksPaused', { description: 'Tasks this call paused (0 when they already were).' }),
      apiKeysRevoked: t.exposeInt('apiKeysRevoked', { description: 'API keys this call revoked.' }),
      alreadyDeactivated: t.exposeBoolean('alreadyDeactivated', { description: 'The user was deactivated before this call.' }),
      schedulePausesQueued: t.exposeInt('schedulePausesQueued', { description: "Temporal schedule pauses this call wrote to the outbox (one per schedule of the user's tasks)." }),
      schedulePausesPending: t.exposeInt('schedulePausesPending', {
        description: "The user's schedule pauses not yet accepted by Temporal when the deactivation committed; the gateway delivers them (see schedulePauses).",
      }),
    }),
  });

builder.mutationField('deactivateUser', (t) =>
  t.field({
    type: DeactivateUserPayload,
    description:
      "Deactivates a user (soft delete): pauses their tasks, revokes their API keys and queues a pause of each of their tasks' Temporal schedules, audited, all in one transaction; the gateway then pauses the schedules in Temporal. Safe to repeat.",
    args: { id: t.arg.globalID({ for: User, required: true, description: 'A User ID.' }) },
    resolve: async (_root, args, context) => {
      const userId = args.id.id;
      return context.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('users').selectAll().where('id', '=', userId).forUpdate().executeTakeFirst();
        if (!before) throw notFound('User');
        const now = new Date();
        const user = before.state === 'deactivated'
          ? before
          : await trx.updateTable('users').set({ state: 'deactivated', deactivated_at: now }).where('id', '=', userId).returningAll().executeTakeFirstOrThrow();
        const paused = await trx.updateTable('tasks').set({ state: 'paused', updated_at: now })
          .where('user_id', '=', userId).where('state', '=', 'active').returning('id').execute();
        const revoked = await trx.updateTable('api_keys').set({ revoked_at: now })
          .where('user_id', '=', userId).where('revoked_at', 'is', null).returning('id').execute();
        const alreadyDeactivated = before.state === 'deactivated';
        const schedulePausesQueued = alreadyDeactivated ? 0 : await enqueueSchedulePauses(trx, userId, deactivationPauseNote(context.principal.email, before.email));
        const pending = await trx.selectFrom('schedule_pause_outbox').select(sql<number>`count(*)::int`.as('count'))
          .where('user_id', '=', userId).where('state', '=', 'pending').executeTakeFirstOrThrow();
        const result = { user, tasksPaused: paused.length, apiKeysRevoked: revoked.length, alreadyDeactivated, schedulePausesQueued, schedulePausesPending: pending.count };
        await recordAudit(trx, context, {
          action: 'user.deactivate',
          targetType: 'user',
          targetId: userId,
          before: { state: before.state, deactivatedAt: before.deactivated_at },
          after: { state: user.state, deactivatedAt: user.deactivated_at, pausedTaskIds: paused.map((row) => row.id), revokedApiKeyIds: revoked.map((row) => row.id), schedulePausesQueued },
        });
        return result;
      }).then((result) => {
        if (result.schedulePausesQueued > 0) context.wakeSchedulePauses();
        return result;
      });
    },
  }),
);
