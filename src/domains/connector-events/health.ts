import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';

export interface HealthWindow {
  received: number;
  delivered: number;
  /** Failed or dead-lettered. */
  failed: number;
  deadLettered: number;
  /** Pending or retrying. */
  inFlight: number;
  /** delivered / (delivered + failed); null when nothing finished in the window. */
  successRate: number | null;
  /** Median of delivered_at − received_at over the delivered events, in milliseconds. */
  medianDeliveryDelayMs: number | null;
}

export interface ConnectorHealth {
  connector: string;
  lastHour: HealthWindow;
  lastDay: HealthWindow;
}

interface HealthRow {
  connector: string;
  [column: string]: string | number | null;
}

const windowColumns = (suffix: string, since: ReturnType<typeof sql>) => sql`
  count(*) filter (where received_at >= ${since})::int as ${sql.ref(`received_${suffix}`)},
  count(*) filter (where received_at >= ${since} and delivery_status = 'delivered')::int as ${sql.ref(`delivered_${suffix}`)},
  count(*) filter (where received_at >= ${since} and delivery_status in ('failed', 'dead_lettered'))::int as ${sql.ref(`failed_${suffix}`)},
  count(*) filter (where received_at >= ${since} and delivery_status = 'dead_lettered')::int as ${sql.ref(`dead_${suffix}`)},
  count(*) filter (where received_at >= ${since} and delivery_status in ('pending', 'retrying'))::int as ${sql.ref(`in_flight_${suffix}`)},
  (percentile_cont(0.5) within group (order by extract(epoch from delivered_at - received_at) * 1000)
     filter (where received_at >= ${since} and delivered_at is not null))::float8 as ${sql.ref(`median_${suffix}`)}`;

function windowOf(row: HealthRow, suffix: string): HealthWindow {
  const count = (name: string) => Number(row[`${name}_${suffix}`] ?? 0);
  const delivered = count('delivered');
  const failed = count('failed');
  const median = row[`median_${suffix}`];
  return {
    received: count('received'),
    delivered,
    failed,
    deadLettered: count('dead'),
    inFlight: count('in_flight'),
    successRate: delivered + failed === 0 ? null : delivered / (delivered + failed),
    medianDeliveryDelayMs: median === null || median === undefined ? null : Number(median),
  };
}

/**
 * Delivery health per connector over the last hour and the last day, by received time, in one
 * statement: an index-only scan of the day's entries of connector_events_received_at_health
 * (migration 0043), never the whole table. Connectors without events in the day are absent.
 */
export async function connectorHealth(db: Kysely<Database>, connectors?: readonly string[]): Promise<ConnectorHealth[]> {
  const hourAgo = sql`now() - interval '1 hour'`;
  const dayAgo = sql`now() - interval '1 day'`;
  const { rows } = await sql<HealthRow>`
    select connector, ${windowColumns('hour', hourAgo)}, ${windowColumns('day', dayAgo)}
      from connector_events
     where received_at >= ${dayAgo}
       ${connectors?.length ? sql`and connector in (${sql.join(connectors)})` : sql``}
     group by connector
     order by connector`.execute(db);
  return rows.map((row) => ({ connector: row.connector, lastHour: windowOf(row, 'hour'), lastDay: windowOf(row, 'day') }));
}
