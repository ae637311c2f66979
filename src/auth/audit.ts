import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';
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

/** Records an admin action. Pass the transaction of the write itself, so both land or neither does. */
export async function recordAudit(db: Kysely<Database>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: actor.principal.userId,
      actor_kind: actor.principal.credential.kind,
      actor_credential_id: actor.principal.credential.id,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: actor.requestId,
      client_address: actor.clientAddress ?? null,
    })
    .execute();
}

/**
 * Records an action taken outside any request (a command-line tool); `operator` names who ran it
 * (e.g. "apikey-cli:alice"). Pass the transaction of the write itself.
 */
export async function recordSystemAudit(db: Kysely<Database>, operator: string, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: null,
      actor_kind: 'system',
      actor_credential_id: operator,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: null,
      client_address: null,
    })
    .execute();
}
