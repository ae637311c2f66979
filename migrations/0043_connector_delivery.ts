import { type Kysely, sql } from 'kysely';

/**
 * Connector deliveries: a dead-lettered state (retries exhausted, parked for an operator), one row per
 * delivery attempt with its outcome, and the indexes behind the connector views. connectorHealth reads
 * the covering index on received_at (an index-only scan of the hour or the day, never every event);
 * recent failures per connector seek (connector, received_at).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table connector_events drop constraint connector_events_delivery_status_check`.execute(db);
  await sql`
    alter table connector_events add constraint connector_events_delivery_status_check
    check (delivery_status in ('pending', 'delivered', 'retrying', 'failed', 'dead_lettered'))`.execute(db);
  await sql`
    create table connector_event_attempts (
      id uuid primary key default gen_random_uuid(),
      event_id uuid not null references connector_events (id) on delete cascade,
      attempt integer not null check (attempt >= 1),
      attempted_at timestamptz not null default now(),
      outcome text not null check (outcome in ('delivered', 'failed', 'timed_out')),
      http_status smallint,
      error text,
      duration_ms integer check (duration_ms >= 0),
      unique (event_id, attempt)
    )`.execute(db);
  await sql`create index connector_events_received_at_health on connector_events (received_at) include (connector, delivery_status, delivered_at)`.execute(db);
  await sql`create index connector_events_connector_received_at_id on connector_events (connector, received_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index connector_events_connector_received_at_id`.execute(db);
  await sql`drop index connector_events_received_at_health`.execute(db);
  await sql`drop table connector_event_attempts`.execute(db);
  await sql`update connector_events set delivery_status = 'failed' where delivery_status = 'dead_lettered'`.execute(db);
  await sql`alter table connector_events drop constraint connector_events_delivery_status_check`.execute(db);
  await sql`
    alter table connector_events add constraint connector_events_delivery_status_check
    check (delivery_status in ('pending', 'delivered', 'retrying', 'failed'))`.execute(db);
}
