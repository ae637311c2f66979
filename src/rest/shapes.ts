import { z } from 'zod';

/** REST page/limit as a connection's `offset` (the rows of the earlier pages; the connection seeks past them). */
export const pageOffset = (page: number, limit: number) => (page - 1) * limit;
export const lower = <Value extends string | null | undefined>(value: Value) =>
  value?.toLowerCase() as Value extends string ? Lowercase<Value> : Value;

// Response bodies are zod schemas: the shaper's return type is inferred from them (a shape that drifts
// from its schema does not compile) and the OpenAPI document prints them as JSON Schema.
export const integer = z.number().int();
export const string = z.string();
export const dateTime = z.iso.datetime();
export const uuid = z.guid();
export const number = z.number();
export const boolean_ = z.boolean();
export const nullable = <Schema extends z.ZodType>(schema: Schema) => schema.nullable();
export const object = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject(shape);
export const pageOf = <Key extends string, Item extends z.ZodType>(key: Key, item: Item) =>
  z.strictObject({
    ...({ [key]: z.array(item) } as { [K in Key]: z.ZodArray<Item> }),
    total: integer.describe('Rows matching the filter (not the page length).'),
    page: integer,
    limit: integer,
  });

/** The paging fields of a `pageOf` body: `total` counts the whole filter, `page` and `limit` as asked. */
export const pageFields = (connection: { totalCount: number }, { page, limit }: { page: number; limit: number }) => ({ total: connection.totalCount, page, limit });

/** A response schema as OpenAPI 3.1 (JSON Schema 2020-12) describes it. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...described } = z.toJSONSchema(schema);
  return described;
}
export const upper = <Value extends string | undefined>(value: Value) => value?.toUpperCase() as Value extends string ? Uppercase<Value> : undefined;
