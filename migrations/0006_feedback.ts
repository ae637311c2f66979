import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table feedback (
      id uuid primary key default gen_random_uuid(),
      user_id uuid references users (id),
      body text not null,
      source text not null check (source in ('web', 'api', 'extension', 'email')),
      state text not null default 'open' check (state in ('open', 'triaged', 'in_progress', 'done', 'archived')),
      classification text check (classification in ('script', 'command', 'sql', 'template', 'path', 'fuzz')),
      signal_category text not null check (signal_category in ('product_signal', 'short_actionable', 'actionable', 'security_probe')),
      severity smallint not null default 2 check (severity between 1 and 4),
      duplicate_fingerprint text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((signal_category = 'security_probe') = (classification is not null))
    )`.execute(db);
  await sql`create index feedback_state_created_at_id on feedback (state, created_at desc, id desc)`.execute(db);
  await sql`create index feedback_classification_created_at on feedback (classification, created_at desc) where classification is not null`.execute(db);
  await sql`create index feedback_duplicate_fingerprint on feedback (duplicate_fingerprint, created_at)`.execute(db);
  await sql`create index feedback_created_at_id on feedback (created_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table feedback`.execute(db);
}
