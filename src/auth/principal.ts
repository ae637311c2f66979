import type { Kysely } from 'kysely';
import type { Database, UserRole } from '../db/tables';
import { findApiKey } from './api-keys';

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
  ) {
    super(detail);
  }
  get code() {
    return this.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN';
  }
}

export const INVALID_API_KEY = 'Invalid API key';
export const ADMIN_REQUIRED = 'Admin access required';

export function bearerToken(authorization: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/** The admin principal behind an Authorization header, or AccessDenied. */
export async function authenticate(db: Kysely<Database>, authorization: string | null | undefined): Promise<Principal> {
  const token = bearerToken(authorization);
  if (!token) throw new AccessDenied(401, INVALID_API_KEY);
  const key = await findApiKey(db, token);
  if (!key || key.revoked_at) throw new AccessDenied(401, INVALID_API_KEY);
  const owner = await db.selectFrom('users').select(['id', 'email', 'role', 'state']).where('id', '=', key.user_id).executeTakeFirstOrThrow();
  if (owner.state !== 'active') throw new AccessDenied(401, INVALID_API_KEY);
  if (owner.role !== 'admin') throw new AccessDenied(403, ADMIN_REQUIRED);
  return { userId: owner.id, email: owner.email, role: owner.role, credential: { kind: 'api_key', id: key.id } };
}
