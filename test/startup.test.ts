import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirectoryInUse, lockDataDirectory } from '../src/db/data-directory-lock';
import { openDatabase } from '../src/db/database';
import { runCommand } from './support/command';

// Two processes on one embedded data directory corrupt it, so the second is refused; a busy port is named.
let directory: string;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'startup-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const STACK_FRAME = /^\s+at /m;

describe('the embedded data directory', () => {
  it('refuses another process while one holds it, with one line naming the holder, and admits it afterwards', async () => {
    const dataDir = path.join(directory, 'shared');
    const holder = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const refused = await runCommand('src/db/migrate-cli.ts', [], { PGLITE_DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`The embedded database in ${dataDir} is in use by process ${process.pid}`);
      expect(refused.stderr).not.toMatch(STACK_FRAME);
    } finally {
      await holder.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const admitted = await runCommand('src/db/migrate-cli.ts', [], { PGLITE_DATA_DIR: dataDir });
    expect(admitted).toMatchObject({ code: 0, stdout: expect.stringContaining('Applied: 0001_') });
  }, 60_000);

  it('refuses a second holder in the same process', () => {
    const dataDir = path.join(directory, 'twice');
    const release = lockDataDirectory(dataDir);
    try {
      expect(() => lockDataDirectory(dataDir)).toThrow(DataDirectoryInUse);
    } finally {
      release();
    }
    lockDataDirectory(dataDir)();
  });

  it('takes over a lock left by a process that is gone, or by this pid in an earlier life', () => {
    const dataDir = path.join(directory, 'stale');
    const lockFile = `${dataDir}.lock`;
    const gone = Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout);
    for (const earlier of [gone, process.pid]) {
      writeFileSync(lockFile, String(earlier));
      const release = lockDataDirectory(dataDir);
      expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
      release();
      expect(existsSync(lockFile)).toBe(false);
    }
  });

  it('counts a lock being written (still empty) as held', () => {
    const dataDir = path.join(directory, 'empty');
    writeFileSync(`${dataDir}.lock`, '');
    expect(() => lockDataDirectory(dataDir)).toThrow('is in use by another process');
  });
});

describe('npm start', () => {
  it('names a port that is already in use, in one line', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const result = await runCommand('src/main.ts', [], { PGLITE_DATA_DIR: 'memory', HOST: '127.0.0.1', PORT: String(port), SIMULATE_ACTIVITY: 'false' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} is already in use: stop what listens there, or set PORT to another port.`);
      expect(result.stderr).not.toMatch(STACK_FRAME);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
