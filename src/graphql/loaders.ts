import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { GatewayContext } from './context';

/**
 * A DataLoader created lazily once per request (keyed on the request's context object), so every
 * row of a page shares one batched SQL statement and nothing is cached across requests.
 * `batch` returns one value per key, in key order.
 */
export function perRequestLoader<Key, Value>(batch: (keys: readonly Key[], context: GatewayContext) => Promise<readonly (Value | Error)[]>) {
  return createContextCache((context: GatewayContext) => new DataLoader<Key, Value>((keys) => batch(keys, context)));
}

/** Orders grouped rows by the keys that asked for them; missing keys get `fallback`. */
export function byKey<Key, Row, Value>(keys: readonly Key[], rows: readonly Row[], keyOf: (row: Row) => Key, valueOf: (row: Row) => Value, fallback: Value): Value[] {
  const found = new Map(rows.map((row) => [keyOf(row), valueOf(row)]));
  return keys.map((key) => (found.has(key) ? (found.get(key) as Value) : fallback));
}

export const HOUR_MS = 3_600_000;
export const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR_MS);
