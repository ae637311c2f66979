import { type DocumentNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext, GatewayServerContext } from '../core/context';
import type { AccessAudit } from './access-audit';

function operationSummary(document: DocumentNode, operationName: string | null | undefined) {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const rootFields = operation.selectionSet.selections.flatMap((selection) => (selection.kind === 'Field' ? [selection.name.value] : []));
  return { operationType: operation.operation, name: operation.name?.value, rootFields };
}

/** Data-access audit: one row per executed operation or subscription (introspection aside), written off the request path. */
export function useDataAccessAudit(accessAudit: AccessAudit): Plugin<GatewayContext, GatewayServerContext> {
  const recordAccess = (contextValue: unknown, document: DocumentNode, operationName: string | null | undefined) => {
    const context = contextValue as Partial<GatewayContext> & GatewayServerContext;
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
  return {
    onExecute({ args }) {
      recordAccess(args.contextValue, args.document, args.operationName);
    },
    onSubscribe({ args }) {
      recordAccess(args.contextValue, args.document, args.operationName);
    },
  };
}
