import { UUID } from '../core/global-ids';

/**
 * REST parameters: each one parses its raw text into a value (or a 422 naming it) and describes
 * itself as an OpenAPI parameter, so validation and documentation come from the same definition.
 */

/** A parameter the caller got wrong; answered 422 {"detail": "<name>: <problem>"}. */
export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    readonly problem: string,
  ) {
    super(`${parameter}: ${problem}`);
  }
}

export interface Parameter<Value> {
  in: 'path' | 'query';
  description: string;
  /** JSON Schema of the parameter (OpenAPI 3.1). */
  schema: Record<string, unknown>;
  required: boolean;
  /** Parses the raw text (undefined when absent); throws a ParameterError naming `name`. */
  parse(name: string, raw: string | undefined): Value;
}

export type ParameterMap = Record<string, Parameter<unknown>>;
export type ParameterValues<Map extends ParameterMap> = { [Name in keyof Map]: Map[Name] extends Parameter<infer Value> ? Value : never };

const quoted = (raw: string) => JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);

export function integer(options: { description: string; minimum: number; maximum: number; default: number }): Parameter<number> {
  return {
    in: 'query',
    description: options.description,
    schema: { type: 'integer', minimum: options.minimum, maximum: options.maximum, default: options.default },
    required: false,
    parse(name, raw) {
      if (raw === undefined) return options.default;
      if (!/^[+-]?\d+$/.test(raw.trim())) throw new ParameterError(name, `must be an integer, got ${quoted(raw)}`);
      const value = Number(raw.trim());
      if (!Number.isSafeInteger(value) || value < options.minimum || value > options.maximum) {
        throw new ParameterError(name, `must be between ${options.minimum} and ${options.maximum}, got ${raw.trim().length > 20 ? quoted(raw) : value}`);
      }
      return value;
    },
  };
}

export function oneOf<const Values extends readonly string[]>(options: { description: string; values: Values }): Parameter<Values[number] | undefined> {
  return {
    in: 'query',
    description: options.description,
    schema: { type: 'string', enum: [...options.values] },
    required: false,
    parse(name, raw) {
      if (raw === undefined) return undefined;
      const value = raw.trim().toLowerCase();
      if (!(options.values as readonly string[]).includes(value)) {
        throw new ParameterError(name, `must be one of ${options.values.join(', ')}, got ${quoted(raw)}`);
      }
      return value as Values[number];
    },
  };
}

const TRUE_SPELLINGS = ['true', '1', 'yes', 'on'];
const FALSE_SPELLINGS = ['false', '0', 'no', 'off'];

export function boolean(options: { description: string; default: boolean }): Parameter<boolean> {
  return {
    in: 'query',
    description: `${options.description} Accepts true/false, 1/0, yes/no, on/off.`,
    schema: { type: 'boolean', default: options.default },
    required: false,
    parse(name, raw) {
      if (raw === undefined) return options.default;
      const value = raw.trim().toLowerCase();
      if (TRUE_SPELLINGS.includes(value)) return true;
      if (FALSE_SPELLINGS.includes(value)) return false;
      throw new ParameterError(name, `must be a boolean (true or false), got ${quoted(raw)}`);
    },
  };
}

export function uuidInPath(options: { description: string }): Parameter<string> {
  return {
    in: 'path',
    description: options.description,
    schema: { type: 'string', format: 'uuid' },
    required: true,
    parse(name, raw) {
      if (raw === undefined || !UUID.test(raw)) throw new ParameterError(name, `must be a UUID, got ${quoted(raw ?? '')}`);
      return raw.toLowerCase();
    },
  };
}

/** The documented paging pair: page (1-based) and limit (rows per page). */
export const paging = {
  page: integer({ description: 'Page number (default: 1).', minimum: 1, maximum: 1_000_000, default: 1 }),
  limit: integer({ description: 'Results per page (default: 50, max: 100).', minimum: 1, maximum: 100, default: 50 }),
};

export const hours = integer({ description: 'Last N hours (default: 24).', minimum: 1, maximum: 8760, default: 24 });
