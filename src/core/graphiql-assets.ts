import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressGraphiQLFile, GRAPHIQL_FILES, graphiqlDist, graphiqlVersion, precompressedDirectoryIn } from './graphiql-files.mjs';

// The URL carries the package version, so a browser may keep each file for a year.
export const GRAPHIQL_ASSET_PATH = `/graphiql/${graphiqlVersion}/`;

// Compiled (dist/main.js), the build's compressed files lie beside the bundle; run from src/ (tsx, tests) there are
// none, and each file is compressed in memory on its first request instead.
const precompressed = precompressedDirectoryIn(path.dirname(fileURLToPath(import.meta.url)));

interface Encoded {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const encodedAssets = new Map<string, Promise<Encoded>>();

async function encode(name: string): Promise<Encoded> {
  try {
    const [identity, br, gzip] = await Promise.all(
      [path.join(graphiqlDist, name), path.join(precompressed, `${name}.br`), path.join(precompressed, `${name}.gz`)].map((file) => readFile(file)),
    );
    return { identity: identity as Buffer, br: br as Buffer, gzip: gzip as Buffer };
  } catch {
    return compressGraphiQLFile(name, { fast: true });
  }
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
  const contentType = Object.hasOwn(GRAPHIQL_FILES, name) ? GRAPHIQL_FILES[name] : undefined;
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
