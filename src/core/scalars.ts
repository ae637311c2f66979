import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { gatewayError } from './errors';

// PostgreSQL's timestamptz reaches back to 4713 BC, but RFC 3339 years are 0000-9999 and year 0 (1 BC) is where the
// drivers disagree (PGlite sends it as written, which PostgreSQL refuses): accept 0001-01-01 to 9999-12-31 (UTC).
const FIRST_MS = new Date('0001-01-01T00:00:00.000Z').getTime();
const LAST_MS = new Date('9999-12-31T23:59:59.999Z').getTime();

const MESSAGE = 'must be an RFC 3339 date-time with a time zone, between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z (e.g. 2024-01-15T09:00:00Z)';

const invalid = () => gatewayError('BAD_USER_INPUT', `DateTime ${MESSAGE}`);

/** graphql-scalars checks the RFC 3339 grammar and the calendar (no 2024-02-30); the range is ours. */
function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw invalid();
  let date: Date;
  try {
    date = GraphQLDateTime.parseValue(value) as Date;
  } catch {
    throw invalid();
  }
  const ms = date.getTime();
  if (Number.isNaN(ms) || ms < FIRST_MS || ms > LAST_MS) throw invalid();
  return date;
}

/** The form answered (what `toISOString` prints): lists read timestamps in it from SQL (core/selection.ts isoText). */
const ANSWERED_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const DateTimeResolver = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An RFC 3339 date-time with a time zone (e.g. 2024-01-15T09:00:00Z), between years 0001 and 9999; answered in UTC with milliseconds.',
  serialize: (value) => (typeof value === 'string' && ANSWERED_FORM.test(value) ? value : (value instanceof Date ? value : new Date(value as string)).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast: ValueNode) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
