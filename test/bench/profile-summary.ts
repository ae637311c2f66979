/**
 * The functions that took the most CPU in a V8 CPU profile (npm run bench -- --profile writes the gateway's):
 *   npx tsx test/bench/profile-summary.ts bench-results/profiles/CPU.….cpuprofile [--top 40]
 * Self time per function and per package (node_modules/<name>, node: internals, our src/), in percent of the
 * samples that were not idle; `--skip N` leaves out the first N seconds (start-up and compilation).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' }, skip: { type: 'string', default: '0' } } });
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
// Hits from the samples after the skipped start, not counting idle time.
const hitsOf = new Map<number, number>();
let elapsed = 0;
profile.samples.forEach((id, index) => {
  elapsed += profile.timeDeltas[index] ?? 0;
  if (elapsed >= Number(values.skip) * 1e6) hitsOf.set(id, (hitsOf.get(id) ?? 0) + 1);
});
for (const node of profile.nodes) node.hitCount = node.callFrame.functionName === '(idle)' ? 0 : (hitsOf.get(node.id) ?? 0);
const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
const packageOf = (url: string) => {
  if (!url) return '(native/gc)';
  if (url.startsWith('node:')) return 'node:';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  return /\/src\//.test(url) ? `src/${url.split('/src/')[1]!.split('/')[0]}` : url;
};
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  if (!hits) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const name = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/src\//, 'src/')}:${lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
  byPackage.set(packageOf(url), (byPackage.get(packageOf(url)) ?? 0) + hits);
}
const show = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, hits] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${name}`);
};
show('by package', byPackage);
show('by function (self time)', byFunction);
