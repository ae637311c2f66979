import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXECUTIONS, seedSizeFor } from '../../src/db/seed';
import { type GatewayProcess, startGatewayProcess } from '../support/gateway-process';

// `npm start` on a fresh machine with ADMIN_API_KEY set: demo data as without it, the chosen key kept to its owner.
let directory: string;
let gateway: GatewayProcess;
const chosenKey = `sk_${'c'.repeat(24)}${'K'.repeat(20)}`;

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'embedded-start-'));
  gateway = await startGatewayProcess({
    PGLITE_DATA_DIR: path.join(directory, 'pglite'),
    ADMIN_API_KEY: chosenKey,
    HOST: '',
    DATABASE_URL: '',
    SIMULATE_ACTIVITY: 'false',
  });
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('a first embedded start with ADMIN_API_KEY', () => {
  it('seeds the demo data exactly as without it', async () => {
    expect(gateway.output.join('')).toContain('demo data seeded');
    const response = await fetch(`${gateway.url}/admin/users?limit=1`, { headers: { authorization: `Bearer ${chosenKey}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total: number };
    // The demo users and the bootstrap admin, as a start without ADMIN_API_KEY has them.
    expect(body.total).toBe(seedSizeFor(DEMO_EXECUTIONS).users + 1);
  });

  it('never prints the chosen key, only its prefix, and never puts it into GraphiQL', async () => {
    const output = gateway.output.join('');
    expect(output).not.toContain(chosenKey);
    expect(output).toContain(`${chosenKey.slice(0, 11)}…`);
    const page = await (await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('yoga-graphiql');
    expect(page).not.toContain('sk_');
  });

  it('listens on loopback only', async () => {
    expect(new URL(gateway.url).hostname).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces()).flat().find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
    if (!external) return;
    await expect(fetch(`http://${external}:${new URL(gateway.url).port}/healthz`)).rejects.toThrow();
  });
});
