import { type Kysely, sql } from 'kysely';

/**
 * Queue health needs each notification's delivery outcome. Rows written before this migration and
 * writers that do not set it count as sent. The covering index makes the per-kind hour and day counts
 * of notificationQueues an index-only scan of the window.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table notifications
      add column delivery_status text not null default 'sent' check (delivery_status in ('pending', 'sent', 'failed')),
      add column failure_reason text,
      add column sent_at timestamptz`.execute(db);
  await sql`update notifications set sent_at = created_at`.execute(db);
  await sql`create index notifications_created_at_queue on notifications (created_at) include (kind, delivery_status)`.execute(db);
  await sql`create index notifications_kind_created_at_id on notifications (kind, created_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index notifications_kind_created_at_id`.execute(db);
  await sql`drop index notifications_created_at_queue`.execute(db);
  await sql`alter table notifications drop column sent_at, drop column failure_reason, drop column delivery_status`.execute(db);
}
