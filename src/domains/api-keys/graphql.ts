import type { ApiKeyRow } from '../../db/tables';
import { builder } from '../../core/builder';
import { perRequestLoader, rowsById } from '../../core/loaders';
import { User } from '../users/graphql';

/** What an operator may see of a key: never its hash, let alone the key itself. */
type ApiKeyView = Omit<ApiKeyRow, 'key_hash'>;
const VISIBLE_COLUMNS = ['id', 'user_id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

export const ApiKey = builder.loadableNode('ApiKey', {
  id: { resolve: (key: ApiKeyView) => key.id },
  load: (ids: string[], { db }) =>
    rowsById(ids, 'ApiKey', (valid) => db.selectFrom('api_keys').select(VISIBLE_COLUMNS).where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id', { description: 'The UUID as stored.' }),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The first characters of the key, enough to recognise it.' }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    lastUsedAt: t.expose('last_used_at', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revoked_at', { type: 'DateTime', nullable: true }),
  }),
});

export const apiKeysByUserId = perRequestLoader<string, ApiKeyView[]>(async (userIds, { db }) => {
  const rows = await db.selectFrom('api_keys').select(VISIBLE_COLUMNS).where('user_id', 'in', [...userIds])
    .orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  const byUser = new Map<string, ApiKeyView[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  return userIds.map((id) => byUser.get(id) ?? []);
});

builder.objectField(User, 'apiKeys', (t) =>
  t.field({
    type: [ApiKey],
    description: 'The user’s API keys (revoked ones included), newest first. Never the secret.',
    resolve: (user, _args, context) => apiKeysByUserId(context).load(user.id),
  }),
);
