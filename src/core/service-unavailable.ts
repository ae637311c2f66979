import type { ExecutionResult, GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type Plugin, type YogaMaskedErrorOpts } from 'graphql-yoga';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/availability';
import { ERROR_CATALOGUE, gatewayError } from './errors';

export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
export const SERVICE_UNAVAILABLE_MESSAGE = ERROR_CATALOGUE.SERVICE_UNAVAILABLE.example;

/** 503 + Retry-After: a dependency (the database) is gone or saturated for now; the same request may succeed later. */
export function serviceUnavailableError(retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS): GraphQLError {
  return gatewayError(SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_MESSAGE, {
    retryAfter: retryAfterSeconds,
    http: { status: ERROR_CATALOGUE.SERVICE_UNAVAILABLE.status, headers: { 'Retry-After': String(retryAfterSeconds) } },
  });
}

/** Yoga's error masking, except that a lost or exhausted database becomes SERVICE_UNAVAILABLE instead of a 500. */
export const maskError: YogaMaskedErrorOpts['maskError'] = (error, message, isDev) =>
  isDatabaseUnavailable(error) ? serviceUnavailableError() : yogaMaskError(error, message, isDev);

function isExecutionResult(result: unknown): result is ExecutionResult {
  return !!result && typeof result === 'object' && !(Symbol.asyncIterator in result);
}

const unavailableIn = (result: ExecutionResult) => result.errors?.some((error) => error.extensions?.code === SERVICE_UNAVAILABLE);

/**
 * A request that lost the database anywhere (one loader of many) is answered as a whole with 503, never as data with
 * holes in it: a caller retries a 503, while a partial answer would be taken for the truth.
 */
export function useWholeAnswerOrUnavailable(): Plugin {
  return {
    onExecutionResult({ result, setResult }) {
      const results = Array.isArray(result) ? result : [result];
      if (results.some((one) => isExecutionResult(one) && unavailableIn(one))) setResult({ errors: [serviceUnavailableError()] });
    },
  };
}
