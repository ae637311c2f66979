import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { cpuSecondsOf, PEERS_DIRECTORY, type ServerProcess } from './processes';

export interface FanOutResult {
  subscribers: number;
  rate: number;
  events: number;
  expected: number;
  delivered: number;
  closedSockets: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  statementsPerEvent: number | null;
  gatewayRssMiB: { before: number; peak: number };
  gatewayCpuSeconds: number;
  /** The part of it spent in the kernel (socket writes, mostly). */
  gatewaySystemCpuSeconds: number;
  /** Gateway CPU per delivery made, in microseconds (the figure to compare on a noisy machine). */
  gatewayCpuMicrosecondsPerDelivery: number | null;
  /** CPU of the subscriber process(es) over the same window: if they are near a core each, they bound the figure. */
  subscriberCpuSeconds: number;
  seconds: number;
}

/**
 * Subscribers to errorAdded on the gateway, and failed executions inserted at `rate` per second for `seconds`
 * (test/bench/peers/fan-out.mjs does both, in a process of its own). The gateway's statements exclude the inserts.
 */
export async function runFanOut(options: {
  gateway: ServerProcess;
  apiKey: string;
  databaseUrl: string;
  subscribers: number;
  rate: number;
  seconds: number;
  drainSeconds: number;
  resetStatements(): Promise<void>;
  countStatements(): Promise<number | null>;
}): Promise<FanOutResult> {
  const { gateway } = options;
  console.log(`fan-out: ${options.subscribers} graphql-ws subscribers to errorAdded, ${options.rate} failures inserted per second for ${options.seconds} s…`);
  const config = {
    wsUrl: `${gateway.url.replace(/^http/, 'ws')}/graphql`, apiKey: options.apiKey, databaseUrl: options.databaseUrl,
    subscribers: options.subscribers, rate: options.rate, seconds: options.seconds, drainSeconds: options.drainSeconds,
  };
  const child = spawn(process.execPath, [path.join(PEERS_DIRECTORY, 'fan-out.mjs'), JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the fan-out process ended early');
    return JSON.parse(value);
  };
  const ready = await next();
  if (ready.subscribed < options.subscribers) console.log(`  only ${ready.subscribed} of ${options.subscribers} subscribers received the probe event`);
  await options.resetStatements();
  const rssBefore = gateway.rssMiB();
  gateway.resetPeakRss();
  const cpuBefore = gateway.cpuSeconds();
  const systemCpuBefore = cpuSecondsOf(gateway.pid, 'system');
  const subscriberCpuBefore = cpuSecondsOf(child.pid!);
  const began = performance.now();
  child.stdin.write('go\n');
  const result = await next();
  const cpu = gateway.cpuSeconds() - cpuBefore;
  const systemCpu = cpuSecondsOf(gateway.pid, 'system') - systemCpuBefore;
  const subscriberCpu = cpuSecondsOf(child.pid!) - subscriberCpuBefore;
  const statements = await options.countStatements();
  child.stdin.end();
  return {
    subscribers: options.subscribers,
    rate: options.rate,
    events: result.events,
    expected: result.expected,
    delivered: result.delivered,
    closedSockets: result.closed,
    p50: result.p50,
    p95: result.p95,
    p99: result.p99,
    max: result.max,
    statementsPerEvent: statements === null ? null : statements / result.events,
    gatewayRssMiB: { before: rssBefore, peak: gateway.peakRssMiB() },
    gatewayCpuSeconds: cpu,
    gatewaySystemCpuSeconds: systemCpu,
    gatewayCpuMicrosecondsPerDelivery: result.delivered > 0 ? (cpu * 1e6) / result.delivered : null,
    subscriberCpuSeconds: subscriberCpu,
    seconds: (performance.now() - began) / 1000,
  };
}
