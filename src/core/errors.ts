import { GraphQLError } from 'graphql';

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'RATE_LIMITED' | 'TEMPORAL_UNAVAILABLE';

export function gatewayError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** A bad argument; `argument` names it (dotted for input fields, e.g. "filter.hours"). */
export function badInput(argument: string, message: string) {
  return gatewayError('BAD_USER_INPUT', `${argument}: ${message}`, { argument });
}

export function notFound(what: string) {
  return gatewayError('NOT_FOUND', `${what} not found`);
}
