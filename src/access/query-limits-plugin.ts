import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config';
import { ERROR_CATALOGUE, type ErrorCode } from '../core/errors';

type QueryLimit = 'maxDepth' | 'maxCost' | 'maxAliases' | 'maxTokens' | 'maxDirectives';
/** graphql-armor prefixes its validation messages as if they were parse errors; they are not. */
const ARMOR_PREFIX = 'Syntax Error: ';

/**
 * Each limit gets its own callback, so the code and the limit's name come from which limit refused, never from the
 * message. armor's messages already name the limit and its value; the status is that of any other invalid document
 * (GraphQL over HTTP: 400 for application/graphql-response+json, 200 for legacy application/json).
 */
const describeQueryLimit = (limit: QueryLimit) => [(_context: unknown, error: GraphQLError) => {
  // The token limit is enforced by graphql-js's parser, where "Syntax Error" is what it is.
  if (limit !== 'maxTokens' && error.message.startsWith(ARMOR_PREFIX)) error.message = error.message.slice(ARMOR_PREFIX.length);
  Object.assign(error.extensions, { code: 'QUERY_LIMIT_EXCEEDED' satisfies ErrorCode, limit, http: { status: ERROR_CATALOGUE.QUERY_LIMIT_EXCEEDED.status, spec: true } });
}];

/** Query limits (graphql-armor): depth, cost, aliases, tokens and directives, each refused with QUERY_LIMIT_EXCEEDED. */
export function useQueryLimits(limits: Config['queryLimits']): Plugin {
  return EnvelopArmorPlugin({
    // Only admins reach validation (authentication runs first), so "Did you mean …?" hints stay.
    blockFieldSuggestion: { enabled: false },
    maxDepth: { n: limits.maxDepth, onReject: describeQueryLimit('maxDepth') },
    // Every connection caps its page at 100 and depth is capped, so cost only has to stop very wide
    // documents; at armor's default of ×1.5 per level the nested lists operators write
    // (users → tasks → executions) would cost over 100,000.
    costLimit: { maxCost: limits.maxCost, depthCostFactor: 1.2, onReject: describeQueryLimit('maxCost') },
    maxAliases: { n: limits.maxAliases, onReject: describeQueryLimit('maxAliases') },
    maxTokens: { n: limits.maxTokens, onReject: describeQueryLimit('maxTokens') },
    maxDirectives: { n: limits.maxDirectives, onReject: describeQueryLimit('maxDirectives') },
  }) as Plugin;
}
