import { contextCacheSymbol } from '@pothos/core';
import type { Channel, EventIds } from '../live/bus';
import { liveFeedOf } from '../live/live-feed';
import type { GatewayContext } from './context';

/**
 * A subscription keeps one context for its whole life, and with it every per-request cache (Pothos loaders and
 * `perRequestLoader`s, all keyed on `context[contextCacheSymbol]` when it is set). A new key per event gives each
 * event fresh loaders: memory does not grow with the events delivered, and every event shows rows as they are now.
 */
export function freshLoaders(context: GatewayContext) {
  (context as unknown as Record<symbol, object>)[contextCacheSymbol] = {};
}

/**
 * The rows of a subscription to a live channel: each event (that `accepts`, when given, by its payload ids alone)
 * loads its row with fresh loaders, once for all subscribers, and the row goes out when `keeps` says so.
 */
export function subscribeToRows<Row>(
  context: GatewayContext,
  channel: { name: Channel },
  options: { load: (id: string) => Promise<Row | undefined>; accepts?: (event: EventIds) => boolean; keeps?: (row: Row) => boolean },
): AsyncIterableIterator<Row> {
  return liveFeedOf(context).subscribe(context, channel.name, async (event) => {
    if (options.accepts && !options.accepts(event)) return undefined;
    freshLoaders(context);
    // Read once for every subscriber of the event (the first asks, the others share its row and its execution).
    const row = await liveFeedOf(context).readOnce(channel.name, event.id, () => options.load(event.id));
    return row !== undefined && (options.keeps?.(row) ?? true) ? row : undefined;
  });
}
