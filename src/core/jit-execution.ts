import { type DocumentNode, type ExecutionArgs, type ExecutionResult, getOperationAST, getVariableValues, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

interface Compiled {
  query: CompiledQuery | ExecutionResult;
  variables: readonly VariableDefinitionNode[];
}

/** Compiled operations by document (Yoga's parse cache hands back the same object for the same text), schema and operation name. */
const compiledOperations = new WeakMap<DocumentNode, { schema: GraphQLSchema; byName: Map<string, Compiled> }>();

function compiledFor(args: ExecutionArgs): Compiled {
  let entry = compiledOperations.get(args.document);
  if (!entry || entry.schema !== args.schema) compiledOperations.set(args.document, (entry = { schema: args.schema, byName: new Map() }));
  const name = args.operationName ?? '';
  let compiled = entry.byName.get(name);
  if (!compiled) {
    compiled = {
      query: compileQuery(args.schema, args.document, args.operationName ?? undefined),
      variables: getOperationAST(args.document, args.operationName)?.variableDefinitions ?? [],
    };
    entry.byName.set(name, compiled);
  }
  return compiled;
}

/**
 * Queries and mutations run through graphql-jit: each operation is compiled once into a function that resolves its
 * selection without walking the document again on every request (resolvers, scalars and errors are the schema's
 * own). Variables are first coerced by graphql-js, as before, so that a refused value is answered with the same
 * error (the scalar's own message and code, e.g. DateTime's BAD_USER_INPUT); graphql-jit's own coercion would only
 * say "Expected type". An operation graphql-jit cannot compile runs on the executor it replaces.
 * Subscriptions are not touched (their `onSubscribe` is src/live/shared-execution.ts's, on graphql-js).
 * Listed before every plugin that wraps the execute function (tracing), so that they wrap the compiled one.
 */
export function useJitExecution(): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args: ExecutionArgs) => {
        const { query, variables } = compiledFor(args);
        if (!isCompiledQuery(query)) return executeFn(args);
        if (variables.length > 0) {
          const coerced = getVariableValues(args.schema, variables, args.variableValues ?? {}, { maxErrors: 50 });
          if (coerced.errors) return { errors: coerced.errors };
        }
        return query.query(args.rootValue, args.contextValue, args.variableValues) as ReturnType<typeof executeFn>;
      });
    },
  };
}
