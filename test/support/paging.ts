export interface ConnectionPage {
  edges: { node: any }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  [field: string]: unknown;
}

/** The arguments of one page request: first/after going forwards, last/before going backwards. */
export type PageRequest = { first: number; after: string | null } | { last: number; before: string | null };

/**
 * Walks a connection to its end as a Relay client would, one request per page, and returns every node in list
 * order. `onPage` sees each page as it arrives, with the cursor it was asked from (null for the first page),
 * its index and the nodes seen so far (this page's included).
 */
export async function walkConnection(
  fetchPage: (request: PageRequest) => Promise<ConnectionPage>,
  options: { size: number; backward?: boolean; onPage?: (page: ConnectionPage, at: { cursor: string | null; index: number; seen: any[] }) => unknown },
): Promise<any[]> {
  const { size, backward = false, onPage } = options;
  const seen: any[] = [];
  let cursor: string | null = null;
  for (let index = 0; ; index += 1) {
    const page = await fetchPage(backward ? { last: size, before: cursor } : { first: size, after: cursor });
    const nodes = page.edges.map((edge) => edge.node);
    if (backward) seen.unshift(...nodes);
    else seen.push(...nodes);
    await onPage?.(page, { cursor, index, seen });
    if (!(backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage)) return seen;
    cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
  }
}
