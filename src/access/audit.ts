import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/tables';
import type { Principal } from './principal';

export interface AuditActor {
  principal: Principal;
  requestId: string;
  clientAddress: string | undefined;
}

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

type ActorColumns = Pick<Insertable<AuditLogTable>, 'actor_user_id' | 'actor_kind' | 'actor_credential_id' | 'request_id' | 'client_address'>;

async function insertAudit(db: Kysely<Database>, actor: ActorColumns, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      ...actor,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** Records an admin action. Pass the transaction of the write itself, so both land or neither does. */
export function recordAudit(db: Kysely<Database>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  return insertAudit(db, {
    actor_user_id: actor.principal.userId,
    actor_kind: actor.principal.credential.kind,
    actor_credential_id: actor.principal.credential.id,
    request_id: actor.requestId,
    client_address: actor.clientAddress ?? null,
  }, entry);
}

/**
 * Records an action taken outside any request (a command-line tool); `operator` names who ran it
 * (e.g. "apikey-cli:alice"). Pass the transaction of the write itself.
 */
export function recordSystemAudit(db: Kysely<Database>, operator: string, entry: AuditEntry): Promise<void> {
  return insertAudit(db, { actor_user_id: null, actor_kind: 'system', actor_credential_id: operator, request_id: null, client_address: null }, entry);
}
