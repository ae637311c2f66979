import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import { badInput } from './errors';
import './global-ids';
import { DateTimeResolver } from './scalars';
import type { GatewayContext } from './context';
import { decodeGlobalId, nodeQueryOptions, nodesQueryOptions } from './node-field';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  Connection: { totalCount: () => Promise<number> };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
}>({
  // Pothos runs field hooks last-listed plugin first: argument validation (zod rules, global IDs of the right type)
  // therefore runs before the Relay plugin decodes global IDs.
  plugins: [RelayPlugin, DataloaderPlugin, ValidationPlugin, 'globalIdInputs'],
  defaultFieldNullability: false,
  validation: {
    // A failed rule is BAD_USER_INPUT naming the field path (`filter.hours`); the rule's message is the problem.
    validationError: ({ issues }) => badInput(fieldPath(issues[0]?.path ?? []), issues[0]?.message ?? 'is not valid'),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: { list: false, items: false } },
    nodeFieldOptions: { nullable: false },
    decodeGlobalID: decodeGlobalId,
    nodeQueryOptions: nodeQueryOptions as never,
    nodesQueryOptions: nodesQueryOptions as never,
  },
});

function fieldPath(path: readonly (PropertyKey | { key: PropertyKey })[]): string {
  return path.map((part) => (typeof part === 'object' ? part.key : part))
    .reduce<string>((joined, key) => (typeof key === 'number' ? `${joined}[${key}]` : joined ? `${joined}.${String(key)}` : String(key)), '');
}

builder.addScalarType('DateTime', DateTimeResolver);
builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

/** The one connection type of a node type (`UserConnection`, `UserEdge`), with totalCount; share it between fields. */
export function connectionOf<Node extends Parameters<typeof builder.connectionObject>[0]['type']>(type: Node, name: string) {
  return builder.connectionObject(
    {
      type,
      name: `${name}Connection`,
      fields: (t) => ({
        totalCount: t.int({
          description: 'Rows matching the filter, regardless of paging.',
          resolve: (connection) => connection.totalCount(),
        }),
      }),
    },
    { name: `${name}Edge` },
  );
}
