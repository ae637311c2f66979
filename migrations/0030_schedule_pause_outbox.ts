import { type Kysely, sql } from 'kysely';

/**
 * Schedule pauses owed to Temporal. A deactivation writes one row per schedule in its own
 * transaction; the delivery loop of any gateway instance claims due rows and pauses them in Temporal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table schedule_pause_outbox (
      id uuid primary key default gen_random_uuid(),
      schedule_id text not null,
      task_id uuid references tasks (id),
      user_id uuid not null references users (id),
      note text not null,
      state text not null default 'pending' check (state in ('pending', 'delivered', 'gone')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      delivered_at timestamptz
    )`.execute(db);
  await sql`create index schedule_pause_outbox_due on schedule_pause_outbox (next_attempt_at) where state = 'pending'`.execute(db);
  await sql`create index schedule_pause_outbox_created_at_id on schedule_pause_outbox (created_at desc, id desc)`.execute(db);
  await sql`create index schedule_pause_outbox_user_id on schedule_pause_outbox (user_id, created_at desc)`.execute(db);
  await sql`create index schedule_pause_outbox_state on schedule_pause_outbox (state, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table schedule_pause_outbox`.execute(db);
}
