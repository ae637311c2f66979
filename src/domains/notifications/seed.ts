import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';

/** Delivery outcomes for the seeded notifications: about 4% failed and 3% still pending, by a hash of the id. */
export async function seedNotificationDeliveries(db: Kysely<Database>): Promise<void> {
  await sql`
    update notifications
       set delivery_status = case when bucket < 4 then 'failed' else 'pending' end,
           failure_reason = case when bucket < 4 then (array['SMTP 550: mailbox unavailable', 'Webhook answered HTTP 500', 'Push token expired'])[1 + bucket % 3] end,
           sent_at = null
      from (select id, (hashint8(('x' || substr(id::text, 1, 8))::bit(32)::int) & 1023) % 100 as bucket from notifications) as drawn
     where drawn.id = notifications.id and drawn.bucket < 7`.execute(db);
}
