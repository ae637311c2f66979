import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, entryPointIn, projectRoot, staleReason } from '../src/build.mjs';
import { GRAPHIQL_FILES, graphiqlVersion, precompressedDirectoryIn } from '../src/core/graphiql-files.mjs';

// `npm start` runs the compiled bundle; these check that it is rebuilt when a source changes and that it serves.
let outdir: string;
beforeAll(() => {
  // Inside the project, as dist/ is, so that the bundle's package imports resolve from node_modules.
  const cache = path.join(projectRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  outdir = mkdtempSync(path.join(cache, 'gateway-build-'));
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const ADMIN_KEY = `sk_${'c'.repeat(40)}`;

function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
      const url = /GraphiQL:\s+(http:\S+)\/graphql/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`the compiled gateway exited with ${code}: ${output}`)));
  });
}

describe('the compiled build', () => {
  it('is missing, then current after building, then stale when a source file changes', async () => {
    expect(await staleReason(outdir)).toMatch(/^no build in node_modules\/\.cache\/gateway-build-/);
    await build(outdir);
    expect(await staleReason(outdir)).toBeUndefined();
    const map = JSON.parse(readFileSync(`${entryPointIn(outdir)}.map`, 'utf8')) as { sources: string[] };
    expect(map.sources.some((source) => source.endsWith('src/server.ts'))).toBe(true);

    // GraphiQL's compressed files are part of the build; without them it is stale.
    for (const name of Object.keys(GRAPHIQL_FILES)) {
      expect(readFileSync(path.join(precompressedDirectoryIn(outdir), `${name}.br`)).length).toBeGreaterThan(0);
    }
    rmSync(path.join(precompressedDirectoryIn(outdir), 'graphiql.css.gz'));
    expect(await staleReason(outdir)).toBe("GraphiQL's compressed files are missing");
    await build(outdir);
    expect(await staleReason(outdir)).toBeUndefined();

    const source = path.join(projectRoot, 'src/config.ts');
    const later = new Date(Date.now() + 2000);
    utimesSync(source, later, later);
    expect(await staleReason(outdir)).toBe('src/config.ts changed since the last build');
  }, 60_000);

  it('serves GraphQL from the bundle run by plain node (no --import tsx)', async () => {
    await build(outdir);
    const child = spawn(process.execPath, ['--enable-source-maps', entryPointIn(outdir)], {
      env: { ...process.env, PGLITE_DATA_DIR: 'memory', DEMO_DATA: 'false', SIMULATE_ACTIVITY: 'false', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ADMIN_API_KEY: ADMIN_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await readyUrl(child);
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
        body: JSON.stringify({ query: '{ users(first: 1) { edges { node { email } } } }' }),
      });
      expect(await response.json()).toEqual({ data: { users: { edges: [{ node: { email: 'admin@example.com' } }] } } });
      // GraphiQL's bundle is served from the build's brotli file, not compressed on the request.
      const served = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        get(`${url}/graphiql/${graphiqlVersion}/yoga-graphiql.umd.js`, { headers: { 'accept-encoding': 'br' } }, (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => resolve({ encoding: answer.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      expect(served.encoding).toBe('br');
      expect(served.body.equals(readFileSync(path.join(precompressedDirectoryIn(outdir), 'yoga-graphiql.umd.js.br')))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  }, 180_000);
});
