import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tasks (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id),
      name text not null,
      search_query text not null,
      condition_description text not null,
      schedule text not null,
      state text not null default 'active' check (state in ('active', 'paused')),
      temporal_schedule_id text unique,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index tasks_user_id_state on tasks (user_id, state)`.execute(db);
  await sql`create index tasks_search_query on tasks (search_query)`.execute(db);
  await sql`create index tasks_created_at_id on tasks (created_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tasks`.execute(db);
}
