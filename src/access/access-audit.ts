import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';
import type { Logger } from '../core/logger';
import type { Principal } from './principal';

export const DATA_ACCESS_ACTION = 'data.access';

export interface DataAccess {
  principal: Principal;
  /** A GraphQL operation (target_type graphql_operation) or a REST route (target_type rest_route). */
  target: { type: 'graphql_operation' | 'rest_route'; name: string };
  summary: { operationType: string; rootFields: string[] };
  requestId: string | undefined;
  clientAddress: string | undefined;
  at: Date;
}

export interface AccessAudit {
  /** Queues a row; never waits for the database. */
  record(entry: DataAccess): void;
  /** Writes what is queued (also called on a timer and at close). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const FLUSH_INTERVAL_MS = 1000;
const BATCH_SIZE = 500;
const MAX_QUEUED = 20_000;

/**
 * Data-access audit rows, written off the request path: queued in memory and inserted in batches every second
 * (or sooner when a batch fills). If the database is away for long, the oldest queued rows are dropped and counted.
 */
export function createAccessAudit({ db, log, enabled = true }: { db: Kysely<Database>; log: Logger; enabled?: boolean }): AccessAudit {
  let queue: DataAccess[] = [];
  let dropped = 0;

  const write = async (batch: DataAccess[]) => {
    try {
      await db
        .insertInto('audit_log')
        .values(
          batch.map((entry) => ({
            actor_user_id: entry.principal.userId,
            actor_kind: entry.principal.credential.kind,
            actor_credential_id: entry.principal.credential.id,
            action: DATA_ACCESS_ACTION,
            target_type: entry.target.type,
            target_id: entry.target.name,
            after: JSON.stringify(entry.summary),
            request_id: entry.requestId ?? null,
            client_address: entry.clientAddress ?? null,
            created_at: entry.at,
          })),
        )
        .execute();
    } catch (error) {
      if (/^23/.test(String((error as { code?: unknown }).code))) {
        // A constraint violation will not heal by retrying (e.g. the actor's row is gone): drop the batch.
        dropped += batch.length;
        log.error({ err: error, dropped: batch.length }, 'data-access audit rows refused by the database; dropped');
        return;
      }
      // Put the batch back (bounded) so a short outage loses nothing.
      queue = [...batch, ...queue];
      if (queue.length > MAX_QUEUED) {
        dropped += queue.length - MAX_QUEUED;
        queue = queue.slice(queue.length - MAX_QUEUED);
      }
      log.warn({ err: error, queued: queue.length, dropped }, 'could not write data-access audit rows; will retry');
      throw error;
    }
  };

  // One writer at a time; it drains the queue (rows queued meanwhile included) or stops at the first failed write.
  let writing: Promise<void> | undefined;
  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue.slice(0, BATCH_SIZE);
      queue = queue.slice(BATCH_SIZE);
      try {
        await write(batch);
      } catch {
        return;
      }
    }
  };
  const flush = async (): Promise<void> => {
    while (writing) await writing;
    if (queue.length === 0) return;
    writing = drain().finally(() => {
      writing = undefined;
    });
    await writing;
  };

  const timer = setInterval(() => {
    if (!writing) void flush();
  }, FLUSH_INTERVAL_MS);
  timer.unref();

  return {
    record(entry) {
      if (!enabled) return;
      queue.push(entry);
      if (queue.length > MAX_QUEUED) {
        queue.shift();
        dropped += 1;
      }
      if (queue.length >= BATCH_SIZE && !writing) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
