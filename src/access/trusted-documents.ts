import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import type { GatewayServerContext } from '../core/context';
import { ERROR_CATALOGUE } from '../core/errors';

export type TrustedDocumentsMode = 'off' | 'allow' | 'require';

/** A manifest of trusted documents: hash (`sha256:…` or the bare hex) -> document text. */
export function loadTrustedDocuments(manifestPath: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  const documents = new Map<string, string>();
  for (const [hash, document] of Object.entries(manifest)) {
    if (typeof document !== 'string') throw new Error(`${manifestPath}: the document of ${hash} is not a string`);
    documents.set(hash.replace(/^sha256:/, ''), document);
  }
  return documents;
}

/** The document id a request names: GraphQL's trusted-documents `documentId`, or Apollo's persisted-query hash. */
function documentIdOf(params: GraphQLParams): string | null {
  const { documentId } = params as GraphQLParams & { documentId?: unknown };
  if (typeof documentId === 'string') return documentId.replace(/^sha256:/, '');
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

/**
 * Trusted documents (Yoga's persisted-operations plugin over a manifest). `allow`: a request may name a manifest
 * document instead of sending one. `require`: only manifest documents run, except REST's own documents (the
 * route table is the gateway's code) and callers with an API key (operators: GraphiQL, scripts). Must come
 * after the access gate, which has set the principal by then.
 */
export function useTrustedDocuments(mode: TrustedDocumentsMode, documents: Map<string, string>): Plugin[] {
  if (mode === 'off') return [];
  const arbitraryAllowed = new WeakSet<Request>();
  const markArbitraryAllowed: Plugin<Record<string, unknown>, GatewayServerContext> = {
    onParams({ request, context }) {
      // No principal: the gate has already answered (401, 403, 429), and that answer must stand.
      const principal = context.principal;
      if (mode === 'allow' || !principal || context.restRoute || principal.credential.kind === 'api_key') arbitraryAllowed.add(request);
    },
  };
  return [
    markArbitraryAllowed as Plugin,
    usePersistedOperations({
      getPersistedOperation: (id) => documents.get(id.replace(/^sha256:/, '')) ?? null,
      extractPersistedOperationId: documentIdOf,
      allowArbitraryOperations: (request) => arbitraryAllowed.has(request),
      customErrors: {
        notFound: { message: ERROR_CATALOGUE.PERSISTED_QUERY_NOT_FOUND.example, extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: ERROR_CATALOGUE.PERSISTED_QUERY_NOT_FOUND.status } } },
        persistedQueryOnly: { message: ERROR_CATALOGUE.PERSISTED_QUERY_ONLY.example, extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: ERROR_CATALOGUE.PERSISTED_QUERY_ONLY.status } } },
        keyNotFound: { message: ERROR_CATALOGUE.PERSISTED_QUERY_ONLY.example, extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: ERROR_CATALOGUE.PERSISTED_QUERY_ONLY.status } } },
      },
    }) as Plugin,
  ];
}
