import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { operationSummary } from '../core/operation-summary';
import type { Metrics } from './metrics';

/** Times every execution (by operation name, or by REST route for REST) and counts result errors by code. */
export function useMetrics(metrics: Metrics): Plugin {
  const countErrors = (result: ExecutionResult) => {
    for (const error of result.errors ?? []) {
      const code = (error.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
      metrics.errors.inc({ code });
      if (code === 'RATE_LIMITED') metrics.rateLimitRefusals.inc();
    }
  };
  return {
    onExecute({ args }) {
      const started = performance.now();
      const restRoute = (args.contextValue as { restRoute?: string }).restRoute;
      const operation = operationSummary(args.document, args.operationName);
      const labels = {
        transport: restRoute ? 'rest' : 'graphql',
        operation: restRoute ?? metrics.operationLabel(operation?.name),
        type: operation?.type ?? 'unknown',
      };
      return {
        onExecuteDone() {
          metrics.operationDuration.observe(labels, (performance.now() - started) / 1000);
        },
      };
    },
    // REST runs its documents in process (src/rest/in-process.ts): no HTTP result is processed for it.
    onExecutionResult({ result, context }) {
      if (!(context as { restRoute?: string }).restRoute || isAsyncIterable(result)) return;
      for (const single of Array.isArray(result) ? result : [result]) countErrors(single as ExecutionResult);
    },
    onResultProcess({ result, serverContext }) {
      if (isAsyncIterable(result) || (serverContext as { restRoute?: string } | undefined)?.restRoute) return;
      for (const single of Array.isArray(result) ? result : [result]) countErrors(single as ExecutionResult);
    },
  };
}
