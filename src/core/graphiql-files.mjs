// GraphiQL's files, served from the installed @graphql-yoga/graphiql package (never a CDN), and their brotli and gzip
// forms, which `npm run build` (and `npm start` when it builds) writes beside the bundle so that the gateway does not
// compress 9 MB on its first page load. Plain JavaScript: src/build.mjs runs without a TypeScript runtime.
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const require = createRequire(import.meta.url);
export const graphiqlDist = path.join(path.dirname(require.resolve('@graphql-yoga/graphiql/package.json')), 'dist');
export const graphiqlVersion = require('@graphql-yoga/graphiql/package.json').version;

/** The files a page may ask for, with their content types; anything else under the asset path is 404. */
export const GRAPHIQL_FILES = {
  'graphiql.css': 'text/css; charset=utf-8',
  'yoga-graphiql.umd.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/editor.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/json.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/graphql.worker..bundle.js': 'text/javascript; charset=utf-8',
};

/** Where a build in `outdir` keeps the compressed files of this GraphiQL version. */
export const precompressedDirectoryIn = (outdir) => path.join(outdir, 'graphiql', graphiqlVersion);

/**
 * Compresses one file: brotli quality 9 and gzip level 9 at build time (about 2 s of CPU for the 5 MB bundle; brotli
 * 11 took 20 s here for 9% less), or `fast` (brotli 5, gzip 6: about 1 s) when the gateway must do it on a request.
 */
export async function compressGraphiQLFile(name, { fast = false } = {}) {
  const identity = await readFile(path.join(graphiqlDist, name));
  const [br, gzipped] = await Promise.all([
    promisify(brotliCompress)(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: fast ? 5 : 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    promisify(gzip)(identity, { level: fast ? 6 : 9 }),
  ]);
  return { identity, br, gzip: gzipped };
}

const exists = (file) => stat(file).then(() => true, () => false);

/** Whether every compressed file of this GraphiQL version is in the build. */
export async function precompressedComplete(outdir) {
  const directory = precompressedDirectoryIn(outdir);
  for (const name of Object.keys(GRAPHIQL_FILES)) {
    if (!(await exists(path.join(directory, `${name}.br`))) || !(await exists(path.join(directory, `${name}.gz`)))) return false;
  }
  return true;
}

/** Writes the compressed files of this GraphiQL version into the build (once), and drops those of other versions. */
export async function precompressGraphiQL(outdir) {
  const directory = precompressedDirectoryIn(outdir);
  const others = await readdir(path.dirname(directory)).catch(() => []);
  await Promise.all(others.filter((version) => version !== graphiqlVersion).map((version) => rm(path.join(path.dirname(directory), version), { recursive: true, force: true })));
  if (await precompressedComplete(outdir)) return false;
  await Promise.all(
    Object.keys(GRAPHIQL_FILES).map(async (name) => {
      const { br, gzip: gzipped } = await compressGraphiQLFile(name);
      await mkdir(path.dirname(path.join(directory, name)), { recursive: true });
      await writeFile(path.join(directory, `${name}.br`), br);
      await writeFile(path.join(directory, `${name}.gz`), gzipped);
    }),
  );
  return true;
}
