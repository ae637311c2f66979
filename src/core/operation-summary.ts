import { type DocumentNode, getOperationAST } from 'graphql';

/** What the observability and audit plugins read of an operation: worked out once per document and operation name. */
export interface OperationSummary {
  type: 'query' | 'mutation' | 'subscription';
  /** The operation's own name, if it has one. */
  name: string | undefined;
  /** The names of its top-level fields (fragments aside). */
  rootFields: readonly string[];
}

// Documents come from Yoga's parse cache (and REST's printed documents), so the same object returns with every request.
const summaries = new WeakMap<DocumentNode, Map<string, OperationSummary | undefined>>();

/** The operation `operationName` selects in `document` (the only one when unnamed), or undefined when there is none. */
export function operationSummary(document: DocumentNode, operationName: string | null | undefined): OperationSummary | undefined {
  let byName = summaries.get(document);
  if (!byName) summaries.set(document, (byName = new Map()));
  const key = operationName ?? '';
  if (byName.has(key)) return byName.get(key);
  const operation = getOperationAST(document, operationName);
  const summary: OperationSummary | undefined = operation
    ? {
        type: operation.operation,
        name: operation.name?.value,
        rootFields: operation.selectionSet.selections.flatMap((selection) => (selection.kind === 'Field' ? [selection.name.value] : [])),
      }
    : undefined;
  byName.set(key, summary);
  return summary;
}
