import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table connector_events (
      id uuid primary key default gen_random_uuid(),
      connector text not null,
      connection_id text not null,
      upstream_event_id text not null,
      event_type text not null,
      delivery_status text not null check (delivery_status in ('pending', 'delivered', 'retrying', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      last_error text,
      signature_verification text not null check (signature_verification in ('verified', 'invalid', 'missing')),
      received_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (connector, upstream_event_id)
    )`.execute(db);
  await sql`create index connector_events_received_at_id on connector_events (received_at desc, id desc)`.execute(db);
  await sql`create index connector_events_delivery_status_received_at on connector_events (delivery_status, received_at desc)`.execute(db);
  await sql`create index connector_events_connection_id on connector_events (connection_id, received_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table connector_events`.execute(db);
}
