import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

// GraphiQL's files (about 9.7 MB) come from the installed @graphql-yoga/graphiql package, never a CDN. Their URL
// carries the package version, so a browser may keep them for a year; each is compressed once, on first request.
const require = createRequire(import.meta.url);
const packageRoot = path.dirname(require.resolve('@graphql-yoga/graphiql/package.json'));
const { version } = require('@graphql-yoga/graphiql/package.json') as { version: string };
export const GRAPHIQL_ASSET_PATH = `/graphiql/${version}/`;

const ASSETS: Record<string, string> = {
  'graphiql.css': 'text/css; charset=utf-8',
  'yoga-graphiql.umd.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/editor.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/json.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/graphql.worker..bundle.js': 'text/javascript; charset=utf-8',
};

interface Encoded {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const encodedAssets = new Map<string, Promise<Encoded>>();

async function encode(name: string): Promise<Encoded> {
  const identity = await readFile(path.join(packageRoot, 'dist', name));
  // Brotli quality 5 and gzip level 6: a fraction of a second for the 5 MB bundle on an idle core (quality 9 took
  // over 30 s on this loaded machine's first page load); 11 would take many seconds for a few percent less.
  const [br, gzipped] = await Promise.all([
    promisify(brotliCompress)(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    promisify(gzip)(identity, { level: 6 }),
  ]);
  return { identity, br, gzip: gzipped };
}

function encodedAsset(name: string): Promise<Encoded> {
  let encoded = encodedAssets.get(name);
  if (!encoded) {
    encoded = encode(name);
    encoded.catch(() => encodedAssets.delete(name));
    encodedAssets.set(name, encoded);
  }
  return encoded;
}

function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = (acceptEncoding ?? '').split(',').map((part) => part.trim().split(';')[0]?.toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return 'identity';
}

/** Answers a request for one of GraphiQL's files; false when the path is not one of them. */
export async function serveGraphiQLAsset(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  const name = pathname.slice(GRAPHIQL_ASSET_PATH.length);
  const contentType = ASSETS[name];
  if (!pathname.startsWith(GRAPHIQL_ASSET_PATH) || !contentType) return false;
  const encoded = await encodedAsset(name);
  const encoding = preferredEncoding(req.headers['accept-encoding']);
  const body = encoded[encoding];
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': body.length,
    'cache-control': 'public, max-age=31536000, immutable',
    vary: 'accept-encoding',
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
