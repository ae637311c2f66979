import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../access/principal';
import type { Database } from '../db/tables';
import type { Temporal } from './temporal-connection';

/** Everything a resolver may use; one per request (or per subscription operation). */
export interface GatewayContext {
  db: Kysely<Database>;
  principal: Principal;
  requestId: string;
  clientAddress: string | undefined;
  log: Logger;
  now: Date;
  /** The gateway's Temporal connection (every call with a deadline); a not-configured one when TEMPORAL_ADDRESS is unset. */
  temporal: Temporal;
  /** How many DescribeSchedule calls one request may have in flight (TEMPORAL_DESCRIBE_CONCURRENCY). */
  temporalDescribeConcurrency: number;
  /** Starts delivering schedule pauses now rather than at the next poll (after a deactivation commits). */
  wakeSchedulePauses(): void;
}
