import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';
import { notFound } from './errors';
import { UUID } from './global-ids';
import { type Connection, keysetConnectionsByParent, validatePageSize } from './pagination';

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

/**
 * One row per id, in id order, for a node loader: `fetch` gets only well-formed UUIDs (a malformed one
 * would fail the whole batch in SQL) and is skipped when there are none; a missing row is NOT_FOUND.
 */
export async function rowsById<Row extends { id: string }>(ids: readonly string[], what: string, fetch: (validIds: string[]) => Promise<Row[]>): Promise<(Row | GraphQLError)[]> {
  const valid = ids.filter((id) => UUID.test(id));
  const rows = valid.length ? await fetch(valid) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? notFound(`${what} ${id}`));
}

const nestedConnectionLoaders = createContextCache(() => new Map<string, DataLoader<string, Connection<unknown>>>());

/**
 * A connection field on each row of a list (e.g. `User.tasks`) batched across the rows: every call in a request
 * with the same parent column and arguments shares one loader, which pages all its parents at once.
 */
export function loadNestedConnection<Row>(
  context: GatewayContext,
  parentId: string,
  connection: Omit<Parameters<typeof keysetConnectionsByParent>[0], 'db' | 'parentIds'>,
): Promise<Connection<Row>> {
  validatePageSize(connection.args);
  const loaders = nestedConnectionLoaders(context);
  const key = `${connection.parentColumn} ${JSON.stringify(connection.args)}`;
  let loader = loaders.get(key);
  if (!loader) {
    loader = new DataLoader((parentIds) => keysetConnectionsByParent({ ...connection, db: context.db, parentIds }));
    loaders.set(key, loader);
  }
  return loader.load(parentId) as Promise<Connection<Row>>;
}
