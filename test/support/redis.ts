import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './postgres-cluster';

/** A throwaway redis-server (no persistence) on a free loopback port; stop and start it again on the same port. */
export interface TestRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = server;
      let output = '';
      const timeout = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      server.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timeout);
          resolve();
        }
      });
      server.once('exit', (code) => {
        clearTimeout(timeout);
        reject(new Error(`redis-server exited with ${code}:\n${output}`));
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const server = child;
      child = undefined;
      if (!server || server.exitCode !== null) return resolve();
      server.removeAllListeners('exit');
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop };
}
