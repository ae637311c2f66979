import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { type DocumentNode, getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/tables';
import type { Logger } from '../core/logger';
import type { EventBus } from '../live/bus';
import { type AccessAudit, createAccessAudit } from './access-audit';
import { type Authenticator, createAuthenticator } from './authenticator';
import { AccessDenied, type Principal } from './principal';
import { createRateLimiter, type RateLimiter, type RateLimitOutcome } from './rate-limit';

/** What the access plugin reads from (and leaves on) Yoga's server context. */
export interface AccessServerContext {
  /** Set once the request is authenticated; a transport that authenticates itself (graphql-ws) may pass it in. */
  principal?: Principal;
  rateLimitHeaders?: Record<string, string>;
  /** REST passes its route ("GET /admin/users") so that data-access audit rows name it instead of the operation. */
  restRoute?: string;
  requestId?: string;
  clientAddress?: string;
}

/** AccessDenied as a GraphQL error: the REST detail as message, UNAUTHENTICATED/FORBIDDEN, the HTTP status. */
export function accessDeniedError(error: AccessDenied): GraphQLError {
  const headers = error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : undefined;
  return new GraphQLError(error.detail, { extensions: { code: error.code, http: { status: error.status, ...(headers ? { headers } : {}) } } });
}

export function rateLimitedError(outcome: RateLimitOutcome): GraphQLError {
  return new GraphQLError(outcome.message ?? 'Rate limit exceeded', {
    extensions: { code: 'RATE_LIMITED', retryAfter: outcome.retryAfterSeconds, http: { status: 429, headers: outcome.headers } },
  });
}

const QUERY_LIMIT_NAMES: [RegExp, string][] = [
  [/^Syntax Error: Query depth limit/, 'maxDepth'],
  [/^Syntax Error: Query Cost limit/, 'maxCost'],
  [/^Syntax Error: Aliases limit/, 'maxAliases'],
  [/^Syntax Error: Token limit/, 'maxTokens'],
  [/^Syntax Error: Directives limit/, 'maxDirectives'],
];

/**
 * graphql-armor's messages already name the limit and its value; give them a code, and the status of any other
 * invalid document (GraphQL over HTTP: 400 for application/graphql-response+json, 200 for legacy application/json).
 */
const describeQueryLimit = (_context: unknown, error: GraphQLError) => {
  const limit = QUERY_LIMIT_NAMES.find(([pattern]) => pattern.test(error.message))?.[1];
  if (!limit) return;
  if (limit !== 'maxTokens') error.message = error.message.replace(/^Syntax Error: /, '');
  Object.assign(error.extensions, { code: 'QUERY_LIMIT_EXCEEDED', limit, http: { status: 400, spec: true } });
};

function operationSummary(document: DocumentNode, operationName: string | null | undefined) {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const rootFields = operation.selectionSet.selections.flatMap((selection) => (selection.kind === 'Field' ? [selection.name.value] : []));
  return { operationType: operation.operation, name: operation.name?.value, rootFields };
}

export interface AccessControl {
  authenticator: Authenticator;
  rateLimiter: RateLimiter;
  accessAudit: AccessAudit;
  /** Query limits, authentication and rate limit before parsing, rate-limit headers, data-access audit. */
  plugins: Plugin[];
  /**
   * Authentication and rate limit in one call for transports outside Yoga's HTTP path (graphql-ws connection_init
   * and each subscribe): the principal, or a GraphQL error (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED).
   */
  admit(authorization: string | null | undefined): Promise<Principal>;
  /** admit, with the rate-limit headers to answer with (for REST, which runs its documents in process). */
  admitWithHeaders(authorization: string | null | undefined): Promise<{ principal: Principal; headers: Record<string, string> }>;
  /** The principal for Yoga's context factory: the one the plugin found, or (for other transports) from the header. */
  principalFor(initial: AccessServerContext & { request?: Request }): Promise<Principal>;
  close(): Promise<void>;
}

/**
 * Everything between a request and GraphQL execution. Authentication and the rate limit run in Yoga's onParams,
 * before the document is parsed or validated, so that nothing about the schema (not even a validation error)
 * reaches a caller who is not an admin, and a refused caller costs no parsing.
 */
export function createAccessControl({ config, db, log, bus }: { config: Config; db: Kysely<Database>; log: Logger; bus: EventBus }): AccessControl {
  const authenticator = createAuthenticator({ config, db, log, bus });
  const rateLimiter = createRateLimiter({ config, log });
  const accessAudit = createAccessAudit({ db, log, enabled: config.auditDataAccess });
  const limits = config.queryLimits;
  const onReject = [describeQueryLimit];

  /** For transports outside the gate: AccessDenied as the GraphQL error to answer with. */
  const authenticate = async (authorization: string | null | undefined) => {
    try {
      return await authenticator.authenticate(authorization);
    } catch (error) {
      throw error instanceof AccessDenied ? accessDeniedError(error) : error;
    }
  };

  const recordAccess = (contextValue: Record<string, unknown>, document: DocumentNode, operationName: string | null | undefined) => {
    const context = contextValue as AccessServerContext & { now?: Date };
    const summary = operationSummary(document, operationName);
    if (!context.principal || !summary || summary.rootFields.every((field) => field.startsWith('__'))) return;
    accessAudit.record({
      principal: context.principal,
      target: context.restRoute ? { type: 'rest_route', name: context.restRoute } : { type: 'graphql_operation', name: summary.name ?? '(anonymous)' },
      summary: { operationType: summary.operationType, rootFields: summary.rootFields },
      requestId: context.requestId,
      clientAddress: context.clientAddress,
      at: context.now ?? new Date(),
    });
  };

  const gate: Plugin<Record<string, any>, AccessServerContext> = {
    async onParams({ request, context, setResult }) {
      try {
        const principal = await authenticator.authenticate(request.headers.get('authorization'));
        const outcome = await rateLimiter.consume(principal);
        context.rateLimitHeaders = outcome.headers;
        if (!outcome.allowed) {
          log.info({ userId: principal.userId, retryAfter: outcome.retryAfterSeconds }, 'rate limited');
          setResult({ errors: [rateLimitedError(outcome)] });
          return;
        }
        context.principal = principal;
      } catch (error) {
        if (!(error instanceof AccessDenied)) throw error;
        setResult({ errors: [accessDeniedError(error)] });
      }
    },
    onResponse({ response, serverContext }) {
      const headers = (serverContext as AccessServerContext).rateLimitHeaders;
      if (!headers) return;
      for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
    },
    onExecute({ args }) {
      recordAccess(args.contextValue as Record<string, unknown>, args.document, args.operationName);
    },
    onSubscribe({ args }) {
      recordAccess(args.contextValue as Record<string, unknown>, args.document, args.operationName);
    },
  };

  return {
    authenticator,
    rateLimiter,
    accessAudit,
    plugins: [
      EnvelopArmorPlugin({
        // Only admins reach validation (authentication runs first), so "Did you mean …?" hints stay.
        blockFieldSuggestion: { enabled: false },
        maxDepth: { n: limits.maxDepth, onReject },
        // Every connection caps its page at 100 and depth is capped, so cost only has to stop very wide
        // documents; at armor's default of ×1.5 per level the nested lists operators write
        // (users → tasks → executions) would cost over 100,000.
        costLimit: { maxCost: limits.maxCost, depthCostFactor: 1.2, onReject },
        maxAliases: { n: limits.maxAliases, onReject },
        maxTokens: { n: limits.maxTokens, onReject },
        maxDirectives: { n: limits.maxDirectives, onReject },
      }) as Plugin,
      gate as Plugin,
    ],
    async admitWithHeaders(authorization) {
      const principal = await authenticate(authorization);
      const outcome = await rateLimiter.consume(principal);
      if (!outcome.allowed) {
        log.info({ userId: principal.userId, retryAfter: outcome.retryAfterSeconds }, 'rate limited');
        throw rateLimitedError(outcome);
      }
      return { principal, headers: outcome.headers };
    },
    async admit(authorization) {
      return (await this.admitWithHeaders(authorization)).principal;
    },
    principalFor: async (initial) => initial.principal ?? authenticate(initial.request?.headers.get('authorization')),
    async close() {
      await accessAudit.close();
      await rateLimiter.close();
    },
  };
}
