import { GraphQLScalarType, Kind } from 'graphql';
import { gatewayError } from './errors';

function parseDate(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw gatewayError('BAD_USER_INPUT', 'DateTime must be an ISO 8601 date-time string');
  return date;
}

export const DateTimeResolver = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO 8601 date-time in UTC, e.g. 2024-01-15T09:00:00.000Z.',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
