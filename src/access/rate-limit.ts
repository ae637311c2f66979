import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { Logger } from '../core/logger';
import type { Principal } from './principal';

interface Window {
  name: 'minute' | 'hour';
  points: number;
  seconds: number;
}

export interface RateLimitOutcome {
  allowed: boolean;
  /** RateLimit-* headers (and Retry-After when refused) for the response. */
  headers: Record<string, string>;
  /** Refused only: what was exceeded, for the caller. */
  message?: string;
  retryAfterSeconds?: number;
}

export interface RateLimiter {
  /** Counts one request of a principal against every window. */
  consume(principal: Principal): Promise<RateLimitOutcome>;
  /** Which store counts right now: 'redis', 'memory', or 'memory-fallback' while Redis is unreachable. */
  store(): 'redis' | 'memory' | 'memory-fallback';
  close(): Promise<void>;
}

/**
 * Per-principal limits over fixed windows (a minute and an hour) with rate-limiter-flexible: in process, or in Redis
 * shared by every instance when REDIS_URL is set. When Redis cannot answer, each instance falls back to its own
 * in-memory counters (the limiter's insuranceLimiter) instead of refusing everyone: see README "Rate limits".
 */
export function createRateLimiter({ config, log }: { config: Config; log: Logger }): RateLimiter {
  const { redisUrl, perMinute, perHour } = config.rateLimit;
  const windows: Window[] = [
    { name: 'minute', points: perMinute, seconds: 60 },
    { name: 'hour', points: perHour, seconds: 3600 },
  ];
  const keyPrefix = (window: Window) => `gateway:ratelimit:${window.name}`;
  const memory = (window: Window) => new RateLimiterMemory({ points: window.points, duration: window.seconds, keyPrefix: keyPrefix(window) });

  // In process until Redis is there: the same memory limiters are the Redis limiters' insurance while it is away.
  const inProcess = windows.map(memory);
  let limiters: (RateLimiterMemory | RateLimiterRedis)[] = inProcess;
  let redis: Redis | undefined;
  let closed = false;
  if (redisUrl) {
    // ioredis is loaded only when REDIS_URL is set (about 2 MB of heap and its code otherwise never used); until it
    // is (a few milliseconds, less than a connection takes) the counts are in process, as when Redis is unreachable.
    void import('ioredis').then(({ Redis }) => {
      if (closed) return;
      const client = new Redis(redisUrl, {
        // Fail fast while disconnected so the fallback answers at once instead of requests queueing behind a reconnect.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: 500,
        connectTimeout: 2000,
      });
      redis = client;
      // Log transitions only: a Redis that stays down reports every reconnect attempt.
      let available: boolean | undefined;
      const markAvailable = (now: boolean, error?: unknown) => {
        if (available === now) return;
        available = now;
        if (now) log.info({ redis: 'ready' }, 'rate limits counted in Redis');
        else log.warn({ err: error }, 'Redis unavailable: rate limits counted in this process until it returns');
      };
      client.on('ready', () => markAvailable(true));
      client.on('error', (error) => markAvailable(false, error));
      client.on('close', () => markAvailable(false));
      limiters = windows.map(
        (window, index) =>
          new RateLimiterRedis({
            storeClient: client,
            points: window.points,
            duration: window.seconds,
            keyPrefix: keyPrefix(window),
            rejectIfRedisNotReady: true,
            insuranceLimiter: inProcess[index],
          }),
      );
    }, (error: unknown) => log.error({ err: error }, 'could not load the Redis client: rate limits counted in this process'));
  }

  return {
    async consume(principal) {
      const key = principal.userId;
      const results = await Promise.all(
        limiters.map((limiter) =>
          limiter.consume(key).then(
            (res) => ({ allowed: true, res }),
            (rejection: unknown) => {
              if (rejection instanceof RateLimiterRes) return { allowed: false, res: rejection };
              throw rejection;
            },
          ),
        ),
      );
      const states = results.map(({ allowed, res }, index) => {
        const window = windows[index] as Window;
        return { window, allowed, remaining: Math.max(0, window.points - res.consumedPoints), resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
      });
      // The binding window is the one with the fewest requests left (the later reset when tied).
      const binding = states.reduce((worst, state) =>
        state.remaining < worst.remaining || (state.remaining === worst.remaining && state.resetSeconds > worst.resetSeconds) ? state : worst,
      );
      const headers: Record<string, string> = {
        'RateLimit-Policy': windows.map((window) => `${window.points};w=${window.seconds}`).join(', '),
        'RateLimit-Limit': String(binding.window.points),
        'RateLimit-Remaining': String(binding.remaining),
        'RateLimit-Reset': String(binding.resetSeconds),
      };
      const refused = states.filter((state) => !state.allowed);
      if (refused.length === 0) return { allowed: true, headers };
      const exceeded = refused.reduce((longest, state) => (state.resetSeconds > longest.resetSeconds ? state : longest));
      headers['Retry-After'] = String(exceeded.resetSeconds);
      return {
        allowed: false,
        headers,
        retryAfterSeconds: exceeded.resetSeconds,
        message: `Rate limit exceeded: ${exceeded.window.points} requests per ${exceeded.window.name}. Retry in ${exceeded.resetSeconds} s.`,
      };
    },
    store() {
      if (!redisUrl) return 'memory';
      return redis?.status === 'ready' ? 'redis' : 'memory-fallback';
    },
    async close() {
      closed = true;
      redis?.disconnect();
    },
  };
}
