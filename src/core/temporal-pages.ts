import { createHash } from 'node:crypto';
import { badInput } from './errors';
import { type Connection, type ConnectionArguments, validatePageSize } from './pagination';

/**
 * Connections over Temporal's paged lists (ListWorkflowExecutions, ListSchedules). Temporal pages
 * forward only, with an opaque token per page, so a cursor is that token plus how many items of its
 * page come before the cursor, and a digest of the query it belongs to. The end cursor of a full page
 * is simply Temporal's next token; any other edge's cursor re-reads its page from the page's token.
 */
const VERSION = 't1';

interface DecodedCursor {
  token: Uint8Array | null;
  skip: number;
}

const digestOf = (query: string) => createHash('sha256').update(query).digest('base64url').slice(0, 12);

function encodeCursor(query: string, token: Uint8Array | null, skip: number): string {
  return Buffer.from(JSON.stringify([VERSION, digestOf(query), token ? Buffer.from(token).toString('base64') : null, skip])).toString('base64url');
}

function decodeCursor(argument: string, cursor: string, query: string): DecodedCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed[0] !== VERSION || typeof parsed[1] !== 'string' || !(parsed[2] === null || typeof parsed[2] === 'string') || !Number.isInteger(parsed[3]) || parsed[3] < 0 || parsed[3] > 100) {
    throw badInput(argument, 'is not a cursor of this list');
  }
  if (parsed[1] !== digestOf(query)) throw badInput(argument, 'belongs to another filter; start again without it');
  return { token: parsed[2] === null ? null : Buffer.from(parsed[2], 'base64'), skip: parsed[3] };
}

export interface TemporalPage<Item> {
  items: Item[];
  nextPageToken: Uint8Array | null;
}

/**
 * A forward-only connection: `fetch` asks Temporal for one page of `pageSize` items from `token`
 * (one Temporal call). `query` identifies the filter, so a cursor of another filter is refused.
 */
export async function temporalConnection<Item>(options: {
  args: ConnectionArguments;
  query: string;
  fetch: (pageSize: number, token: Uint8Array | null) => Promise<TemporalPage<Item>>;
  totalCount: () => Promise<number>;
}): Promise<Connection<Item>> {
  const { args, query } = options;
  if (args.last != null || args.before != null) throw badInput(args.last != null ? 'last' : 'before', "Temporal lists page forward only; use first and after");
  const { size } = validatePageSize(args);
  const start = args.after ? decodeCursor('after', args.after, query) : { token: null, skip: 0 };
  if (size === 0) {
    return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: Boolean(args.after), startCursor: null, endCursor: null }, totalCount: options.totalCount };
  }
  const page = await options.fetch(start.skip + size, start.token);
  const items = page.items.slice(start.skip, start.skip + size);
  const edges = items.map((node, index) => {
    const position = start.skip + index + 1;
    const lastOfPage = position === page.items.length;
    return { node, cursor: lastOfPage && page.nextPageToken ? encodeCursor(query, page.nextPageToken, 0) : encodeCursor(query, start.token, position) };
  });
  const hasNextPage = page.items.length > start.skip + size || page.nextPageToken !== null;
  return {
    edges,
    pageInfo: { hasNextPage, hasPreviousPage: Boolean(args.after), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: options.totalCount,
  };
}
