import { randomUUID } from 'node:crypto';

/** What a caller-chosen x-request-id may be: a trace id, a UUID, a ULID; nothing that needs escaping anywhere. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's x-request-id when it is safe to log and store as is, else a new UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}
