// Compiles the gateway to plain JavaScript in dist/ (one ESM bundle of src/, packages left to node_modules,
// with a source map), and tells whether an existing build is older than any file it was built from.
// Plain JavaScript so that `npm start` can check and build without loading a TypeScript runtime.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompressedComplete, precompressGraphiQL } from './core/graphiql-files.mjs';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const distDirectory = path.join(projectRoot, 'dist');
const inputsFileIn = (outdir) => path.join(outdir, 'inputs.json');
export const entryPointIn = (outdir) => path.join(outdir, 'main.js');

/**
 * Bundles src/main.ts into `outdir` (which must lie inside the project, so that packages resolve from it), and writes
 * GraphiQL's brotli and gzip files beside it once per GraphiQL version.
 */
export async function build(outdir = distDirectory) {
  const started = performance.now();
  const { build: bundle } = await import('esbuild');
  const result = await bundle({
    absWorkingDir: projectRoot,
    entryPoints: ['src/main.ts'],
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = [...Object.keys(result.metafile.inputs), 'package.json', 'tsconfig.json'];
  await precompressGraphiQL(outdir);
  await writeFile(inputsFileIn(outdir), JSON.stringify(inputs));
  return { ms: Math.round(performance.now() - started), inputs: inputs.length };
}

/** Why the build must be redone (missing, or the newest changed input), or undefined when it is current. */
export async function staleReason(outdir = distDirectory) {
  let builtAt;
  let inputs;
  try {
    builtAt = (await stat(entryPointIn(outdir))).mtimeMs;
    inputs = JSON.parse(await readFile(inputsFileIn(outdir), 'utf8'));
  } catch {
    return `no build in ${path.relative(projectRoot, outdir)}/`;
  }
  if (!(await precompressedComplete(outdir))) return "GraphiQL's compressed files are missing";
  for (const input of inputs) {
    const changedAt = await stat(path.join(projectRoot, input)).then((stats) => stats.mtimeMs, () => Infinity);
    if (changedAt > builtAt) return `${input} changed since the last build`;
  }
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ms, inputs } = await build();
  console.log(`built dist/main.js from ${inputs} files in ${ms} ms`);
}
