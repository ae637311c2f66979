import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id uuid primary key default gen_random_uuid(),
      actor_user_id uuid references users (id),
      actor_kind text not null check (actor_kind in ('api_key', 'clerk_session', 'system')),
      actor_credential_id text,
      action text not null,
      target_type text,
      target_id text,
      before jsonb,
      after jsonb,
      request_id text,
      client_address text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index audit_log_created_at_id on audit_log (created_at desc, id desc)`.execute(db);
  await sql`create index audit_log_actor_user_id_created_at on audit_log (actor_user_id, created_at desc)`.execute(db);
  await sql`create index audit_log_action_created_at on audit_log (action, created_at desc)`.execute(db);
  await sql`create index audit_log_target on audit_log (target_type, target_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_log`.execute(db);
}
