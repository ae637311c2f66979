import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DocumentNode, ExecutionResult, GraphQLFormattedError } from 'graphql';
import { ERROR_CATALOGUE, isErrorCode } from '../core/errors';
import type { Logger } from '../core/logger';
import { buildOpenApiDocument } from './openapi';
import { ParameterError, type ParameterValues } from './parameters';
import { REFERENCE_PAGE, REFERENCE_PAGE_HEADERS } from './reference-page';
import type { Route } from './route';
import { AUTH_CHECK, routes as defaultRoutes } from './routes';

/**
 * How the router runs a route's document: in process, through the same gate (authentication, rate limit) and
 * the same enveloped execution (query limits, context, audit, error masking) as /graphql, without an HTTP
 * round trip. `headers` are the rate-limit headers to answer with.
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
export function createRestRouter(executor: GraphQLExecutor, options: { log: Logger; routes?: Route[] }) {
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
    const { result, headers } = await executor.run(entry.document, variables as Record<string, unknown>, {
      req, res, requestId, clientAddress: req.socket.remoteAddress, restRoute: `${entry.method ?? req.method} ${entry.path ?? new URL(req.url ?? '/', 'http://gateway.internal').pathname}`,
    });
    const error = result.errors?.[0] as (GraphQLFormattedError & { extensions?: { code?: string; argument?: string; problem?: string; http?: { headers?: Record<string, string> } } }) | undefined;
    const passed: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...headers, ...error?.extensions?.http?.headers })) {
      if (PASSED_THROUGH_HEADERS.test(name)) passed[name] = value;
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
      return new RestAnswer(200, new HtmlPage(REFERENCE_PAGE));
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
      params = Object.fromEntries(
        Object.entries(entry.parameters).map(([name, parameter]) => {
          const raw = parameter.in === 'path' ? pathParams[name] : (url.searchParams.getAll(name).at(-1) ?? undefined);
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
        options.log.error({ requestId, err: error }, 'REST route failed');
        answer = INTERNAL();
      }
      send(res, answer);
    },
  };
}
