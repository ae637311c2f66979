// `npm start`: builds dist/ when it is missing or older than its sources, then runs the compiled gateway in
// this same process (no TypeScript runtime in memory), with stack traces mapped back to src/.
import { pathToFileURL } from 'node:url';
import { build, distDirectory, entryPointIn, staleReason } from './build.mjs';

const reason = await staleReason();
if (reason) {
  const { ms } = await build();
  console.log(`Built dist/ in ${ms} ms (${reason}).`);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(entryPointIn(distDirectory)).href);
