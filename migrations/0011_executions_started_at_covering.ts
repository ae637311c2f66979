import { type Kysely, sql } from 'kysely';

// Platform stats count and average the last 24 hours of executions by status; with status and
// duration in the index that is an index-only scan of the window instead of a heap visit per row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index executions_started_at_covering on executions (started_at) include (status, duration_ms)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index executions_started_at_covering`.execute(db);
}
