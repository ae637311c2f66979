import { sql } from 'kysely';
import type { UserRow } from '../db/tables';
import { builder, connectionOf } from './builder';
import { keysetConnection } from './pagination';

export const UserRoleEnum = builder.enumType('UserRole', { values: { USER: { value: 'user' }, ADMIN: { value: 'admin' } } as const });
export const UserStateEnum = builder.enumType('UserState', {
  values: { ACTIVE: { value: 'active' }, DEACTIVATED: { value: 'deactivated' } } as const,
});

export const User = builder.loadableNode('User', {
  id: { resolve: (user: UserRow) => user.id },
  load: async (ids: string[], { db }) => {
    const rows = await db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? new Error(`User ${id} not found`));
  },
  fields: (t) => ({
    email: t.exposeString('email'),
    clerkUserId: t.exposeString('clerk_user_id', { nullable: true }),
    role: t.expose('role', { type: UserRoleEnum }),
    state: t.expose('state', { type: UserStateEnum }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    lastLogin: t.expose('last_login_at', { type: 'DateTime', nullable: true }),
    deactivatedAt: t.expose('deactivated_at', { type: 'DateTime', nullable: true }),
  }),
});

export const UserConnection = connectionOf(User, 'User');

const UserFilter = builder.inputType('UserFilter', {
  fields: (t) => ({
    state: t.field({ type: UserStateEnum, required: false }),
    activeOnly: t.boolean({ required: false, description: 'Only users whose state is active (the REST active_only flag).' }),
    emailContains: t.string({ required: false, description: 'Case-insensitive substring of the email address.' }),
  }),
});

builder.queryField('users', (t) =>
  t.connection({
    type: User,
    description: 'Every user, newest first.',
    args: { filter: t.arg({ type: UserFilter, required: false }) },
    resolve: (_root, args, { db }) => {
      let rows = db.selectFrom('users').selectAll('users');
      const state = args.filter?.activeOnly ? 'active' : args.filter?.state;
      if (state) rows = rows.where('users.state', '=', state);
      if (args.filter?.emailContains) rows = rows.where(sql<boolean>`users.email ilike ${`%${args.filter.emailContains.replace(/[\\%_]/g, '\\$&')}%`}`);
      return keysetConnection<UserRow>({
        rows,
        ordering: { direction: 'desc', keys: [{ expression: 'users.created_at', type: 'timestamptz' }, { expression: 'users.id', type: 'uuid' }] },
        args,
      });
    },
  }, UserConnection),
);
