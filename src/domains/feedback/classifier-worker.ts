import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import type { EventBus } from '../../live/bus';
import type { Logger } from '../../core/logger';
import { classifyPendingFeedback } from './classify-rows';

/** How often the unclassified-rows index is swept for reports whose notification this instance missed. */
export const CLASSIFIER_SWEEP_MS = 5_000;

/**
 * Classifies feedback as it is stored, whoever stores it: the insert trigger's `feedback_received`
 * notification wakes this worker in every gateway, the first to lock a row classifies it, and the
 * update fires `feedback_added` for subscribers. A sweep at start and every few seconds catches rows
 * written while no gateway was listening. Runs never overlap; a wake-up during a run schedules one more.
 */
export function startFeedbackClassifier({ db, bus, log, sweepMs = CLASSIFIER_SWEEP_MS }: { db: Kysely<Database>; bus: EventBus; log: Logger; sweepMs?: number }) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        const classified = await classifyPendingFeedback(db).catch((error: unknown) => {
          log.warn({ err: error }, 'feedback classifier: run failed, retrying at the next sweep');
          return 0;
        });
        if (classified > 0) log.debug({ classified }, 'feedback classifier: classified reports');
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  }

  const unsubscribe = bus.subscribe('feedback_received', wake);
  const timer = setInterval(wake, sweepMs);
  timer.unref();
  wake();
  return {
    /** Resolves once the current run (if any) has finished. */
    idle: async () => {
      while (running) await running;
    },
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      while (running) await running;
    },
  };
}
