import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../access/principal';
import type { Database } from '../db/tables';

/** Everything a resolver may use; one per request (or per subscription operation). */
export interface GatewayContext {
  db: Kysely<Database>;
  principal: Principal;
  requestId: string;
  clientAddress: string | undefined;
  log: Logger;
  now: Date;
}
