import { GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { badInput } from './errors';
import { parseGlobalId, UUID } from './global-ids';

/** The most IDs one `nodes` call may ask for (each costs a row load). */
export const MAX_NODE_IDS = 100;

const NOT_AN_ID = 'is not a valid ID (use the id field of an object)';

/**
 * Global IDs as the Relay plugin reads them, without ever echoing the input: a malformed one is BAD_USER_INPUT.
 * (The plugin's own messages quote the input back: `Invalid global ID: ' OR 1=1 --`.) Global-ID arguments are
 * checked before this runs (see global-ids.ts), so only `node`/`nodes` can reach the error.
 */
export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = parseGlobalId(globalId);
  if (!decoded) throw badInput('id', NOT_AN_ID);
  return decoded;
}

type Decoded = { typename: string; id: string };

/** An ID of a type that is not a Node here, or whose row id is not a UUID, is BAD_USER_INPUT before anything loads. */
function checkIds(argument: string, ids: readonly Decoded[], info: GraphQLResolveInfo) {
  for (const { typename, id } of ids) {
    const type = Object.hasOwn(info.schema.getTypeMap(), typename) ? info.schema.getType(typename) : undefined;
    const isNode = type instanceof GraphQLObjectType && type.getInterfaces().some((iface) => iface.name === 'Node');
    if (!isNode || !UUID.test(id)) throw badInput(argument, NOT_AN_ID);
  }
}

/** The Relay plugin passes a function that loads the decoded `args.id` (node) or `args.ids` (nodes) itself. */
export const nodeQueryOptions = {
  resolve: (_root: unknown, args: { id: Decoded }, _context: unknown, info: GraphQLResolveInfo, loadNode: (ids: Decoded[]) => unknown) => {
    checkIds('id', [args.id], info);
    return loadNode([args.id]);
  },
};

export const nodesQueryOptions = {
  resolve: (_root: unknown, args: { ids: Decoded[] }, _context: unknown, info: GraphQLResolveInfo, loadNodes: (ids: Decoded[]) => unknown) => {
    if (args.ids.length > MAX_NODE_IDS) throw badInput('ids', `at most ${MAX_NODE_IDS} IDs, got ${args.ids.length}`);
    checkIds('ids', args.ids, info);
    return loadNodes(args.ids);
  },
};
