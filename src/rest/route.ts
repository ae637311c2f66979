import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { z } from 'zod';
import type { ErrorCode } from '../core/errors';
import { paging, type ParameterMap, type ParameterValues } from './parameters';
import { pageOffset } from './shapes';

export type HttpMethod = 'GET' | 'PATCH' | 'POST' | 'PUT' | 'DELETE';

/**
 * One REST route: a GraphQL document, how its variables come from the path and query parameters,
 * and how its result becomes the documented JSON. A route never reads data any other way.
 */
export interface Route<Params extends ParameterMap = ParameterMap, Result = any, Variables = any, Schema extends z.ZodType = z.ZodType> {
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
  shape(data: Result, params: ParameterValues<Params>): z.input<Schema>;
  /** The 200 body: its schema types the shaper and is printed into OpenAPI. */
  response: { description: string; schema: Schema; example?: z.input<Schema> };
  /** Errors of a dependency this route needs (e.g. TEMPORAL_UNAVAILABLE, 503 with Retry-After), for OpenAPI. */
  dependencyErrors?: ErrorCode[];
  /** GraphQL argument paths (as named in BAD_USER_INPUT errors) back to the REST parameter they came from. */
  argumentParameters?: Record<string, string>;
  /** The 404 detail when the document answers NOT_FOUND (documented in OpenAPI when present). */
  notFoundDetail?: string;
}

/** Infers a route's parameter, result and variable types from its parts. */
export function route<Params extends ParameterMap, Result, Variables, Schema extends z.ZodType>(
  definition: Route<Params, Result, Variables, Schema>,
): Route<Params, Result, Variables, Schema> {
  return definition;
}

/** The variables of a paged connection document. */
interface PageVariables {
  first: number;
  offset?: number | null;
}

/**
 * A GET route over one GraphQL connection, paged by the documented `page` and `limit`: this adds both parameters,
 * turns them into the document's `first`/`offset` and names them in errors; `filters` gives the other variables.
 */
export function pagedRoute<Params extends ParameterMap, Result, Variables extends PageVariables, Schema extends z.ZodType>(
  definition: Omit<Route<Params & typeof paging, Result, Variables, Schema>, 'method' | 'parameters' | 'variables'> & {
    parameters: Params;
    filters(params: ParameterValues<Params & typeof paging>): Omit<Variables, keyof PageVariables>;
  },
): Route<Params & typeof paging, Result, Variables, Schema> {
  const { parameters, filters, argumentParameters, ...rest } = definition;
  return {
    ...rest,
    method: 'GET',
    parameters: { ...parameters, ...paging },
    variables: (params) => {
      // TypeScript cannot resolve ParameterValues of a generic intersection; page and limit are paging's numbers.
      const { page, limit } = params as unknown as ParameterValues<typeof paging>;
      return { ...filters(params), first: limit, offset: pageOffset(page, limit) } as unknown as Variables;
    },
    argumentParameters: { first: 'limit', offset: 'page', ...argumentParameters },
  };
}
