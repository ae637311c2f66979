import { gatewayError } from './errors';
import { TEMPORAL_RETRY_AFTER_SECONDS, TemporalUnavailable } from './temporal-connection';

/**
 * Runs a resolver's Temporal work; Temporal being away becomes this field's TEMPORAL_UNAVAILABLE
 * error (the rest of the response is unaffected, the field being nullable). The message says what
 * to do, never an address or a stack.
 */
export async function fromTemporal<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof TemporalUnavailable)) throw error;
    const notConfigured = error.reason.startsWith('not configured');
    throw gatewayError(
      'TEMPORAL_UNAVAILABLE',
      notConfigured
        ? 'Temporal is not configured on this gateway: set TEMPORAL_ADDRESS (for example localhost:7233 for `temporal server start-dev`); see README, "Temporal"'
        : `Temporal is unavailable; retry in ${TEMPORAL_RETRY_AFTER_SECONDS} s`,
      { retryAfter: TEMPORAL_RETRY_AFTER_SECONDS },
    );
  }
}
