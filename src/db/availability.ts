/** How long a caller is told to wait (Retry-After, seconds) while the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATE classes and codes that mean "the server is not there for us right now", not "this statement is wrong":
// 08 connection exception, 57P01-57P03 shutdown / cannot connect now, 53300 too many connections, 53100/53200 out of
// disk or memory.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53100', '53200']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// What pg and pg-pool throw without a code when a connection dies or cannot be had (pg-pool's
// connectionTimeoutMillis, i.e. DATABASE_ACQUIRE_TIMEOUT_MS, gives the "timeout exceeded" one).
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Client has encountered a connection error/,
  /^Cannot use a pool after calling end/,
  /^Query read timeout/,
  /^connection timeout/i,
];

/**
 * Whether an error (or what it wraps: GraphQL's originalError, an Error's cause) says the database cannot be reached,
 * so that the caller gets 503 + Retry-After instead of a 500.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const wrapped = error as { originalError?: unknown; cause?: unknown; errors?: unknown };
  if (isDatabaseUnavailable(wrapped.originalError, depth + 1) || isDatabaseUnavailable(wrapped.cause, depth + 1)) return true;
  return Array.isArray(wrapped.errors) && wrapped.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
