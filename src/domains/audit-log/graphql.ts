import type { AuditLogRow } from '../../db/tables';
import { builder, connectionOf } from '../../core/builder';
import { badInput } from '../../core/errors';
import { databaseIdOf } from '../../core/global-ids';
import { rowsById } from '../../core/loaders';
import { keysetConnection } from '../../core/pagination';
import { User } from '../users/graphql';

const AuditActorKindEnum = builder.enumType('AuditActorKind', {
  values: { API_KEY: { value: 'api_key' }, CLERK_SESSION: { value: 'clerk_session' }, SYSTEM: { value: 'system' } } as const,
});

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const AuditLogEntry = builder.loadableNode('AuditLogEntry', {
  description: 'One recorded action: an admin write (with before/after), a key created or revoked, or a data access (action "data.access").',
  id: { resolve: (entry: AuditLogRow) => entry.id },
  load: (ids: string[], { db }) =>
    rowsById(ids, 'AuditLogEntry', (valid) => db.selectFrom('audit_log').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    actor: t.field({ type: User, nullable: true, description: 'The user behind the credential; null for system actions.', resolve: (entry) => entry.actor_user_id }),
    actorKind: t.expose('actor_kind', { type: AuditActorKindEnum }),
    actorCredentialId: t.exposeString('actor_credential_id', { nullable: true, description: 'API key id, Clerk session id, or the operator of a command-line action.' }),
    action: t.exposeString('action', { description: 'e.g. user.deactivate, api_key.create, api_key.revoke, data.access' }),
    targetType: t.exposeString('target_type', { nullable: true, description: 'e.g. user, api_key; graphql_operation or rest_route for data access.' }),
    targetId: t.exposeString('target_id', { nullable: true }),
    before: t.string({ nullable: true, description: 'JSON text of the target before the action.', resolve: (entry) => json(entry.before) }),
    after: t.string({ nullable: true, description: 'JSON text of the target after the action (for data access: operation type and root fields).', resolve: (entry) => json(entry.after) }),
    requestId: t.exposeString('request_id', { nullable: true }),
    clientAddress: t.exposeString('client_address', { nullable: true }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
});

export const AuditLogEntryConnection = connectionOf(AuditLogEntry, 'AuditLogEntry');

const AuditLogFilter = builder.inputType('AuditLogFilter', {
  fields: (t) => ({
    actorId: t.id({ required: false, description: 'A User ID: actions by that user.' }),
    actorKind: t.field({ type: AuditActorKindEnum, required: false }),
    action: t.string({ required: false, description: 'Exact action, e.g. user.deactivate.' }),
    excludeDataAccess: t.boolean({ required: false, description: 'Leave out data-access rows (action data.access).' }),
    targetType: t.string({ required: false }),
    targetId: t.string({ required: false }),
    since: t.field({ type: 'DateTime', required: false, description: 'At or after this time.' }),
    until: t.field({ type: 'DateTime', required: false, description: 'Before this time.' }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.connection(
    {
      type: AuditLogEntry,
      description: 'The audit log, newest first.',
      args: { filter: t.arg({ type: AuditLogFilter, required: false }) },
      resolve: (_root, args, { db }) => {
        const filter = args.filter ?? {};
        let rows = db.selectFrom('audit_log').selectAll('audit_log');
        if (filter.actorId != null) rows = rows.where('audit_log.actor_user_id', '=', databaseIdOf('filter.actorId', String(filter.actorId), 'User'));
        if (filter.actorKind) rows = rows.where('audit_log.actor_kind', '=', filter.actorKind);
        if (filter.action) rows = rows.where('audit_log.action', '=', filter.action);
        if (filter.excludeDataAccess) rows = rows.where('audit_log.action', '<>', 'data.access');
        if (filter.targetType) rows = rows.where('audit_log.target_type', '=', filter.targetType);
        if (filter.targetId) rows = rows.where('audit_log.target_id', '=', filter.targetId);
        if (filter.since) rows = rows.where('audit_log.created_at', '>=', filter.since);
        if (filter.until) rows = rows.where('audit_log.created_at', '<', filter.until);
        if (filter.since && filter.until && filter.since > filter.until) throw badInput('filter.until', 'must not be before filter.since');
        return keysetConnection<AuditLogRow>({
          rows,
          ordering: { list: 'auditLog', direction: 'desc', keys: [{ expression: 'audit_log.created_at', type: 'timestamptz' }, { expression: 'audit_log.id', type: 'uuid' }] },
          args,
        });
      },
    },
    AuditLogEntryConnection,
  ),
);
