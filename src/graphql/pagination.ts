import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

export interface ConnectionArguments {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** One ordering column: an SQL expression that is never null, and its type for casting cursor values back. */
export interface SortKey {
  expression: string;
  type: 'timestamptz' | 'uuid' | 'text' | 'integer' | 'bigint' | 'numeric';
}

export interface Ordering {
  keys: SortKey[];
  direction: 'asc' | 'desc';
}

export interface Connection<Row> {
  edges: { cursor: string; node: Row }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

type AnySelect = SelectQueryBuilder<any, any, any>;

const CURSOR_VERSION = 'k1';

function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, ...values])).toString('base64url');
}

function decodeCursor(argument: 'after' | 'before', cursor: string, keyCount: number): string[] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded[0] === CURSOR_VERSION && decoded.length === keyCount + 1 && decoded.every((part) => typeof part === 'string')) {
      return decoded.slice(1) as string[];
    }
  } catch {
    // reported below
  }
  throw badInput(argument, 'is not a cursor of this list (use a cursor returned by the same field)');
}

export function validatePageSize(args: ConnectionArguments): { size: number; backward: boolean } {
  for (const argument of ['first', 'last'] as const) {
    const value = args[argument];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(argument, `must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`);
    }
  }
  if (args.first != null && args.last != null) throw badInput('last', 'cannot be combined with first; page one way at a time');
  if (args.last != null) return { size: args.last, backward: true };
  return { size: args.first ?? DEFAULT_PAGE_SIZE, backward: false };
}

const cursorColumn = (index: number) => `_cursor_${index}`;

/** Rows strictly after (or before) a cursor in the ordering, as a row-value comparison the indexes can seek. */
function beyond(ordering: Ordering, values: string[], side: 'after' | 'before') {
  const ascending = ordering.direction === 'asc';
  const operator = (side === 'after') === ascending ? '>' : '<';
  const columns = sql.join(ordering.keys.map((key) => sql.raw(key.expression)));
  const bounds = sql.join(ordering.keys.map((key, index) => sql`cast(${values[index]} as ${sql.raw(key.type)})`));
  return sql<boolean>`(${columns}) ${sql.raw(operator)} (${bounds})`;
}

function ordered(query: AnySelect, ordering: Ordering, reverse: boolean): AnySelect {
  const ascending = (ordering.direction === 'asc') !== reverse;
  return ordering.keys.reduce(
    (current, key) => current.orderBy(sql.raw(key.expression), ascending ? 'asc' : 'desc'),
    query,
  );
}

/**
 * A Relay connection over `rows`, paged by keyset on `ordering` (stable under inserts: a cursor is the
 * row's sort-key values, read back from SQL as text so no precision is lost).
 * `count` defaults to `rows` with its selection replaced by count(*).
 */
export async function keysetConnection<Row>(options: {
  rows: AnySelect;
  ordering: Ordering;
  args: ConnectionArguments;
  count?: AnySelect;
}): Promise<Connection<Row>> {
  const { rows, ordering, args } = options;
  const { size, backward } = validatePageSize(args);
  const after = args.after ? decodeCursor('after', args.after, ordering.keys.length) : undefined;
  const before = args.before ? decodeCursor('before', args.before, ordering.keys.length) : undefined;

  let window = rows;
  if (after) window = window.where(beyond(ordering, after, 'after'));
  if (before) window = window.where(beyond(ordering, before, 'before'));

  const page = ordered(window, ordering, backward)
    .select(ordering.keys.map((key, index) => sql<string>`(${sql.raw(key.expression)})::text`.as(cursorColumn(index))))
    .limit(size + 1);

  // The cursor we page away from: rows on its far side (or at it) exist when the list continues that way.
  const [behindSide, behind] = backward ? (['before', before] as const) : (['after', after] as const);
  const [fetched, hasRowsBehind] = await Promise.all([
    page.execute(),
    behind
      ? rows.clearSelect().select(sql.lit(1).as('found')).where(sql<boolean>`not ${beyond(ordering, behind, behindSide)}`).limit(1).execute()
          .then((found) => found.length > 0)
      : false,
  ]);

  const hasMore = fetched.length > size;
  const nodes = fetched.slice(0, size);
  if (backward) nodes.reverse();
  const edges = nodes.map((row: Record<string, unknown>) => ({
    cursor: encodeCursor(ordering.keys.map((_, index) => row[cursorColumn(index)] as string)),
    node: row as Row,
  }));

  let total: Promise<number> | undefined;
  const countQuery = options.count ?? rows.clearSelect().clearOrderBy().select(sql<number>`count(*)::int`.as('count'));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? hasRowsBehind : hasMore,
      hasPreviousPage: backward ? hasMore : hasRowsBehind,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => (total ??= countQuery.executeTakeFirstOrThrow().then((row: { count: number }) => row.count)),
  };
}

/**
 * The same connection for many parents at once (e.g. `tasks` of every user on a page), in a fixed number
 * of statements: one lateral page per parent, one lateral probe when paging from a cursor, and one grouped
 * count when a totalCount is asked for. `rows` must not filter on the parent yet; `parentColumn` is the
 * uuid column naming the parent. Results are in `parentIds` order.
 */
export async function keysetConnectionsByParent<Row>(options: {
  db: Kysely<any>;
  rows: AnySelect;
  parentColumn: string;
  parentIds: readonly string[];
  ordering: Ordering;
  args: ConnectionArguments;
}): Promise<Connection<Row>[]> {
  const { db, rows, parentColumn, parentIds, ordering, args } = options;
  const { size, backward } = validatePageSize(args);
  const after = args.after ? decodeCursor('after', args.after, ordering.keys.length) : undefined;
  const before = args.before ? decodeCursor('before', args.before, ordering.keys.length) : undefined;
  const parents = sql`unnest(array[${sql.join(parentIds.map((id) => sql`${id}`))}]::uuid[]) as parents (parent_id)`;
  const ofParent = sql<boolean>`${sql.raw(parentColumn)} = parents.parent_id`;

  let window = rows.where(ofParent);
  if (after) window = window.where(beyond(ordering, after, 'after'));
  if (before) window = window.where(beyond(ordering, before, 'before'));
  const page = ordered(window, ordering, backward)
    .select(ordering.keys.map((key, index) => sql<string>`(${sql.raw(key.expression)})::text`.as(cursorColumn(index))))
    .limit(size + 1);

  const [behindSide, behind] = backward ? (['before', before] as const) : (['after', after] as const);
  const [fetched, withRowsBehind] = await Promise.all([
    sql<Record<string, unknown> & { _parent: string }>`select parents.parent_id::text as _parent, page.* from ${parents} cross join lateral (${page}) as page`.execute(db),
    behind
      ? sql<{ _parent: string }>`select parents.parent_id::text as _parent from ${parents} where exists (${rows
          .clearSelect().select(sql.lit(1).as('found')).where(ofParent).where(sql<boolean>`not ${beyond(ordering, behind, behindSide)}`)})`
          .execute(db).then((result) => new Set(result.rows.map((row) => row._parent)))
      : new Set<string>(),
  ]);

  const byParent = new Map<string, Record<string, unknown>[]>();
  for (const row of fetched.rows) {
    const { _parent, ...rest } = row;
    byParent.set(_parent, [...(byParent.get(_parent) ?? []), rest]);
  }

  let counts: Promise<Map<string, number>> | undefined;
  const countAll = () =>
    (counts ??= rows.clearSelect().clearOrderBy()
      .where(sql.raw(parentColumn), 'in', [...parentIds])
      .select([sql<string>`${sql.raw(parentColumn)}::text`.as('parent'), sql<number>`count(*)::int`.as('count')])
      .groupBy(sql.raw(parentColumn))
      .execute()
      .then((result: { parent: string; count: number }[]) => new Map(result.map((row) => [row.parent, row.count]))));

  return parentIds.map((parentId) => {
    const ofThis = byParent.get(parentId) ?? [];
    const hasMore = ofThis.length > size;
    const nodes = ofThis.slice(0, size);
    if (backward) nodes.reverse();
    const edges = nodes.map((row) => ({ cursor: encodeCursor(ordering.keys.map((_, index) => row[cursorColumn(index)] as string)), node: row as Row }));
    const hasRowsBehind = withRowsBehind.has(parentId);
    return {
      edges,
      pageInfo: {
        hasNextPage: backward ? hasRowsBehind : hasMore,
        hasPreviousPage: backward ? hasMore : hasRowsBehind,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: () => countAll().then((byId) => byId.get(parentId) ?? 0),
    };
  });
}
