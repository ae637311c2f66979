import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null unique,
      clerk_user_id text unique,
      role text not null default 'user' check (role in ('user', 'admin')),
      state text not null default 'active' check (state in ('active', 'deactivated')),
      created_at timestamptz not null default now(),
      last_login_at timestamptz,
      deactivated_at timestamptz,
      check ((state = 'deactivated') = (deactivated_at is not null))
    )`.execute(db);
  await sql`create index users_created_at_id on users (created_at desc, id desc)`.execute(db);
  await sql`create index users_last_login_at on users (last_login_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table users`.execute(db);
}
