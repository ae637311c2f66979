import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { ErrorCode } from '../core/errors';
import type { ParameterMap, ParameterValues } from './parameters';

export type HttpMethod = 'GET' | 'PATCH' | 'POST' | 'PUT' | 'DELETE';

/** JSON Schema (OpenAPI 3.1 dialect) of a response body. */
export type JsonSchema = Record<string, unknown>;

/**
 * One REST route: a GraphQL document, how its variables come from the path and query parameters,
 * and how its result becomes the documented JSON. A route never reads data any other way.
 */
export interface Route<Params extends ParameterMap = ParameterMap, Result = any, Variables = any> {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. /admin/users/{id}/deactivate. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  parameters: Params;
  document: TypedDocumentNode<Result, Variables>;
  variables(params: ParameterValues<Params>): Variables;
  shape(data: Result, params: ParameterValues<Params>): unknown;
  /** The 200 body, for OpenAPI. */
  response: { description: string; schema: JsonSchema; example?: unknown };
  /** Errors of a dependency this route needs (e.g. TEMPORAL_UNAVAILABLE, 503 with Retry-After), for OpenAPI. */
  dependencyErrors?: ErrorCode[];
  /** GraphQL argument paths (as named in BAD_USER_INPUT errors) back to the REST parameter they came from. */
  argumentParameters?: Record<string, string>;
  /** The 404 detail when the document answers NOT_FOUND (documented in OpenAPI when present). */
  notFoundDetail?: string;
}

/** Infers a route's parameter, result and variable types from its parts. */
export function route<Params extends ParameterMap, Result, Variables>(definition: Route<Params, Result, Variables>): Route<Params, Result, Variables> {
  return definition;
}
