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
type Encoding = keyof Encoded;

/** Compressed in memory, once per file, only where the build's files are missing (run from src/). */
const compressedInMemory = new Map<string, Promise<Encoded>>();

function compressedOnce(name: string): Promise<Encoded> {
  let encoded = compressedInMemory.get(name);
  if (!encoded) {
    encoded = compressGraphiQLFile(name, { fast: true });
    encoded.catch(() => compressedInMemory.delete(name));
    compressedInMemory.set(name, encoded);
  }
  return encoded;
}

/**
 * One file in one encoding, read from disk on each request and not kept: the browser keeps it for a year (the URL
 * carries the version), so requests are rare, and the gateway does not hold about 10 MB of GraphiQL for a page that
 * was opened once. Without the build's compressed files, compressed once and kept.
 */
async function encodedBody(name: string, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'identity') return readFile(path.join(graphiqlDist, name));
  try {
    return await readFile(path.join(precompressed, `${name}.${encoding === 'br' ? 'br' : 'gz'}`));
  } catch {
    return (await compressedOnce(name))[encoding];
  }
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
  const encoding = preferredEncoding(req.headers['accept-encoding']);
  const body = await encodedBody(name, encoding);
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
