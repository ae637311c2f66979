import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { decodeCursor, encodeCursor } from './cursors';
import { badInput } from './errors';

export { positionCursor } from './cursors';

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
  /** The list this ordering belongs to (e.g. "users"): its cursors are refused by every other list. */
  list: string;
  keys: SortKey[];
  direction: 'asc' | 'desc';
}

export interface Connection<Row> {
  edges: { cursor: string; node: Row }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

type AnySelect = SelectQueryBuilder<any, any, any>;

/** A position cursor is only a starting point of a top-level list; a keyset cursor works everywhere. */
function decodeKeysetCursor(argument: 'after' | 'before', cursor: string, ordering: Ordering): string[] {
  return (decodeCursor(argument, cursor, ordering, false) as { keys: string[] }).keys;
}

/**
 * The sort keys of the row at `position` (1-based), or undefined past the end. Only the sort keys are
 * selected, so PostgreSQL walks the ordering index without visiting the table (an index-only scan)
 * instead of reading and discarding whole rows as OFFSET on the page query would.
 */
async function positionSeek(rows: AnySelect, ordering: Ordering, position: number): Promise<string[] | undefined> {
  const row = await ordered(rows.clearSelect(), ordering, false)
    .select(ordering.keys.map((key, index) => sql<string>`(${sql.raw(key.expression)})::text`.as(cursorColumn(index))))
    .offset(position - 1)
    .limit(1)
    .executeTakeFirst();
  return row ? ordering.keys.map((_, index) => (row as Record<string, string>)[cursorColumn(index)] as string) : undefined;
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
  const decodedAfter = args.after ? decodeCursor('after', args.after, ordering, true) : undefined;
  const before = args.before ? decodeKeysetCursor('before', args.before, ordering) : undefined;
  let after = decodedAfter && 'keys' in decodedAfter ? decodedAfter.keys : undefined;
  // After a position seek the row at the position itself lies behind the page (or, past the end, any row does).
  let seekedToRow = false;
  let pastTheEnd = false;
  if (decodedAfter && 'position' in decodedAfter && decodedAfter.position > 0) {
    after = await positionSeek(rows, ordering, decodedAfter.position);
    pastTheEnd = after === undefined;
    seekedToRow = after !== undefined;
  }

  const page = pageOf(rows, ordering, { after, before, backward, size });

  // The cursor we page away from: rows on its far side (or at it) exist when the list continues that way.
  const [behindSide, behind] = backward ? (['before', before] as const) : (['after', after] as const);
  const anyRow = (query: AnySelect) => query.clearSelect().select(sql.lit(1).as('found')).limit(1).execute().then((found) => found.length > 0);
  const [fetched, hasRowsBehind] = await Promise.all([
    pastTheEnd ? [] : page.execute(),
    pastTheEnd
      ? anyRow(rows)
      : !backward && seekedToRow
        ? true
        : behind
          ? anyRow(rows.where(sql<boolean>`not ${beyond(ordering, behind, behindSide)}`))
          : false,
  ]);

  let total: Promise<number> | undefined;
  const countQuery = options.count ?? rows.clearSelect().clearOrderBy().select(sql<number>`count(*)::int`.as('count'));
  return connectionFrom<Row>(fetched, ordering, {
    size,
    backward,
    hasRowsBehind,
    totalCount: () => (total ??= countQuery.executeTakeFirstOrThrow().then((row: { count: number }) => row.count)),
  });
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
  const after = args.after ? decodeKeysetCursor('after', args.after, ordering) : undefined;
  const before = args.before ? decodeKeysetCursor('before', args.before, ordering) : undefined;
  const parents = sql`unnest(array[${sql.join(parentIds.map((id) => sql`${id}`))}]::uuid[]) as parents (parent_id)`;
  const ofParent = sql<boolean>`${sql.raw(parentColumn)} = parents.parent_id`;

  const page = pageOf(rows.where(ofParent), ordering, { after, before, backward, size });

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

  return parentIds.map((parentId) =>
    connectionFrom<Row>(byParent.get(parentId) ?? [], ordering, {
      size,
      backward,
      hasRowsBehind: withRowsBehind.has(parentId),
      totalCount: () => countAll().then((byId) => byId.get(parentId) ?? 0),
    }),
  );
}

/** Rows strictly between the cursors, in paging order, with their cursor columns, and one row more than a page. */
function pageOf(rows: AnySelect, ordering: Ordering, range: { after?: string[]; before?: string[]; backward: boolean; size: number }) {
  let window = rows;
  if (range.after) window = window.where(beyond(ordering, range.after, 'after'));
  if (range.before) window = window.where(beyond(ordering, range.before, 'before'));
  return ordered(window, ordering, range.backward)
    .select(ordering.keys.map((key, index) => sql<string>`(${sql.raw(key.expression)})::text`.as(cursorColumn(index))))
    .limit(range.size + 1);
}

/** A connection from a fetched page (in paging order, at most one row more than `size`). */
function connectionFrom<Row>(
  fetched: Record<string, unknown>[],
  ordering: Ordering,
  page: { size: number; backward: boolean; hasRowsBehind: boolean; totalCount: () => Promise<number> },
): Connection<Row> {
  const hasMore = fetched.length > page.size;
  const nodes = fetched.slice(0, page.size);
  if (page.backward) nodes.reverse();
  const edges = nodes.map((row) => {
    const node = { ...row };
    const values = ordering.keys.map((_, index) => {
      const value = node[cursorColumn(index)] as string;
      delete node[cursorColumn(index)];
      return value;
    });
    return { cursor: encodeCursor(ordering, values), node: node as Row };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? page.hasRowsBehind : hasMore,
      hasPreviousPage: page.backward ? hasMore : page.hasRowsBehind,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}
