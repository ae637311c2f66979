import type { ServerName } from './cases';
import type { FanOutResult } from './fan-out';
import type { LoadResult } from './processes';

export interface Window extends LoadResult {
  case: string;
  server: ServerName;
  connections: number;
  repeat: number;
  cpuSeconds: number;
  statementsPerRequest: number | null;
  peakRssMiB: number;
  /** The statements run most often in the window (pg_stat_statements), for reading where they come from. */
  topStatements?: { calls: number; query: string }[];
}

/** A median with the smallest and largest value it was taken over. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface ServerSummary {
  server: ServerName;
  reqPerSecond: Spread;
  p50: Spread;
  p99: Spread;
  reqPerCpuSecond: Spread;
  statementsPerRequest: number | null;
  peakRssMiB: number;
  non2xx: number;
  errors: number;
}

export interface CaseSummary {
  case: string;
  connections: number;
  servers: ServerSummary[];
  /** Per repeat, ours' requests per CPU-second over the peer's, then the spread over repeats. */
  oursOverPostgraphile?: Spread;
  oursOverFloor?: Spread;
}

function spread(values: number[]): Spread {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

const perCpuSecond = (window: Window) => (window.cpuSeconds > 0 ? window.requests / window.cpuSeconds : Number.NaN);

export function summarise(windows: Window[]): CaseSummary[] {
  const summaries: CaseSummary[] = [];
  const keys = [...new Set(windows.map((window) => `${window.connections}\u0000${window.case}`))];
  for (const key of keys) {
    const [connections, name] = key.split('\u0000') as [string, string];
    const ofCase = windows.filter((window) => window.case === name && window.connections === Number(connections));
    const names = [...new Set(ofCase.map((window) => window.server))];
    const servers = names.map((server): ServerSummary => {
      const runs = ofCase.filter((window) => window.server === server);
      const statements = runs.map((window) => window.statementsPerRequest).filter((value): value is number => value !== null);
      return {
        server,
        reqPerSecond: spread(runs.map((window) => window.requests / window.seconds)),
        p50: spread(runs.map((window) => window.p50)),
        p99: spread(runs.map((window) => window.p99)),
        reqPerCpuSecond: spread(runs.map(perCpuSecond)),
        statementsPerRequest: statements.length ? spread(statements).median : null,
        peakRssMiB: Math.max(...runs.map((window) => window.peakRssMiB)),
        non2xx: runs.reduce((sum, window) => sum + window.non2xx, 0),
        errors: runs.reduce((sum, window) => sum + window.errors, 0),
      };
    });
    const ratio = (peer: ServerName) => {
      const values = [...new Set(ofCase.map((window) => window.repeat))].flatMap((repeat) => {
        const ours = ofCase.find((window) => window.repeat === repeat && window.server === 'ours');
        const other = ofCase.find((window) => window.repeat === repeat && window.server === peer);
        return ours && other ? [perCpuSecond(ours) / perCpuSecond(other)] : [];
      });
      return values.length ? spread(values) : undefined;
    };
    summaries.push({ case: name, connections: Number(connections), servers, oursOverPostgraphile: ratio('postgraphile'), oursOverFloor: ratio('floor') });
  }
  return summaries;
}

const fixed = (value: number, digits = 0) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const range = (value: Spread, digits = 0) => (value.min === value.max ? fixed(value.median, digits) : `${fixed(value.median, digits)} (${fixed(value.min, digits)}–${fixed(value.max, digits)})`);

export function printReport(
  summaries: CaseSummary[],
  fanOut: FanOutResult | undefined,
  context: { started: Date; settings: Record<string, unknown>; machine: Record<string, unknown> },
) {
  console.log(`\nside by side, ${context.started.toISOString()}: ${JSON.stringify(context.settings)}`);
  console.log(`machine: ${JSON.stringify(context.machine)}`);
  console.log('figures are medians over repeats (min–max); req/CPU-s counts only the server process\'s own CPU time');
  const header = ['case', 'server', 'req/s', 'p50 ms', 'p99 ms', 'req/CPU-s', 'stmt/req', 'peak RSS MiB', 'non-2xx'];
  for (const connections of [...new Set(summaries.map((summary) => summary.connections))]) {
    const rows: string[][] = [];
    for (const summary of summaries.filter((entry) => entry.connections === connections)) {
      summary.servers.forEach((server, index) => {
        rows.push([
          index === 0 ? summary.case : '', server.server, range(server.reqPerSecond), range(server.p50, 1), range(server.p99, 1), range(server.reqPerCpuSecond),
          server.statementsPerRequest === null ? '–' : fixed(server.statementsPerRequest, 2), fixed(server.peakRssMiB), String(server.non2xx + server.errors),
        ]);
      });
      const ratios = [
        summary.oursOverPostgraphile && `ours/PostGraphile ${range(summary.oursOverPostgraphile, 2)}`,
        summary.oursOverFloor && `ours/floor ${range(summary.oursOverFloor, 2)}`,
      ].filter(Boolean);
      rows.push(['', `req/CPU-s ratio: ${ratios.join(', ')}`, '', '', '', '', '', '', '']);
    }
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (column === 1 && row[0] === '' && row[2] === '' ? 0 : row[column]!.length))));
    console.log(`\n${connections} connections`);
    console.log(header.map((title, column) => title.padEnd(widths[column]!)).join('  '));
    for (const row of rows) {
      if (row[2] === '' && row[0] === '') console.log(`${''.padEnd(widths[0]!)}  ${row[1]}`);
      else console.log(row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
    }
  }
  if (fanOut) {
    const ms = (value: number | null) => (value === null ? '–' : `${fixed(value, 1)} ms`);
    console.log(`\nfan-out: ${fanOut.subscribers} subscribers, ${fanOut.rate} events/s, ${fanOut.events} events: delivered ${fixed(fanOut.delivered)} of ${fixed(fanOut.expected)}` +
      ` (${fixed((100 * fanOut.delivered) / Math.max(1, fanOut.expected), 1)}%), p50 ${ms(fanOut.p50)}, p95 ${ms(fanOut.p95)}, p99 ${ms(fanOut.p99)}, max ${ms(fanOut.max)}`);
    console.log(`  statements per event ${fanOut.statementsPerEvent === null ? '–' : fixed(fanOut.statementsPerEvent, 2)}, gateway RSS ${fixed(fanOut.gatewayRssMiB.before)} → peak ${fixed(fanOut.gatewayRssMiB.peak)} MiB,` +
      ` gateway CPU ${fixed(fanOut.gatewayCpuSeconds, 1)} s (system ${fixed(fanOut.gatewaySystemCpuSeconds, 1)} s) over ${fixed(fanOut.seconds, 1)} s` +
      ` (${fanOut.gatewayCpuMicrosecondsPerDelivery === null ? '–' : fixed(fanOut.gatewayCpuMicrosecondsPerDelivery, 1)} µs per delivery),` +
      ` subscriber processes' CPU ${fixed(fanOut.subscriberCpuSeconds, 1)} s, sockets closed ${fanOut.closedSockets}`);
  }
}
