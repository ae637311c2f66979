import { ERROR_CATALOGUE, type ErrorCode } from '../core/errors';
import type { Route } from './route';

const errorBody = { $ref: '#/components/schemas/Error' };
const retryAfter = { 'Retry-After': { description: 'Seconds until a request is accepted again.', schema: { type: 'integer' } } };
/** The OpenAPI response of an error code, from the catalogue (a route may name its own example detail). */
const errorResponse = (code: ErrorCode, example: string = ERROR_CATALOGUE[code].example) => {
  const { status, description } = ERROR_CATALOGUE[code];
  return [status, {
    description,
    ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
    content: { 'application/json': { schema: errorBody, example: { detail: example } } },
  }] as const;
};
const responsesOf = (...entries: (readonly [number, unknown])[]) => Object.fromEntries(entries);

/** The OpenAPI 3.1 description of the route table: every route, parameter, response and error body. */
export function buildOpenApiDocument(table: Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const entry of table) {
    const parameters = Object.entries(entry.parameters).map(([name, parameter]) => ({
      name,
      in: parameter.in,
      required: parameter.required,
      description: parameter.description,
      schema: parameter.schema,
    }));
    const responses: Record<string, unknown> = {
      200: {
        description: entry.response.description,
        content: { 'application/json': { schema: entry.response.schema, ...(entry.response.example ? { example: entry.response.example } : {}) } },
      },
      ...responsesOf(
        errorResponse('UNAUTHENTICATED'),
        errorResponse('FORBIDDEN'),
        ...(entry.notFoundDetail ? [errorResponse('NOT_FOUND', entry.notFoundDetail)] : []),
        ...(parameters.length > 0 ? [errorResponse('BAD_USER_INPUT')] : []),
        errorResponse('RATE_LIMITED'),
        errorResponse('INTERNAL_SERVER_ERROR'),
      ),
    };
    (paths[entry.path] ??= {})[entry.method.toLowerCase()] = {
      operationId: entry.operationId,
      summary: entry.summary,
      ...(entry.description ? { description: entry.description } : {}),
      tags: [entry.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      responses,
    };
  }
  paths['/admin/openapi.json'] = {
    get: {
      operationId: 'openApiDocument',
      summary: 'This document',
      tags: ['Meta'],
      responses: {
        200: { description: 'The OpenAPI 3.1 description of the /admin routes.', content: { 'application/json': { schema: { type: 'object' } } } },
        ...responsesOf(errorResponse('UNAUTHENTICATED'), errorResponse('FORBIDDEN')),
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Admin gateway REST API',
      version: '1.0.0',
      description:
        'Platform monitoring and management endpoints for administrators. Every route runs a GraphQL document against the same '
        + 'schema as /graphql, so authentication, rate limits and audit are the GraphQL ones.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: [...new Set([...table.map((entry) => entry.tag), 'Meta'])].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An admin API key (sk_…) or a Clerk session JWT of an admin.' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: { detail: { type: 'string' } },
          required: ['detail'],
          additionalProperties: false,
        },
      },
    },
  };
}
