import { type DocumentNode, GraphQLError, Kind, type ValueNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// PostgreSQL's text types cannot hold U+0000 (the statement fails with 22021/22P05), so a NUL anywhere in a string
// argument would be a 500 from deep inside SQL. It is refused once here, for every argument of every field, before
// execution, with the argument named.
const NUL = '\u0000';
const PROBLEM = 'must not contain NUL (\\u0000) characters';

function joinPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** The path (within `path`) of the first string holding a NUL in a runtime value, if any. */
function nulInValue(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const found = nulInValue(item, joinPath(path, key), depth + 1);
    if (found) return found;
  }
  return undefined;
}

function nulInLiteral(node: ValueNode, path: string, variables: Record<string, unknown>, seen: { variable: boolean }): string | undefined {
  switch (node.kind) {
    case Kind.STRING:
      return node.value.includes(NUL) ? path : undefined;
    case Kind.VARIABLE:
      seen.variable = true;
      return nulInValue(variables[node.name.value], path);
    case Kind.LIST:
      for (const [index, item] of node.values.entries()) {
        const found = nulInLiteral(item, joinPath(path, index), variables, seen);
        if (found) return found;
      }
      return undefined;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const found = nulInLiteral(field.value, joinPath(path, field.name.value), variables, seen);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The answer for documents whose arguments up to the answer are all literals: it cannot change from one request to the
 * next (Yoga's parse cache hands back the same document object), so the document is walked once, not per request.
 */
const literalAnswers = new WeakMap<DocumentNode, { argument: string | undefined }>();

/** The argument (dotted, e.g. "filter.emailContains") whose value holds a NUL character, if any. */
export function argumentWithNul(document: DocumentNode, variables: Record<string, unknown> | null | undefined): string | undefined {
  const known = literalAnswers.get(document);
  if (known) return known.argument;
  let found: string | undefined;
  const seen = { variable: false };
  visit(document, {
    Argument(node) {
      found ??= nulInLiteral(node.value, node.name.value, variables ?? {}, seen);
      return found ? false : undefined;
    },
  });
  if (!seen.variable) literalAnswers.set(document, { argument: found });
  return found;
}

function refusal(argument: string) {
  return new GraphQLError(`${argument}: ${PROBLEM}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** Refuses, before execution, an operation any of whose string arguments (literal or variable) holds a NUL. */
export function useNulFreeArguments(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const argument = argumentWithNul(args.document, args.variableValues as Record<string, unknown>);
      if (argument) setResultAndStopExecution({ errors: [refusal(argument)] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const argument = argumentWithNul(args.document, args.variableValues as Record<string, unknown>);
      if (argument) setResultAndStopExecution({ errors: [refusal(argument)] });
    },
  };
}
