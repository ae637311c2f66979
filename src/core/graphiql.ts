import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type GraphiQLOptions, renderGraphiQL } from 'graphql-yoga';

// Yoga's page loads GraphiQL from a CDN; the gateway serves the same files from the installed package instead.
const assetRoot = path.join(path.dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')), 'dist');
export const GRAPHIQL_ASSET_PATH = '/graphiql/assets/';
const ASSETS: Record<string, string> = {
  'graphiql.css': 'text/css',
  'yoga-graphiql.umd.js': 'text/javascript',
  'monacoeditorwork/editor.worker.bundle.js': 'text/javascript',
  'monacoeditorwork/json.worker.bundle.js': 'text/javascript',
  'monacoeditorwork/graphql.worker..bundle.js': 'text/javascript',
};

export function renderLocalGraphiQL(options: GraphiQLOptions): string {
  // Yoga's GraphiQL bundle opens with `query` (or ?query=), not with `defaultQuery`.
  const withQuery = options.defaultQuery ? { ...options, query: options.defaultQuery } : options;
  return renderGraphiQL(withQuery)
    .replace(/https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/]+\/dist\//g, GRAPHIQL_ASSET_PATH)
    .replace(/<link rel=icon href=[^>]*>/, '')
    .replaceAll('__TITLE__', options.title ?? 'GraphiQL');
}

/** The file behind an asset path, or undefined for anything not on the allow-list. */
export async function graphiqlAsset(pathname: string): Promise<{ body: Buffer; contentType: string } | undefined> {
  const name = pathname.slice(GRAPHIQL_ASSET_PATH.length);
  const contentType = ASSETS[name];
  if (!pathname.startsWith(GRAPHIQL_ASSET_PATH) || !contentType) return undefined;
  return { body: await readFile(path.join(assetRoot, name)), contentType };
}
