import { type Kysely, sql } from 'kysely';
import type { Database, NotificationKind } from '../../db/tables';

export interface QueueCounts {
  pending: number;
  failed: number;
  sent: number;
}

export interface NotificationQueue {
  kind: NotificationKind;
  lastHour: QueueCounts;
  lastDay: QueueCounts;
}

const KINDS: readonly NotificationKind[] = ['condition_met', 'schedule_completed', 'schedule_failed', 'message_event', 'usage_event'];

/**
 * Pending, failed and sent counts per notification kind over the last hour and day, by creation time,
 * in one statement: an index-only scan of the day's entries of notifications_created_at_queue
 * (migration 0042). Every kind is listed, with zeros when it had nothing.
 */
export async function notificationQueues(db: Kysely<Database>): Promise<NotificationQueue[]> {
  const { rows } = await sql<{ kind: NotificationKind; status: string; hour: number; day: number }>`
    select kind, delivery_status as status,
           count(*) filter (where created_at >= now() - interval '1 hour')::int as hour,
           count(*)::int as day
      from notifications
     where created_at >= now() - interval '1 day'
     group by kind, delivery_status`.execute(db);
  const empty = (): QueueCounts => ({ pending: 0, failed: 0, sent: 0 });
  const byKind = new Map(KINDS.map((kind) => [kind, { kind, lastHour: empty(), lastDay: empty() }]));
  for (const row of rows) {
    const queue = byKind.get(row.kind);
    const status = row.status as keyof QueueCounts;
    if (!queue) continue;
    queue.lastHour[status] += row.hour;
    queue.lastDay[status] += row.day;
  }
  return [...byKind.values()];
}
