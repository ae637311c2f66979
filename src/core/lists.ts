import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { AnyColumnWithTable, ExtractTypeFromReferenceExpression, SelectQueryBuilder } from 'kysely';
import { builder } from './builder';
import type { GatewayContext } from './context';
import type { Ordering, OrderingOf } from './ordering';
import { type Connection, type ConnectionArguments, type CountQuery, keysetConnection, keysetConnectionsByParent, MAX_OFFSET, validatePageSize } from './pagination';

/** A column of the list's tables that names the parent row (e.g. `tasks.user_id`): a uuid, never null. */
export type ParentColumn<DB, TB extends keyof DB> = {
  [Column in AnyColumnWithTable<DB, TB>]: ExtractTypeFromReferenceExpression<DB, TB, Column> extends string ? Column : never;
}[AnyColumnWithTable<DB, TB>];

/** The arguments of a list filtered by one input object (`typeof SomeFilter.$inferInput`). */
export type FilteredListArguments<Filter> = ConnectionArguments & { filter?: Filter | null };

/** One list: its name, its rows for the arguments and its orderings; the root and per-parent connections come from it. */
export interface ListDefinition<DB, TB extends keyof DB, O, Args extends ConnectionArguments, Order extends string> {
  /** Names the list in its cursors: a cursor of another list is refused. */
  name: string;
  /**
   * The rows the arguments ask for, filtered (each filter checked before any SQL), neither ordered nor paged. A root
   * list gets the field's `info`, so that it may read only the columns and relations its selection shows.
   */
  rows: (context: GatewayContext, args: Args, info?: GraphQLResolveInfo) => SelectQueryBuilder<DB, TB, O>;
  /** Every ordering by its `orderBy` value; the first is the default. Sort keys are columns of `rows`' tables. */
  orderings: { [Name in Order]: OrderingOf<NoInfer<DB>, NoInfer<TB>> };
  /** A cheaper statement for totalCount of the root list, when there is one for these arguments. */
  count?: (context: GatewayContext, args: Args) => CountQuery | undefined;
}

export interface List<DB, TB extends keyof DB, O, Args extends ConnectionArguments> {
  /** The top-level connection (first/after/last/before, offset, totalCount). */
  connection(context: GatewayContext, args: Args, info?: GraphQLResolveInfo): Promise<Connection<O>>;
  /** The same list on one parent row, batched with every other parent row of the request that asks the same. */
  ofParent(context: GatewayContext, parentColumn: ParentColumn<DB, TB>, parentId: string, args: Args): Promise<Connection<O>>;
}

const nestedConnectionLoaders = createContextCache(() => new Map<string, DataLoader<string, Connection<unknown>>>());

export function defineList<DB, TB extends keyof DB, O, Args extends ConnectionArguments & { orderBy?: NoInfer<Order> | null }, Order extends string>(
  definition: ListDefinition<DB, TB, O, Args, Order>,
): List<DB, TB, O, Args> {
  const { name, rows, orderings, count } = definition;
  const defaultOrder = Object.keys(orderings)[0] as Order;
  // The keys were checked against the query's tables where the list is defined; the engine reads them as names.
  // One Ordering object per orderBy, made once: cursors remember what they need of it by the object.
  const checked = new Map<string, Ordering>(Object.entries(orderings).map(([order, ordering]) => [order, { list: name, ...(ordering as Omit<Ordering, 'list'>) }]));
  const orderingOf = (args: Args): Ordering => checked.get(args.orderBy ?? defaultOrder)!;
  return {
    connection: (context, args, info) => keysetConnection({ rows: rows(context, args, info), ordering: orderingOf(args), args, count: count && (() => count(context, args)) }),
    ofParent(context, parentColumn, parentId, args) {
      validatePageSize(args);
      const loaders = nestedConnectionLoaders(context);
      const key = `${name} ${parentColumn} ${JSON.stringify(args)}`;
      let loader = loaders.get(key);
      if (!loader) {
        const ordering = orderingOf(args);
        const query = rows(context, args);
        loader = new DataLoader((parentIds) =>
          keysetConnectionsByParent({ db: context.db, rows: query, parentColumn, parentIds, ordering, args }) as Promise<Connection<unknown>[]>);
        loaders.set(key, loader);
      }
      return loader.load(parentId) as Promise<Connection<O>>;
    },
  };
}

/** The connection argument REST's page/limit arrives by; only top-level lists REST pages take it. */
export const offsetArgument = builder.args((t) => ({
  offset: t.int({
    required: false,
    description: `Rows to skip before the page, for page-numbered callers (0 to ${MAX_OFFSET}; forwards only, not with after, before or last). `
      + 'Served by an index-only seek of the ordering, then read by keyset like any page.',
  }),
}));
