import { type AliasedRawBuilder, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { decodeCursor, encodeCursor } from './cursors';
import { badInput } from './errors';
import type { Ordering, SortKeyType } from './ordering';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;
/** Beyond REST's deepest page (page 1,000,000 of 100 rows); an offset seek walks this many index entries at most. */
export const MAX_OFFSET = 100_000_000;

export interface ConnectionArguments {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  /** Rows to skip before the page (top-level lists REST pages by page number); see offsetSeek. */
  offset?: number | null;
}

export interface Connection<Row> {
  edges: { cursor: string; node: Row }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

/** A statement that counts a list's rows (by default the list's own query with count(*) for its selection). */
export interface CountQuery {
  executeTakeFirstOrThrow(): Promise<{ count: number }>;
}

/** One page request, checked: a bad size, a mix of directions or a bad offset is BAD_USER_INPUT naming the argument. */
export function validatePageSize(args: ConnectionArguments): { size: number; backward: boolean; offset: number } {
  for (const argument of ['first', 'last'] as const) {
    const value = args[argument];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(argument, `must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`);
    }
  }
  if (args.first != null && args.last != null) throw badInput('last', 'cannot be combined with first; page one way at a time');
  const offset = args.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw badInput('offset', `must be between 0 and ${MAX_OFFSET}, got ${offset}`);
  if (offset > 0 && (args.after != null || args.before != null || args.last != null)) {
    throw badInput('offset', 'pages forwards from the start of the list; it cannot be combined with after, before or last');
  }
  if (args.last != null) return { size: args.last, backward: true, offset };
  return { size: args.first ?? DEFAULT_PAGE_SIZE, backward: false, offset };
}

const CAST_TYPES: Record<SortKeyType, RawBuilder<unknown>> = {
  timestamptz: sql`timestamptz`,
  uuid: sql`uuid`,
  text: sql`text`,
  integer: sql`integer`,
  bigint: sql`bigint`,
  numeric: sql`numeric`,
};

/** A sort key as SQL: a reference to the column the compiler checked (negated when the key sorts the other way). */
const keyExpression = (key: Ordering['keys'][number]) => (key.negated ? sql`(-${sql.ref(key.column)})` : sql.ref(key.column));
const CURSOR_COLUMNS = Array.from({ length: 8 }, (_, index) => `_cursor_${index}`);
const cursorColumn = (index: number) => CURSOR_COLUMNS[index] ?? `_cursor_${index}`;

/**
 * The SQL of an ordering's keys, made once per ordering object (each list keeps one per orderBy; Kysely's expressions
 * are immutable and shared between queries): the key expressions, their row value, and the cursor columns.
 */
const orderingSql = new WeakMap<Ordering, { keys: RawBuilder<unknown>[]; row: RawBuilder<unknown>; cursorValues: AliasedRawBuilder<string, string>[] }>();
function sqlOf(ordering: Ordering) {
  let known = orderingSql.get(ordering);
  if (!known) {
    const keys = ordering.keys.map(keyExpression);
    known = { keys, row: sql.join(keys), cursorValues: keys.map((key, index) => sql<string>`(${key})::text`.as(cursorColumn(index))) };
    orderingSql.set(ordering, known);
  }
  return known;
}
const cursorValues = (ordering: Ordering) => sqlOf(ordering).cursorValues;

/** Rows strictly after (or before) a cursor in the ordering, as a row-value comparison the indexes can seek. */
function beyond(ordering: Ordering, values: readonly string[], side: 'after' | 'before') {
  const columns = sqlOf(ordering).row;
  const bounds = sql.join(ordering.keys.map((key, index) => sql`cast(${values[index]} as ${CAST_TYPES[key.type]})`));
  return (side === 'after') === (ordering.direction === 'asc') ? sql<boolean>`(${columns}) > (${bounds})` : sql<boolean>`(${columns}) < (${bounds})`;
}

// The engine is generic over the query's tables so that callers keep their row types; inside, it only adds
// expressions (references the compiler checked at the list's definition) and never names a column itself.
function ordered<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, ordering: Ordering, reverse: boolean) {
  const direction = (ordering.direction === 'asc') !== reverse ? 'asc' : 'desc';
  return sqlOf(ordering).keys.reduce((current, key) => current.orderBy(key, direction), query);
}

const anyRow = <DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>) =>
  query.clearSelect().select(sql.lit(1).as('found')).limit(1).execute().then((found) => found.length > 0);

/**
 * The sort keys of the row at `offset` (1-based), or undefined past the end. Only the sort keys are selected,
 * so PostgreSQL walks the ordering index without visiting the table (an index-only scan) instead of reading
 * and discarding whole rows as OFFSET on the page query would; the page itself is then read by keyset.
 */
async function offsetSeek<DB, TB extends keyof DB, O>(rows: SelectQueryBuilder<DB, TB, O>, ordering: Ordering, offset: number): Promise<string[] | undefined> {
  const row = await ordered(rows.clearSelect(), ordering, false).select(cursorValues(ordering)).offset(offset - 1).limit(1).executeTakeFirst();
  return row ? ordering.keys.map((_, index) => (row as Record<string, string>)[cursorColumn(index)]!) : undefined;
}

const countOf = <DB, TB extends keyof DB, O>(rows: SelectQueryBuilder<DB, TB, O>): CountQuery =>
  rows.clearSelect().clearOrderBy().select(sql<number>`count(*)::int`.as('count')) as unknown as CountQuery;

/**
 * A Relay connection over `rows`, paged by keyset on `ordering` (stable under inserts: a cursor is the
 * row's sort-key values, read back from SQL as text so no precision is lost). `args.offset` starts the
 * page after that many rows (one index-only seek, then the same keyset read as any page).
 * `count` (called only when a totalCount is read) defaults to `rows` with its selection replaced by count(*).
 */
export async function keysetConnection<DB, TB extends keyof DB, O>(options: {
  rows: SelectQueryBuilder<DB, TB, O>;
  ordering: Ordering;
  args: ConnectionArguments;
  /** Made only when a totalCount is asked for. */
  count?: () => CountQuery | undefined;
}): Promise<Connection<O>> {
  const { rows, ordering, args } = options;
  const { size, backward, offset } = validatePageSize(args);
  const before = args.before ? decodeCursor('before', args.before, ordering) : undefined;
  let after = args.after ? decodeCursor('after', args.after, ordering) : undefined;
  // After an offset seek the row at the offset itself lies behind the page (or, past the end, any row does).
  const seeked = offset > 0;
  if (seeked) after = await offsetSeek(rows, ordering, offset);
  const pastTheEnd = seeked && after === undefined;

  const [behindSide, behind] = backward ? (['before', before] as const) : (['after', after] as const);
  const [fetched, hasRowsBehind] = await Promise.all([
    pastTheEnd ? [] : pageOf(rows, ordering, { after, before, backward, size }).execute(),
    seeked ? (pastTheEnd ? anyRow(rows) : true) : behind ? anyRow(rows.where(sql<boolean>`not ${beyond(ordering, behind, behindSide)}`)) : false,
  ]);

  let total: Promise<number> | undefined;
  return connectionFrom<O>(fetched as Record<string, unknown>[], ordering, {
    size,
    backward,
    hasRowsBehind,
    totalCount: () => (total ??= (options.count?.() ?? countOf(rows)).executeTakeFirstOrThrow().then((row) => row.count)),
  });
}

/**
 * The same connection for many parents at once (e.g. `tasks` of every user on a page), in a fixed number
 * of statements: one lateral page per parent, one lateral probe when paging from a cursor, and one grouped
 * count when a totalCount is asked for. `rows` must not filter on the parent yet; `parentColumn` is the
 * uuid column naming the parent (checked by the caller's types). Results are in `parentIds` order.
 */
export async function keysetConnectionsByParent<DB, TB extends keyof DB, O>(options: {
  /** Any Kysely instance (the query's tables may include aliases the database type does not list). */
  db: Parameters<RawBuilder<unknown>['execute']>[0];
  rows: SelectQueryBuilder<DB, TB, O>;
  parentColumn: string;
  parentIds: readonly string[];
  ordering: Ordering;
  args: ConnectionArguments;
}): Promise<Connection<O>[]> {
  const { db, rows, parentIds, ordering, args } = options;
  const { size, backward } = validatePageSize(args);
  if (args.offset) throw badInput('offset', 'is only taken by top-level lists');
  const after = args.after ? decodeCursor('after', args.after, ordering) : undefined;
  const before = args.before ? decodeCursor('before', args.before, ordering) : undefined;
  const parentColumn = sql.ref(options.parentColumn);
  const parents = sql`unnest(array[${sql.join(parentIds.map((id) => sql`${id}`))}]::uuid[]) as parents (parent_id)`;
  const ofParent = sql<boolean>`${parentColumn} = parents.parent_id`;

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
      .where(sql<boolean>`${parentColumn} in (${sql.join([...parentIds])})`)
      .select([sql<string>`${parentColumn}::text`.as('parent'), sql<number>`count(*)::int`.as('count')])
      .groupBy(parentColumn)
      .execute()
      .then((result) => new Map((result as unknown as { parent: string; count: number }[]).map((row) => [row.parent, row.count]))));

  return parentIds.map((parentId) =>
    connectionFrom<O>(byParent.get(parentId) ?? [], ordering, {
      size,
      backward,
      hasRowsBehind: withRowsBehind.has(parentId),
      totalCount: () => countAll().then((byId) => byId.get(parentId) ?? 0),
    }),
  );
}

/** Rows strictly between the cursors, in paging order, with their cursor columns, and one row more than a page. */
function pageOf<DB, TB extends keyof DB, O>(
  rows: SelectQueryBuilder<DB, TB, O>,
  ordering: Ordering,
  range: { after?: readonly string[]; before?: readonly string[]; backward: boolean; size: number },
) {
  let window = rows;
  if (range.after) window = window.where(beyond(ordering, range.after, 'after'));
  if (range.before) window = window.where(beyond(ordering, range.before, 'before'));
  return ordered(window, ordering, range.backward).select(cursorValues(ordering)).limit(range.size + 1);
}

/**
 * An edge of a fetched row: the row itself is the node (its `_cursor_*` columns left on it, unread by any field), and
 * the cursor is encoded only when something reads it (an `edges { cursor }` or `pageInfo` selection).
 */
class Edge<Row> {
  #cursor: string | undefined;
  constructor(
    readonly node: Row,
    private readonly ordering: Ordering,
  ) {}
  get cursor(): string {
    if (this.#cursor === undefined) {
      const row = this.node as Record<string, unknown>;
      const values = this.ordering.keys.map((_, index) => row[cursorColumn(index)] as string);
      this.#cursor = encodeCursor(this.ordering, values);
    }
    return this.#cursor;
  }
}

/** A connection from a fetched page (in paging order, at most one row more than `size`). */
function connectionFrom<Row>(
  fetched: Record<string, unknown>[],
  ordering: Ordering,
  page: { size: number; backward: boolean; hasRowsBehind: boolean; totalCount: () => Promise<number> },
): Connection<Row> {
  const hasMore = fetched.length > page.size;
  if (hasMore) fetched.length = page.size;
  if (page.backward) fetched.reverse();
  const edges = fetched.map((row) => new Edge(row as Row, ordering));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? page.hasRowsBehind : hasMore,
      hasPreviousPage: page.backward ? hasMore : page.hasRowsBehind,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount: page.totalCount,
  };
}
