import { ERROR_CATALOGUE } from '../core/errors';
import type { UserRole } from '../db/tables';

/** Who is calling: an admin (or not) behind one credential. */
export interface Principal {
  userId: string;
  email: string;
  role: UserRole;
  credential: { kind: 'api_key' | 'clerk_session'; id: string };
}

/** Why a request was refused; `status` and `detail` are what REST callers are promised. */
export class AccessDenied extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly detail: string,
    /** Why, for the log only (never shown to the caller). */
    readonly reason?: string,
  ) {
    super(detail);
  }
  get code(): 'UNAUTHENTICATED' | 'FORBIDDEN' {
    return this.status === ERROR_CATALOGUE.UNAUTHENTICATED.status ? 'UNAUTHENTICATED' : 'FORBIDDEN';
  }
}

export const INVALID_API_KEY = 'Invalid API key';
export const ADMIN_REQUIRED = 'Admin access required';
/** Any refused Clerk session token (bad signature, party, issuer, unknown or deactivated user) but an expired one. */
export const INVALID_SESSION_TOKEN = 'Invalid session token';
export const SESSION_TOKEN_EXPIRED = 'Session token expired';

export function bearerToken(authorization: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
