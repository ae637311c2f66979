import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';

export const PEERS_DIRECTORY = path.join(import.meta.dirname, '..', 'peers');
const REPO = path.join(import.meta.dirname, '..', '..', '..');

/** The peers package (PostGraphile, pg, autocannon, ws) is installed on first use, from its own lock file. */
export function installPeers() {
  if (existsSync(path.join(PEERS_DIRECTORY, 'node_modules', '.package-lock.json'))) return;
  console.log('installing the benchmark peers (test/bench/peers, first run only)…');
  execFileSync('npm', ['ci', '--prefix', PEERS_DIRECTORY, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** A server of the comparison, in a process of its own. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** CPU seconds (user + system, all threads) the process has used so far. */
  cpuSeconds(): number;
  /** Starts a new peak-RSS window (the kernel's VmHWM is reset). */
  resetPeakRss(): void;
  /** Peak resident set since the last reset, in MiB. */
  peakRssMiB(): number;
  rssMiB(): number;
  stop(): Promise<void>;
}

function statusField(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024;
}

/** Spawns `command` and resolves once it prints a line starting with `listening <url>` (or `readyPattern`). */
export function startServer(name: string, command: string, args: string[], options: { cwd?: string; env: Record<string, string>; url?: string; readyPattern?: RegExp }): Promise<ServerProcess> {
  const child = spawn(command, args, { cwd: options.cwd ?? REPO, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${name} did not start (${why}):\n${output.join('\n').slice(-3000)}`));
    child.once('exit', (code) => fail(`exit ${code}`));
    const timer = setTimeout(() => fail('no ready line in 120 s'), 120_000);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (process.env.BENCH_SERVER_OUTPUT) console.error(`[${name}] ${line}`);
        if (output.length > 200) output.shift();
        const ready = options.readyPattern ? options.readyPattern.test(line) : line.startsWith('listening ');
        if (!ready) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(serverProcess(name, child, options.url ?? line.slice('listening '.length).trim()));
      });
    }
  });
}

/** CPU seconds (user + system, or only the kernel's `system` part; all threads) process `pid` has used so far. */
export function cpuSecondsOf(pid: number, part: 'all' | 'system' = 'all'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((part === 'system' ? 0 : Number(fields[11])) + Number(fields[12])) / CLOCK_TICKS;
}

function serverProcess(name: string, child: ChildProcess, url: string): ServerProcess {
  const pid = child.pid as number;
  return {
    name,
    url,
    pid,
    cpuSeconds: () => cpuSecondsOf(pid),
    resetPeakRss: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    peakRssMiB: () => statusField(pid, 'VmHWM'),
    rssMiB: () => statusField(pid, 'VmRSS'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface LoadCommand {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** The autocannon process (test/bench/peers/load.mjs): one command at a time. */
export class LoadGenerator {
  private child = spawn(process.execPath, [path.join(PEERS_DIRECTORY, 'load.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  private lines: Interface = createInterface({ input: this.child.stdout });
  private waiting: ((line: string) => void)[] = [];

  constructor() {
    this.lines.on('line', (line) => this.waiting.shift()?.(line));
  }

  run(command: LoadCommand): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        const answer = JSON.parse(line);
        if (answer.error) reject(new Error(answer.error));
        else resolve(answer);
      });
      this.child.stdin.write(`${JSON.stringify(command)}\n`);
    });
  }

  stop() {
    this.child.stdin.end();
  }
}
