import type { GatewayContext } from './context';

interface LoadableRef {
  getDataloader(context: GatewayContext): { clearAll(): unknown };
}

/**
 * A subscription keeps one context for its whole life, and so its loaders: empty them before each event so
 * that memory does not grow with the events delivered and every event shows the rows as they are now.
 */
export function forgetLoadedRows(context: GatewayContext, refs: LoadableRef[]) {
  for (const ref of refs) ref.getDataloader(context).clearAll();
}
