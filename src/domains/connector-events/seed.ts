import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';

/**
 * Connector demo data beyond the base seed: failed events whose retries ran out are dead-lettered, and
 * every event gets one attempt row per attempt (the last one delivered for delivered events). Derived
 * from the seeded rows by hashing their ids, so the same seed gives the same attempts.
 */
export async function seedConnectorDeliveries(db: Kysely<Database>): Promise<void> {
  await sql`update connector_events set delivery_status = 'dead_lettered' where delivery_status = 'failed' and attempts >= 5`.execute(db);
  await sql`
    insert into connector_event_attempts (event_id, attempt, attempted_at, outcome, http_status, error, duration_ms)
    select e.id, n,
           e.received_at + (n - 1) * interval '30 seconds' * power(2, n - 1),
           case when e.delivery_status = 'delivered' and n = e.attempts then 'delivered'
                when e.last_error like 'Timed out%' then 'timed_out' else 'failed' end,
           case when e.delivery_status = 'delivered' and n = e.attempts then 200
                when e.last_error like 'HTTP 410%' then 410 when e.last_error like 'Timed out%' then null else 502 end,
           case when e.delivery_status = 'delivered' and n = e.attempts then null else coalesce(e.last_error, 'HTTP 502 from worker') end,
           case when e.last_error like 'Timed out%' and not (e.delivery_status = 'delivered' and n = e.attempts) then 10000
                else 20 + (hashint8(n * 7919 + ('x' || substr(e.id::text, 1, 8))::bit(32)::int) & 1023) end
      from connector_events e, generate_series(1, e.attempts) as n`.execute(db);
}
