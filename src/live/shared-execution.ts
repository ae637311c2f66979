import { createSourceEventStream, type DocumentNode, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Subscriptions whose events are shared objects (the live feed reads an event's row once for every subscriber)
 * execute each selection set once per event: subscribers with the same document and variables get the same
 * result object. Each subscription keeps its own source stream (its queue, bounds, filters and principal checks);
 * only the execution of the selection over an event is shared. The result is keyed weakly on the event's row, so
 * it lives as long as some subscriber still holds that event.
 */
const results = new WeakMap<object, Map<string, Promise<ExecutionResult> | ExecutionResult>>();
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/** One key per document, operation and variables; computed once per subscription (its args never change). */
function selectionKey(args: ExecutionArgs): string {
  let id = documentIds.get(args.document);
  if (id === undefined) documentIds.set(args.document, (id = (nextDocumentId += 1)));
  return `${id}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
}

/** The result of `args`'s selection over `event`, executed by the first subscriber with the same `key` to ask. */
function executeOnce(args: ExecutionArgs, key: string, event: unknown): Promise<ExecutionResult> | ExecutionResult {
  if (typeof event !== 'object' || event === null) return execute({ ...args, rootValue: event }) as Promise<ExecutionResult> | ExecutionResult;
  let byKey = results.get(event);
  if (!byKey) results.set(event, (byKey = new Map()));
  let result = byKey.get(key);
  if (!result) byKey.set(key, (result = execute({ ...args, rootValue: event }) as Promise<ExecutionResult> | ExecutionResult));
  return result;
}

/** graphql-js's subscribe, with the per-event execution shared as above. */
export async function subscribeSharingResults(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const events = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const key = selectionKey(args);
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const step = await events.next();
      return step.done ? { done: true, value: undefined } : { done: false, value: await executeOnce(args, key, step.value) };
    },
    async return() {
      await events.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}

/** Makes Yoga (HTTP SSE and graphql-ws alike) subscribe with subscribeSharingResults. */
export const sharedSubscriptionExecution: Plugin = {
  onSubscribe({ setSubscribeFn }) {
    setSubscribeFn(subscribeSharingResults as never);
  },
};
