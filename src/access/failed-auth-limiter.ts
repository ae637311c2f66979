import { RateLimiterMemory } from 'rate-limiter-flexible';
import { gatewayError } from '../core/errors';
import type { Authenticator } from './authenticator';
import { AccessDenied } from './principal';

/**
 * Failed authentications per client address (the socket's peer), counted in process over a fixed minute. An address
 * past AUTH_FAILURES_PER_MINUTE is refused with 429 before its credential is even looked at, so that guessing keys
 * or replaying bad tokens costs the database nothing. Only 401s count. Calls without an address (the periodic
 * re-check of open sockets) are not limited: their refusal must stay an AccessDenied that closes the socket.
 */
export function limitFailedAuthentications(authenticator: Authenticator, { perMinute }: { perMinute: number }): Authenticator {
  const failures = new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix: 'gateway:auth-failures' });

  async function refusal(address: string) {
    const state = await failures.get(address);
    if (!state || state.consumedPoints < perMinute) return undefined;
    const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    return gatewayError('RATE_LIMITED', `Too many failed authentications from this address: ${perMinute} per minute. Retry in ${retryAfter} s.`, {
      retryAfter,
      http: { status: 429, headers: { 'Retry-After': String(retryAfter) } },
    });
  }

  return {
    async authenticate(authorization, clientAddress) {
      if (clientAddress === undefined) return authenticator.authenticate(authorization);
      const refused = await refusal(clientAddress);
      if (refused) throw refused;
      try {
        return await authenticator.authenticate(authorization);
      } catch (error) {
        if (error instanceof AccessDenied && error.status === 401) await failures.consume(clientAddress).catch(() => {});
        throw error;
      }
    },
  };
}
