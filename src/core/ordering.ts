import type { AnyColumnWithTable, ExtractTypeFromReferenceExpression } from 'kysely';
import { builder } from './builder';

/** The SQL types a cursor value is cast back to. */
export type SortKeyType = 'timestamptz' | 'uuid' | 'text' | 'integer' | 'bigint' | 'numeric';

/** The cast types that fit a column read as `Value`; a nullable column fits none (a null breaks the row comparison). */
type CastTypeFor<Value> = null extends Value
  ? never
  : Value extends Date ? 'timestamptz' : Value extends string ? 'uuid' | 'text' : Value extends number | bigint ? 'integer' | 'bigint' | 'numeric' : never;

/**
 * One sort key of a list whose query reads tables `TB` of `DB`: a qualified column of those tables (a misspelt or
 * foreign column does not compile) with the type its cursor value is cast back to (checked against the column's
 * type). `negated` sorts a numeric column the other way inside the ordering, so that "a desc, b asc" is still one
 * row comparison the indexes can seek.
 */
export type SortKey<DB, TB extends keyof DB> = {
  [Column in AnyColumnWithTable<DB, TB>]: {
    column: Column;
    type: CastTypeFor<ExtractTypeFromReferenceExpression<DB, TB, Column>>;
    negated?: boolean;
  };
}[AnyColumnWithTable<DB, TB>];

/** An ordering of a list's query, checked against its tables: keys that are never null and together unique. */
export interface OrderingOf<DB, TB extends keyof DB> {
  direction: 'asc' | 'desc';
  keys: readonly SortKey<DB, TB>[];
}

/** An ordering once checked: what the engine and the cursors work with (columns as the names the compiler checked). */
export interface Ordering {
  /** The list this ordering belongs to (e.g. "users"): its cursors are refused by every other list. */
  list: string;
  direction: 'asc' | 'desc';
  keys: readonly { column: string; type: SortKeyType; negated?: boolean }[];
}

export const TimeOrderEnum = builder.enumType('TimeOrder', {
  description: 'Order of a list by its main timestamp (ties by id).',
  values: { NEWEST_FIRST: { value: 'newest' }, OLDEST_FIRST: { value: 'oldest' } } as const,
});

/** The orderings `newest` and `oldest` of a list keyed on one timestamp column and the row's id. */
export function byTimestamp<const Timestamp extends string, const Id extends string>(timestamp: Timestamp, id: Id) {
  const keys = [{ column: timestamp, type: 'timestamptz' }, { column: id, type: 'uuid' }] as const;
  return { newest: { direction: 'desc', keys }, oldest: { direction: 'asc', keys } } as const;
}
