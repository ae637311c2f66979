import { type DocumentNode, type ExecutionResult, GraphQLError, print } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import type { GatewayContext, GatewayServerContext } from '../core/context';
import type { GraphQLExecutor, RestServerContext } from './router';

const printedDocuments = new WeakMap<DocumentNode, string>();
/** A route's document as text, printed once (Yoga's parser and validation caches are keyed by the text). */
function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) printedDocuments.set(document, (text = print(document)));
  return text;
}

/**
 * What Yoga's parameter hooks read of a request (the Authorization header; the object itself, as a key): enough for
 * the gate, without building a fetch Request and a body that would only be parsed again.
 */
class InProcessRequest {
  readonly method = 'POST';
  constructor(
    readonly url: string,
    readonly headers: Headers,
  ) {}
}

/**
 * Runs REST documents in process through Yoga's own parameter pipeline: the same hooks as /graphql (authentication
 * with the failed-authentication limiter, rate limit, trusted documents, which let REST's documents through), Yoga's
 * parse and validation caches, query limits, context, execution hooks (metrics by route, tracing, data-access audit,
 * NUL guard), error masking and the whole-answer 503, but without serializing a request and a response over a
 * loopback fetch. The rate-limit headers come back from the server context.
 */
export function inProcessExecutor(yoga: YogaServerInstance<GatewayServerContext, GatewayContext>): GraphQLExecutor {
  return {
    async run(document, variables, serverContext: RestServerContext) {
      const headers = new Headers({ 'x-request-id': serverContext.requestId });
      const authorization = serverContext.req.headers.authorization;
      if (authorization) headers.set('authorization', authorization);
      const request = new InProcessRequest(`http://gateway.internal${serverContext.req.url ?? '/'}`, headers) as unknown as Request;
      const context: GatewayServerContext & RestServerContext = { ...serverContext };
      let result: ExecutionResult;
      try {
        result = (await yoga.getResultForParams({ params: { query: printed(document), variables }, request }, context)) as ExecutionResult;
      } catch (error) {
        // A parameter hook that refuses by throwing (as Yoga's persisted-operations plugin does).
        if (!(error instanceof GraphQLError)) throw error;
        result = { errors: [error] };
      }
      return { result, headers: context.rateLimitHeaders ?? {} };
    },
  };
}
