import { SpanStatusCode } from '@opentelemetry/api';
import { operationSummary } from '../core/operation-summary';
import type { Plugin } from 'graphql-yoga';
import type { Tracing } from './tracing';

/** A span per GraphQL execution (queries and mutations; REST's documents too), with the resolvers and SQL inside it. */
export function useTracing(tracing: Tracing): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      // Tracing off (no OTLP endpoint): nothing to work out per request.
      if (!tracing.active) return;
      const operation = operationSummary(args.document, args.operationName);
      const context = args.contextValue as { requestId?: string; restRoute?: string };
      const traced = tracing.operationSpan(`graphql.execute ${operation?.name ?? '(anonymous)'}`, {
        'graphql.operation.type': operation?.type ?? 'unknown',
        'graphql.operation.name': operation?.name ?? '',
        'gateway.request_id': context.requestId ?? '',
        ...(context.restRoute ? { 'gateway.rest_route': context.restRoute } : {}),
      });
      if (!traced) return;
      setExecuteFn((executionArgs) => traced.run(() => executeFn(executionArgs)));
      return {
        onExecuteDone({ result }) {
          if ((result as { errors?: unknown[] }).errors?.length) traced.span.setStatus({ code: SpanStatusCode.ERROR });
          traced.span.end();
        },
      };
    },
  };
}
