import { contextCacheSymbol } from '@pothos/core';
import type { GatewayContext } from './context';

/**
 * A subscription keeps one context for its whole life, and with it every per-request cache (Pothos loaders and
 * `perRequestLoader`s, all keyed on `context[contextCacheSymbol]` when it is set). A new key per event gives each
 * event fresh loaders: memory does not grow with the events delivered, and every event shows rows as they are now.
 */
export function freshLoaders(context: GatewayContext) {
  (context as unknown as Record<symbol, object>)[contextCacheSymbol] = {};
}
