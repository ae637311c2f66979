import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext, GatewayServerContext } from '../core/context';
import { operationSummary } from '../core/operation-summary';
import type { AccessAudit } from './access-audit';

/** Data-access audit: one row per executed operation or subscription (introspection aside), written off the request path. */
export function useDataAccessAudit(accessAudit: AccessAudit): Plugin<GatewayContext, GatewayServerContext> {
  const recordAccess = (contextValue: unknown, document: DocumentNode, operationName: string | null | undefined) => {
    const context = contextValue as Partial<GatewayContext> & GatewayServerContext;
    const summary = operationSummary(document, operationName);
    if (!context.principal || !summary || summary.rootFields.every((field) => field.startsWith('__'))) return;
    accessAudit.record({
      principal: context.principal,
      target: context.restRoute ? { type: 'rest_route', name: context.restRoute } : { type: 'graphql_operation', name: summary.name ?? '(anonymous)' },
      summary: { operationType: summary.type, rootFields: [...summary.rootFields] },
      requestId: context.requestId,
      clientAddress: context.clientAddress,
      at: context.now ?? new Date(),
    });
  };
  return {
    onExecute({ args }) {
      recordAccess(args.contextValue, args.document, args.operationName);
    },
    onSubscribe({ args }) {
      recordAccess(args.contextValue, args.document, args.operationName);
    },
  };
}
