import type { Server } from 'node:http';
import { provisionAdmin } from '../../src/access/bootstrap-admin';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import type { LiveFeed } from '../../src/live/live-feed';
import { createLogger } from '../../src/core/logger';
import { createGateway, type Gateway } from '../../src/server';

export interface GraphQLResponse<Data = any> {
  status: number;
  data?: Data;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface RestResponse {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface TestGateway {
  url: string;
  server: Server;
  /** An admin key of admin@example.com, provisioned on start. */
  adminKey: string;
  graphql<Data = any>(query: string, variables?: Record<string, unknown>, options?: { key?: string | null }): Promise<GraphQLResponse<Data>>;
  /** A raw POST to /graphql with a bearer token (null for none), for status, headers and exact bodies. */
  post(body: unknown, options?: { key?: string | null; headers?: Record<string, string> }): Promise<Response>;
  /** A REST call (GET unless told) with a bearer token (null for none); `body` is the parsed JSON, when it is JSON. */
  rest(path: string, options?: { method?: string; key?: string | null; headers?: Record<string, string> }): Promise<RestResponse>;
  /** Writes queued data-access audit rows now (they are otherwise written within a second). */
  flushAudit(): Promise<void>;
  /** The gateway's authenticator, rate limiter and audit queue. */
  access: Gateway['access'];
  /** The gateway's live feed, to read its subscriber statistics. */
  liveFeed: LiveFeed;
  /** The gateway's open WebSockets. */
  webSockets(): ReadonlySet<unknown>;
  stop(): Promise<void>;
}

/** A real gateway over a real socket on a free loopback port. `environment` overrides configuration. */
export async function startTestGateway(database: Database, environment: Record<string, string> = {}): Promise<TestGateway> {
  const config = loadConfig({ LOG_LEVEL: 'silent', PGLITE_DATA_DIR: 'memory', ...environment });
  const { key } = await provisionAdmin(database.db, 'admin@example.com');
  const gateway = createGateway({ config, database, log: createLogger(config.logLevel) });
  const url = await gateway.start(0, '127.0.0.1');
  const adminKey = key as string;
  /** The admin key unless another (or null, for none) is given. */
  const authorization = (given: string | null | undefined): Record<string, string> => {
    const bearer = given === undefined ? adminKey : given;
    return bearer ? { authorization: `Bearer ${bearer}` } : {};
  };
  return {
    url,
    server: gateway.server,
    adminKey,
    async graphql(query, variables, options = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization(options.key) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    post(body, options = {}) {
      return fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization(options.key), ...options.headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async rest(path, options = {}) {
      const response = await fetch(`${url}${path}`, { method: options.method ?? 'GET', headers: { ...authorization(options.key), ...options.headers } });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('json');
      return { status: response.status, headers: response.headers, text, body: json ? JSON.parse(text) : undefined };
    },
    flushAudit: () => gateway.access.accessAudit.flush(),
    access: gateway.access,
    liveFeed: gateway.liveFeed,
    webSockets: () => gateway.webSockets,
    stop: () => gateway.stop(),
  };
}
