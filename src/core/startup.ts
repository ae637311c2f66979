import { ConfigError } from '../config';
import { DataDirectoryInUse } from '../db/data-directory-lock';

/** Startup failures a person can fix, told in one line that says how; undefined for anything else. */
export function describeStartupFailure(error: unknown): string | undefined {
  if (error instanceof ConfigError || error instanceof DataDirectoryInUse) return error.message;
  const { code, port } = error as NodeJS.ErrnoException & { port?: number };
  if (code === 'EADDRINUSE') return `Port ${port} is already in use: stop what listens there, or set PORT to another port.`;
  return undefined;
}

/** Runs a command's startup; when it fails the process ends with that one line (or, if unforeseen, the error). */
export async function startOrExit<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    console.error(describeStartupFailure(error) ?? error);
    process.exit(1);
  }
}
