import SchemaBuilder, { BasePlugin, type PothosInputFieldConfig, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { z } from 'zod';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const GLOBAL_ID = /^[A-Za-z0-9+/]+={0,2}$/;
const DECODED = /^([A-Z][A-Za-z0-9]{0,63}):(.+)$/s;

/** A global ID's type name and row id (a UUID in lower case), or undefined when it is not one; never echoes the input. */
export function parseGlobalId(globalId: string): { typename: string; id: string } | undefined {
  const decoded = GLOBAL_ID.test(globalId) ? DECODED.exec(Buffer.from(globalId, 'base64').toString('utf8')) : null;
  if (!decoded) return undefined;
  const id = decoded[2]!;
  return { typename: decoded[1]!, id: UUID.test(id) ? id.toLowerCase() : id };
}

/** A global ID of one of `typenames` whose row id is a UUID; the message is the BAD_USER_INPUT problem. */
export function globalIdOf(typenames: readonly string[]) {
  const name = typenames.join(' or ');
  return z.string().refine(
    (value) => {
      const decoded = parseGlobalId(value);
      return !!decoded && typenames.includes(decoded.typename) && UUID.test(decoded.id);
    },
    { error: `is not a ${name} ID (use the id field of a ${name})` },
  );
}

/**
 * Every `t.globalID({ for })` / `t.arg.globalID({ for })` gets `globalIdOf` as its validation schema. The validation
 * plugin runs before the Relay plugin decodes, so a foreign or malformed ID is a BAD_USER_INPUT naming its field path
 * (`filter.ownerId`) and the resolver only ever sees `{ typename, id }` of the right type.
 */
class GlobalIdInputsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onInputFieldConfig(field: PothosInputFieldConfig<Types>): PothosInputFieldConfig<Types> {
    return withGlobalIdSchema(field);
  }

  /** A field's own arguments reach the validation plugin before their input-field hook has run. */
  override onOutputFieldConfig(field: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    return { ...field, args: Object.fromEntries(Object.entries(field.args).map(([name, arg]) => [name, withGlobalIdSchema(arg)])) };
  }
}

function withGlobalIdSchema<Types extends SchemaTypes>(field: PothosInputFieldConfig<Types>): PothosInputFieldConfig<Types> {
  const { isRelayGlobalID, relayGlobalIDFor, globalIdChecked } = field.extensions ?? {};
  const forTypes = relayGlobalIDFor as { typename: string }[] | null | undefined;
  if (!isRelayGlobalID || !forTypes || globalIdChecked || field.type.kind === 'List') return field;
  const validation = field.extensions?.['@pothos/plugin-validation'];
  const schemas = [...(validation?.schemas ?? []), globalIdOf(forTypes.map(({ typename }) => typename))];
  return { ...field, extensions: { ...field.extensions, globalIdChecked: true, '@pothos/plugin-validation': { ...validation, schemas } } };
}

SchemaBuilder.registerPlugin('globalIdInputs', GlobalIdInputsPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      globalIdInputs: GlobalIdInputsPlugin<Types>;
    }
  }
}
