/**
 * README tables from the JSON of npm run bench: `npx tsx test/bench/side-by-side/markdown.ts after.json [before.json]`.
 * Per case and connection count: requests per CPU-second of each server (median), ours/PostGraphile and ours/floor
 * with their spread over repeats, ours' statements per request, p99 and peak RSS (and the same figures before).
 */
import { readFileSync } from 'node:fs';
import type { CaseSummary, Spread } from './report';

const [afterFile, beforeFile] = process.argv.slice(2);
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { summary: CaseSummary[]; fanOut?: Record<string, any>; settings: unknown; machine: unknown; started: string };
const after = read(afterFile!);
const before = beforeFile ? read(beforeFile) : undefined;

const number = (value: number, digits = 0) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (spread?: Spread) => (spread ? `${number(spread.median, 2)} (${number(spread.min, 2)}–${number(spread.max, 2)})` : '–');
const figures = (summary: CaseSummary | undefined) => {
  if (!summary) return ['–', '–', '–', '–', '–', '–', '–', '–'];
  const of = (name: string) => summary.servers.find((server) => server.server === name);
  const ours = of('ours')!;
  return [
    number(ours.reqPerCpuSecond.median), of('postgraphile') ? number(of('postgraphile')!.reqPerCpuSecond.median) : '–', number(of('floor')!.reqPerCpuSecond.median),
    ratio(summary.oursOverPostgraphile), ratio(summary.oursOverFloor),
    ours.statementsPerRequest === null ? '–' : number(ours.statementsPerRequest, 2), `${number(ours.p99.min)}–${number(ours.p99.max)}`, number(ours.peakRssMiB),
  ];
};

for (const connections of [...new Set(after.summary.map((summary) => summary.connections))]) {
  console.log(`\n${connections} connections (req/CPU-s = requests per CPU-second of that server's own process)\n`);
  console.log('| case | | ours req/CPU-s | PostGraphile | floor | ours / PostGraphile | ours / floor | ours stmt/req | ours p99 ms | ours peak RSS MiB |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const summary of after.summary.filter((entry) => entry.connections === connections)) {
    const earlier = before?.summary.find((entry) => entry.case === summary.case && entry.connections === connections);
    if (before) console.log(`| ${summary.case} | before | ${figures(earlier).join(' | ')} |`);
    console.log(`| ${before ? '' : summary.case} | ${before ? 'after' : ''} | ${figures(summary).join(' | ')} |`);
  }
}
for (const [label, run] of [['before', before], ['after', after]] as const) {
  const fanOut = run?.fanOut;
  if (!fanOut) continue;
  console.log(`\nfan-out ${label}: ${fanOut.subscribers} subscribers, ${fanOut.rate} events/s, ${fanOut.events} events: delivered ${number(fanOut.delivered)} of ${number(fanOut.expected)},` +
    ` p50 ${fanOut.p50 === null ? '–' : number(fanOut.p50)} ms, p99 ${fanOut.p99 === null ? '–' : number(fanOut.p99)} ms, ${fanOut.statementsPerEvent === null ? '–' : number(fanOut.statementsPerEvent, 2)} statements per event,` +
    ` RSS ${number(fanOut.gatewayRssMiB.before)} → ${number(fanOut.gatewayRssMiB.peak)} MiB, gateway CPU ${number(fanOut.gatewayCpuSeconds, 1)} s, sockets closed ${fanOut.closedSockets}`);
}
