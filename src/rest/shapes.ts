import { positionCursor } from '../core/pagination';
import type { JsonSchema } from './route';

/** Keyset cursor "after the rows of the earlier pages": REST page/limit onto any connection. */
export const afterPage = (page: number, limit: number) => (page > 1 ? positionCursor((page - 1) * limit) : null);
export const lower = <Value extends string | null | undefined>(value: Value) => value?.toLowerCase() as Value;

export const integer: JsonSchema = { type: 'integer' };
export const string: JsonSchema = { type: 'string' };
export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
export const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type as string, 'null'] });
export const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
export const pageOf = (key: string, item: JsonSchema): JsonSchema =>
  object({ [key]: { type: 'array', items: item }, total: { ...integer, description: 'Rows matching the filter (not the page length).' }, page: integer, limit: integer });

export const uuid: JsonSchema = { type: 'string', format: 'uuid' };
export const number: JsonSchema = { type: 'number' };
export const boolean_: JsonSchema = { type: 'boolean' };
