import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirectoryInUse extends Error {}

/** Lock files this process holds: its own pid in any other one is left from an earlier life (a container restarted). */
const held = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time per embedded data directory, like PostgreSQL's postmaster.pid: PGlite takes no lock of its
 * own, and two processes writing one directory corrupt it. The lock is a file beside the directory holding the
 * owner's pid, created exclusively. A lock whose process is gone is taken over; a live owner is never displaced
 * (no heartbeat: PGlite blocks the event loop during long statements, so a busy owner would look stale).
 * Returns the release, which also runs when the process exits.
 */
export function lockDataDirectory(dataDir: string): () => void {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      held.add(lockFile);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner: number;
    try {
      owner = Number(readFileSync(lockFile, 'utf8').trim());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
      throw error;
    }
    // An empty file is a lock being written this instant: in use as well.
    const known = Number.isInteger(owner) && owner > 0;
    const stale = owner === process.pid ? !held.has(lockFile) : known && !isRunning(owner);
    if (!stale) {
      const who = known ? `process ${owner}` : 'another process';
      throw new DataDirectoryInUse(
        `The embedded database in ${dataDir} is in use by ${who} (another npm start or npm run …?). ` +
          `Stop it first, or point DATABASE_URL at a PostgreSQL server. If no such process is running, delete ${lockFile}.`,
      );
    }
    rmSync(lockFile, { force: true });
  }

  const release = () => {
    process.off('exit', release);
    held.delete(lockFile);
    try {
      if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) rmSync(lockFile, { force: true });
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return release;
}
