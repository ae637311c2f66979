import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import { type Temporal, TemporalNotFound, TemporalUnavailable } from '../../core/temporal-connection';
import type { SchedulePauseDeliverySettings } from '../../core/temporal-settings';
import type { Database } from '../../db/tables';

const BATCH_SIZE = 20;

export interface SchedulePauseDelivery {
  /** Delivers what is due now instead of at the next poll (after a deactivation commits). */
  wake(): void;
  /** One claim-and-deliver round; resolves with how many rows it settled (delivered or gone). */
  deliverDue(): Promise<number>;
  stop(): Promise<void>;
}

export function retryDelayMs(attempts: number, settings: SchedulePauseDeliverySettings): number {
  return Math.min(settings.retryBaseMs * 2 ** Math.max(0, attempts - 1), settings.retryMaxMs);
}

/**
 * The delivery loop of the schedule-pause outbox, one per gateway instance. A round claims due rows
 * with FOR UPDATE SKIP LOCKED and moves their next attempt past a lease in the same short statement,
 * so concurrent instances never claim the same row and no transaction stays open during a Temporal
 * call. Each claimed pause is sent as PatchSchedule (its row id is the request id), then marked
 * delivered; a schedule Temporal does not know is marked gone; while Temporal is unavailable the
 * round stops and the rows wait with capped exponential backoff. A retry first asks Temporal whether
 * the schedule already carries this pause (its answer may have been lost to the deadline), so a pause
 * is sent again only when it did not arrive.
 */
export function startSchedulePauseDelivery(options: {
  db: Kysely<Database>;
  temporal: Temporal;
  settings: SchedulePauseDeliverySettings;
  callTimeoutMs: number;
  log: Logger;
}): SchedulePauseDelivery {
  const { db, temporal, settings, log } = options;
  const leaseMs = BATCH_SIZE * options.callTimeoutMs + 30_000;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<number> | undefined;
  let again = false;
  let stopped = false;

  const claim = () =>
    db
      .updateTable('schedule_pause_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'` }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('schedule_pause_outbox')
          .select('id')
          .where('state', '=', 'pending')
          .where('next_attempt_at', '<=', sql<Date>`now()`)
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(BATCH_SIZE)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'schedule_id', 'note', 'attempts'])
      .execute();

  const retryLater = (ids: string[], attempts: number, error: string) =>
    db
      .updateTable('schedule_pause_outbox')
      .set({ next_attempt_at: sql<Date>`now() + ${retryDelayMs(attempts, settings)} * interval '1 millisecond'`, last_error: error })
      .where('id', 'in', ids)
      .where('state', '=', 'pending')
      .execute();

  /** Whether the schedule is paused with this very note (this pause, delivered by an earlier attempt). */
  async function alreadyCarries(scheduleId: string, note: string): Promise<boolean> {
    const description = await temporal.call('DescribeSchedule', (service, namespace) => service.describeSchedule({ namespace, scheduleId }));
    return Boolean(description.schedule?.state?.paused) && description.schedule?.state?.notes === note;
  }

  async function deliverRound(): Promise<number> {
    const claimed = await claim();
    let settled = 0;
    for (const [index, row] of claimed.entries()) {
      try {
        // A retry may follow a call whose answer was lost (a deadline passed after Temporal took it): ask first.
        const alreadyPaused = row.attempts > 1 && (await alreadyCarries(row.schedule_id, row.note));
        if (!alreadyPaused) {
          await temporal.call('PatchSchedule', (service, namespace) =>
            service.patchSchedule({ namespace, scheduleId: row.schedule_id, patch: { pause: row.note }, identity: 'admin-gateway', requestId: row.id }),
          );
        }
        await db
          .updateTable('schedule_pause_outbox')
          .set({ state: 'delivered', delivered_at: sql<Date>`now()`, last_error: null })
          .where('id', '=', row.id)
          .execute();
        settled += 1;
      } catch (error) {
        if (error instanceof TemporalNotFound) {
          await db
            .updateTable('schedule_pause_outbox')
            .set({ state: 'gone', last_error: 'schedule not found in Temporal' })
            .where('id', '=', row.id)
            .execute();
          settled += 1;
          continue;
        }
        const reason = error instanceof TemporalUnavailable ? error.reason : 'unexpected error (see the gateway log)';
        if (!(error instanceof TemporalUnavailable)) log.error({ err: error, scheduleId: row.schedule_id }, 'schedule pause: delivery failed');
        // Temporal is away: the rest of this round waits as long as this row does.
        await retryLater(claimed.slice(index).map((rest) => rest.id), row.attempts, reason);
        log.warn({ pending: claimed.length - index, attempts: row.attempts, reason }, 'schedule pause: Temporal unavailable, retrying later');
        break;
      }
    }
    // A full round may have left more due rows behind it.
    if (claimed.length === BATCH_SIZE && settled === claimed.length) again = true;
    return settled;
  }

  function deliverDue(): Promise<number> {
    if (round) {
      again = true;
      return round;
    }
    round = deliverRound()
      .catch((error: unknown) => {
        // The database went away: the rows are still there, the next poll tries again.
        log.warn({ err: error }, 'schedule pause: outbox unavailable');
        return 0;
      })
      .finally(() => {
        round = undefined;
        if (again && !stopped) {
          again = false;
          void deliverDue();
        }
      });
    return round;
  }

  const poll = () => {
    if (stopped) return;
    void deliverDue().finally(() => {
      if (!stopped) timer = setTimeout(poll, settings.pollMs);
    });
  };
  if (temporal.configured) timer = setTimeout(poll, 0);

  return {
    wake: () => {
      if (temporal.configured && !stopped) void deliverDue();
    },
    deliverDue,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
