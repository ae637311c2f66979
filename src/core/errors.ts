import { GraphQLError } from 'graphql';

interface ErrorKind {
  /** HTTP status of a REST answer (and of a GraphQL-over-HTTP answer where the error decides the status). */
  status: number;
  /** What the OpenAPI document says this answer means. */
  description: string;
  /** An example REST detail. */
  example: string;
  /** The REST detail when it is fixed; otherwise the GraphQL message is the detail. */
  detail?: string;
  /** graphql-ws close code when the error ends a WebSocket (graphql-ws leaves 4400–4499 to applications). */
  closeCode?: number;
}

/** Every error code a caller can see: the GraphQL `extensions.code`, the REST status and detail, the WebSocket close code. */
export const ERROR_CATALOGUE = {
  UNAUTHENTICATED: { status: 401, description: 'Missing or invalid credentials.', example: 'Invalid API key', closeCode: 4401 },
  FORBIDDEN: { status: 403, description: 'The caller is not an admin.', example: 'Admin access required', closeCode: 4403 },
  NOT_FOUND: { status: 404, description: 'No such record.', example: 'Not Found' },
  BAD_USER_INPUT: { status: 422, description: 'A parameter is not valid; the detail names it.', example: 'limit: must be between 1 and 100, got 500' },
  RATE_LIMITED: { status: 429, description: 'Rate limit exceeded.', example: 'Rate limit exceeded' },
  QUERY_LIMIT_EXCEEDED: { status: 400, description: 'The document exceeds a query limit (depth, cost, aliases, tokens, directives).', example: 'Query depth limit of 12 exceeded, found 13.' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The request body exceeds MAX_REQUEST_BYTES.', example: 'Request body exceeds the limit of 1000000 bytes (MAX_REQUEST_BYTES)' },
  SUBSCRIBER_TOO_SLOW: { status: 429, description: 'A subscriber fell too far behind its feed and was disconnected.', example: 'Subscriber too slow', closeCode: 4429 },
  SERVICE_UNAVAILABLE: { status: 503, description: 'A dependency (database, Redis) is unavailable; retry after Retry-After seconds.', example: 'Service temporarily unavailable', closeCode: 4503 },
  TEMPORAL_UNAVAILABLE: { status: 503, description: 'Temporal is not configured or not reachable.', example: 'Temporal is unavailable' },
  INTERNAL_SERVER_ERROR: { status: 500, description: 'Unexpected failure (no internal detail is given).', example: 'Internal Server Error', detail: 'Internal Server Error', closeCode: 4500 },
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code);
}

export function closeCodeOf(code: ErrorCode): number {
  const kind: ErrorKind = ERROR_CATALOGUE[code];
  return kind.closeCode ?? ERROR_CATALOGUE.INTERNAL_SERVER_ERROR.closeCode;
}

export function gatewayError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/**
 * A bad argument; `argument` names it (dotted for input fields, e.g. "filter.hours") and `problem` says what is
 * wrong without the name, so that REST can name its own parameter instead.
 */
export function badInput(argument: string, problem: string) {
  return gatewayError('BAD_USER_INPUT', `${argument}: ${problem}`, { argument, problem });
}

export function notFound(what: string) {
  return gatewayError('NOT_FOUND', `${what} not found`);
}
