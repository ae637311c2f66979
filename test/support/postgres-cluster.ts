import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A throwaway PostgreSQL 15 cluster on a free loopback port (the server binaries must be installed). */
export interface PostgresCluster {
  port: number;
  url(database?: string): string;
  stop(): void;
  start(): void;
  destroy(): void;
}

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function asPostgres(command: string, args: string[]) {
  const runAs = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, command), ...args]] as const : [path.join(BIN, command), args] as const;
  execFileSync(runAs[0], [...runAs[1]], { stdio: 'pipe' });
}

/** `settings` are extra server settings (-c name=value), e.g. shared_preload_libraries for the benchmark. */
export async function startPostgresCluster({ settings = {} }: { settings?: Record<string, string> } = {}): Promise<PostgresCluster> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gateway-pg-'));
  if (process.getuid?.() === 0) {
    const postgresUid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    chownSync(dataDir, postgresUid, postgresUid);
  }
  asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200${Object.entries(settings).map(([name, value]) => ` -c ${name}=${value}`).join('')}`;
  const start = () => asPostgres('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(dataDir, 'server.log'), '-w', 'start']);
  const stop = () => asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
