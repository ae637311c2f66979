import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { type RawBuilder, sql } from 'kysely';

function fieldsNamed(selectionSet: SelectionSetNode | undefined, name: string, fragments: Record<string, FragmentDefinitionNode>, found: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') {
      if (selection.name.value === name) found.push(selection);
    } else if (selection.kind === 'InlineFragment') {
      fieldsNamed(selection.selectionSet, name, fragments, found);
    } else {
      fieldsNamed(fragments[selection.name.value]?.selectionSet, name, fragments, found);
    }
  }
  return found;
}

function fieldNames(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, names: Set<string>): Set<string> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') names.add(selection.name.value);
    else if (selection.kind === 'InlineFragment') fieldNames(selection.selectionSet, fragments, names);
    else fieldNames(fragments[selection.name.value]?.selectionSet, fragments, names);
  }
  return names;
}

function fieldsAt(info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level.flatMap((field) => fieldsNamed(field.selectionSet, name, info.fragments));
    if (level.length === 0) return level;
  }
  return level;
}

// Documents come from Yoga's parse cache, so the same field nodes return with every request of an operation: what
// a selection needs is worked out once per document and field, not once per request.
const remembered = new WeakMap<FieldNode, Map<string, { fieldNodes: readonly FieldNode[]; value: unknown }>>();

function once<T>(info: GraphQLResolveInfo, key: string, compute: () => T): T {
  const first = info.fieldNodes[0];
  if (!first) return compute();
  let byKey = remembered.get(first);
  if (!byKey) remembered.set(first, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && hit.fieldNodes.length === info.fieldNodes.length && hit.fieldNodes.every((node, index) => node === info.fieldNodes[index])) return hit.value as T;
  const value = compute();
  byKey.set(key, { fieldNodes: info.fieldNodes, value });
  return value;
}

/**
 * Whether the field being resolved selects `path` below it (through fragments, any alias), e.g.
 * `selects(info, 'edges', 'node', 'task')` on a connection: so that a list reads what its page will need in the
 * page's own statement instead of a loader round trip afterwards. Directives are not evaluated (a field under
 * `@skip` counts as selected, which only costs an unused column).
 */
export function selects(info: GraphQLResolveInfo, ...path: string[]): boolean {
  return once(info, `selects ${path.join('.')}`, () => fieldsAt(info, path).length > 0);
}

/** The names of the fields selected directly under `path` of the field being resolved (through fragments). */
export function selectedFields(info: GraphQLResolveInfo, ...path: string[]): ReadonlySet<string> {
  return once(info, `fields ${path.join('.')}`, () => {
    const names = new Set<string>();
    for (const field of fieldsAt(info, path)) fieldNames(field.selectionSet, info.fragments, names);
    return names;
  });
}

const ids = new WeakMap<object, number>();
let lastId = 0;
const idOf = (value: object) => {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = (lastId += 1)));
  return id;
};

/** Which columns of its row each field of an object type reads; a field not listed may read any. */
export type ColumnsOfFields<Column extends string> = Readonly<Record<string, readonly Column[]>>;

/**
 * The columns a selection (the fields under `path`) reads, `always` included, or undefined when it selects a field
 * that `columnsOf` does not list (then every column is read: a field another module adds is never starved).
 */
export function selectedColumns<Column extends string>(
  info: GraphQLResolveInfo,
  path: readonly string[],
  columnsOf: ColumnsOfFields<Column>,
  always: readonly Column[],
): Column[] | undefined {
  return once(info, `columns ${path.join('.')} ${idOf(columnsOf)}`, () => {
    const columns = new Set<Column>(always);
    for (const field of selectedFields(info, ...path)) {
      if (field === '__typename') continue;
      const needed = columnsOf[field];
      if (!needed) return undefined;
      for (const column of needed) columns.add(column);
    }
    return [...columns];
  });
}

/**
 * A timestamptz as the text the DateTime scalar answers with (UTC, milliseconds, `Z`), so that a value only passed
 * through is never parsed into a Date and printed again. Truncated to the millisecond, as a Date is.
 */
export function isoText(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

// The column lists below come from selectedColumns, which hands back the same array for every request of a document:
// the SQL made of one (immutable Kysely expressions) is made once for it, not once per request.
const madeFor = new WeakMap<readonly string[], Map<string, unknown>>();
function madeOnce<T>(columns: readonly string[] | undefined, key: string, make: () => T): T {
  if (!columns) return make();
  let byKey = madeFor.get(columns);
  if (!byKey) madeFor.set(columns, (byKey = new Map()));
  let made = byKey.get(key) as T | undefined;
  if (made === undefined) byKey.set(key, (made = make()));
  return made;
}

/** A table's columns to select: `columns` (all when undefined), each as itself, timestamps as ISO text. */
export function columnsOfTable(table: string, columns: readonly string[], timestamps: ReadonlySet<string>) {
  return madeOnce(columns, `columns ${table} ${idOf(timestamps)}`, () =>
    columns.map((column) => (timestamps.has(column) ? isoText(`${table}.${column}`) : sql.ref(`${table}.${column}`)).as(column)));
}

/**
 * A related row (a task of an execution, its owner) as a JSON object of the columns a selection reads (the whole row
 * when undefined), read in the statement of the rows that refer to it: no statement of its own. When only its id is
 * read, the foreign key is that id and the table is not visited.
 */
export function relatedRow(table: string, foreignKey: string, columns: readonly string[] | undefined, timestamps: ReadonlySet<string>): RawBuilder<unknown> {
  return madeOnce(columns, `related ${table} ${foreignKey} ${idOf(timestamps)}`, () => {
    if (!columns) return sql`(select to_json(${sql.table(table)}) from ${sql.table(table)} where ${sql.ref(`${table}.id`)} = ${sql.ref(foreignKey)})`;
    if (columns.length === 1 && columns[0] === 'id') return sql`json_build_object('id', ${sql.ref(foreignKey)})`;
    const fields = sql.join(columns.map((column) => sql`${sql.lit(column)}, ${timestamps.has(column) ? isoText(`${table}.${column}`) : sql.ref(`${table}.${column}`)}`));
    return sql`(select json_build_object(${fields}) from ${sql.table(table)} where ${sql.ref(`${table}.id`)} = ${sql.ref(foreignKey)})`;
  });
}
