import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort } from './postgres-cluster';
import { waitFor } from './wait';

/** `src/main.ts` as deployed: a process of its own, so that a test can see it survive (or kill it). */
export interface GatewayProcess {
  process: ChildProcess;
  url: string;
  adminKey: string;
  /** stdout and stderr, as they arrived. */
  output: string[];
  stop(): Promise<void>;
}

export async function startGatewayProcess(environment: Record<string, string>, { waitForReady = true, readyWithinMs = 120_000 } = {}): Promise<GatewayProcess> {
  const port = await freePort();
  const adminKey = environment.ADMIN_API_KEY ?? `sk_${randomBytes(32).toString('base64url')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ADMIN_API_KEY: adminKey, LOG_LEVEL: 'info', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const url = `http://${environment.HOST && environment.HOST !== '0.0.0.0' ? environment.HOST : '127.0.0.1'}:${port}`;
  const instance: GatewayProcess = {
    process: child,
    url,
    adminKey,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
  if (waitForReady) {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the gateway process exited (${child.exitCode}):\n${output.join('')}`);
        return (await fetch(`${url}/readyz`).then((response) => response.status, () => 0)) === 200;
      },
      { what: 'the gateway process to be ready', timeoutMs: readyWithinMs, intervalMs: 50 },
    );
  }
  return instance;
}
