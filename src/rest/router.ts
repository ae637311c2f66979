import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DocumentNode, ExecutionResult } from 'graphql';
import { SERVICE_UNAVAILABLE_MESSAGE } from '../core/service-unavailable';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/availability';
import { readBodyWithin } from '../access/body-limit';
import { ERROR_CATALOGUE, isErrorCode } from '../core/errors';
import type { Logger } from '../core/logger';
import { buildOpenApiDocument } from './openapi';
import { ParameterError, type ParameterValues } from './parameters';
import { REFERENCE_PAGE_HEADERS, referencePage } from './reference-page';
import type { Route } from './route';
import { AUTH_CHECK, routes as defaultRoutes } from './routes';

/**
 * How the router runs a route's document: in process, through the same gate (authentication, rate limit) and the
 * same execution (query limits, context, audit, error masking) as /graphql. `headers`: the rate-limit headers.
 */
export interface GraphQLExecutor {
  run(document: DocumentNode, variables: Record<string, unknown>, serverContext: RestServerContext): Promise<{ result: ExecutionResult; headers: Record<string, string> }>;
}

/** Yoga's server context for a REST call: the node request, and the route so that data-access audit can name it. */
export interface RestServerContext {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  clientAddress: string | undefined;
  /** e.g. "GET /admin/users" */
  restRoute: string;
}

interface GraphQLErrorBody {
  message?: string;
  extensions?: { code?: string; argument?: string; problem?: string; retryAfter?: number; http?: { headers?: Record<string, string> } };
}

/** Headers a rate-limited answer carries through to the REST caller. */
const PASSED_THROUGH_HEADERS = /^(retry-after|ratelimit.*|x-ratelimit-.*|www-authenticate)$/i;

class RestAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

const detail = (status: number, text: string, headers?: Record<string, string>) => new RestAnswer(status, { detail: text }, headers);
const INTERNAL = () => detail(ERROR_CATALOGUE.INTERNAL_SERVER_ERROR.status, ERROR_CATALOGUE.INTERNAL_SERVER_ERROR.detail);

function send(res: ServerResponse, answer: RestAnswer) {
  if (answer.body instanceof HtmlPage) {
    res.writeHead(answer.status, { ...answer.headers, ...REFERENCE_PAGE_HEADERS }).end(answer.body.html);
    return;
  }
  res.writeHead(answer.status, { ...answer.headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(answer.body));
}

class HtmlPage {
  constructor(readonly html: string) {}
}

/** A path segment as the caller meant it; a malformed escape is left as typed (and fails validation). */
function decodeSegment(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Splits an OpenAPI path template into a matcher that yields its named segments. */
function compilePath(template: string) {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const regex = new RegExp(`^${pattern}/?$`);
  return (pathname: string): Record<string, string> | undefined => {
    const match = regex.exec(pathname);
    if (!match) return undefined;
    return Object.fromEntries(names.map((name, index) => [name, decodeSegment(match[index + 1] as string)]));
  };
}

/**
 * The /admin/* REST view: matches a route of the table, validates its parameters, runs its GraphQL
 * document in process through the same gate and execution as /graphql (with the caller's Authorization
 * and request id), and answers the documented JSON or a documented {"detail"} error.
 */
const DEFAULT_MAX_BODY_BYTES = 1_000_000;

/** A body field as parameter text: strings as they are, anything else as its JSON. */
function bodyText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The request body as a JSON object (413 past the limit; a ParameterError naming "body" if it is not an object). */
async function readJsonObject(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown> | RestAnswer> {
  const read = await readBodyWithin(req, maxBytes);
  if (!read.ok) return detail(read.status, read.message, { connection: 'close' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.body.toString('utf8'));
  } catch {
    throw new ParameterError('body', 'must be a JSON object');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ParameterError('body', 'must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** `demoKeyFor` says which key /admin/docs may prefill for a caller (the server's one rule, shared with GraphiQL). */
export function createRestRouter(
  executor: GraphQLExecutor,
  options: { log: Logger; routes?: Route[]; maxBodyBytes?: number; demoKeyFor?: (req: IncomingMessage) => string | undefined },
) {
  const table = options.routes ?? defaultRoutes;
  const compiled = table.map((entry) => ({ entry, match: compilePath(entry.path) }));
  let openApi: unknown;

  async function execute(
    entry: Pick<Route, 'document' | 'argumentParameters'> & { method?: string; path?: string },
    variables: unknown,
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
  ): Promise<{ data: any; headers: Record<string, string> } | RestAnswer> {
    const restRoute = `${entry.method ?? req.method} ${entry.path ?? new URL(req.url ?? '/', 'http://gateway.internal').pathname}`;
    const { result, headers } = await executor.run(entry.document, variables as Record<string, unknown>, { req, res, requestId, clientAddress: req.socket.remoteAddress, restRoute });
    const error = result.errors?.[0] as GraphQLErrorBody | undefined;
    const passed: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...headers, ...error?.extensions?.http?.headers })) {
      if (PASSED_THROUGH_HEADERS.test(name)) passed[name.toLowerCase()] = value;
    }
    if (error) {
      const code = error.extensions?.code;
      if (!isErrorCode(code) || code === 'INTERNAL_SERVER_ERROR') {
        options.log.error({ requestId, code, graphqlError: error.message }, 'REST route answered 500 for a GraphQL error');
        return INTERNAL();
      }
      const kind: { status: number; detail?: string } = ERROR_CATALOGUE[code];
      const status = kind.status;
      let message = kind.detail ?? error.message ?? '';
      if (code === 'BAD_USER_INPUT') {
        const { argument, problem } = error.extensions ?? {};
        const parameter = argument ? entry.argumentParameters?.[argument] : undefined;
        // Name the REST parameter, never a GraphQL argument the caller cannot see.
        message = parameter && problem ? `${parameter}: ${problem}` : `Invalid request: ${problem ?? message}`;
      }
      // A dependency that is away (Temporal) tells the caller when to come back.
      if (status === 503 && error.extensions?.retryAfter) passed['retry-after'] = String(error.extensions.retryAfter);
      return detail(status, message, passed);
    }
    if (result.data == null) return INTERNAL();
    return { data: result.data, headers: passed };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, url: URL): Promise<RestAnswer> {
    const { pathname } = url;
    if (pathname === '/admin/openapi.json') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return detail(405, 'Method Not Allowed', { allow: 'GET' });
      // Same gate as everything else here: the GraphQL auth, limits and audit decide.
      const checked = await execute({ document: AUTH_CHECK }, {}, req, res, requestId);
      if (checked instanceof RestAnswer) return checked;
      openApi ??= buildOpenApiDocument(table);
      return new RestAnswer(200, openApi, checked.headers);
    }

    if (pathname === '/admin/docs') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return detail(405, 'Method Not Allowed', { allow: 'GET' });
      return new RestAnswer(200, new HtmlPage(referencePage(options.demoKeyFor?.(req))));
    }

    const candidates = compiled.flatMap(({ entry, match }) => {
      const pathParams = match(pathname);
      return pathParams ? [{ entry, pathParams }] : [];
    });
    if (candidates.length === 0) return detail(404, 'Not Found');
    const chosen = candidates.find(({ entry }) => entry.method === req.method);
    if (!chosen) {
      const allowed = [...new Set(candidates.map(({ entry }) => entry.method))].join(', ');
      return detail(405, 'Method Not Allowed', { allow: allowed });
    }

    const { entry, pathParams } = chosen;
    let params: ParameterValues<typeof entry.parameters>;
    try {
      const body = Object.values(entry.parameters).some((parameter) => parameter.in === 'body') ? await readJsonObject(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : {};
      if (body instanceof RestAnswer) return body;
      params = Object.fromEntries(
        Object.entries(entry.parameters).map(([name, parameter]) => {
          const raw = parameter.in === 'path'
            ? pathParams[name]
            : parameter.in === 'body'
              ? bodyText(body[name])
              : (url.searchParams.getAll(name).at(-1) ?? undefined);
          return [name, parameter.parse(name, raw)];
        }),
      );
    } catch (error) {
      if (!(error instanceof ParameterError)) throw error;
      // Who is asking comes first: a caller who may not use the route learns nothing about its parameters.
      const checked = await execute({ document: AUTH_CHECK }, {}, req, res, requestId);
      return checked instanceof RestAnswer ? checked : detail(422, error.message);
    }

    const outcome = await execute(entry, entry.variables(params), req, res, requestId);
    if (outcome instanceof RestAnswer) {
      return outcome.status === 404 && entry.notFoundDetail ? detail(404, entry.notFoundDetail) : outcome;
    }
    return new RestAnswer(200, entry.shape(outcome.data, params), outcome.headers);
  }

  return {
    /** Answers a request under /admin; never lets internal error text reach the caller. */
    async handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
      const url = new URL(req.url ?? '/', 'http://gateway.internal');
      let answer: RestAnswer;
      try {
        answer = await handle(req, res, requestId, url);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          answer = detail(503, SERVICE_UNAVAILABLE_MESSAGE, { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
        } else {
          options.log.error({ requestId, err: error }, 'REST route failed');
          answer = INTERNAL();
        }
      }
      send(res, answer);
    },
  };
}
