import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { ApiKeyRow, Database, UserRole, UserState } from '../db/tables';
import { ADMIN_REQUIRED, AccessDenied, INVALID_API_KEY, type Principal } from './principal';

const KEY_PREFIX = 'sk_';
const LOOKUP_PREFIX_LENGTH = KEY_PREFIX.length + 8;
export const API_KEY_PATTERN = /^sk_[A-Za-z0-9_-]{32,}$/;
/** last_used_at is written at most this often per key, so a busy key costs one UPDATE a minute, not one per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function lookupPrefix(key: string): string {
  return key.slice(0, LOOKUP_PREFIX_LENGTH);
}

/** Stores a key (a new random one unless given) for a user; the plain key is returned once and never stored. */
export async function createApiKey(db: Kysely<Database>, userId: string, options: { name?: string; key?: string } = {}) {
  const key = options.key ?? generateApiKey();
  if (!API_KEY_PATTERN.test(key)) throw new Error('An API key is sk_ followed by at least 32 URL-safe characters');
  const row = await db
    .insertInto('api_keys')
    .values({ user_id: userId, name: options.name ?? 'default', prefix: lookupPrefix(key), key_hash: hashApiKey(key) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key, row };
}

function hashMatches(storedHex: string, presented: string): boolean {
  const expected = Buffer.from(storedHex, 'hex');
  const actual = Buffer.from(hashApiKey(presented), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The stored key matching a presented one, revoked or not; undefined when none matches. */
export async function findApiKey(db: Kysely<Database>, presented: string): Promise<ApiKeyRow | undefined> {
  if (!API_KEY_PATTERN.test(presented)) return undefined;
  const row = await db.selectFrom('api_keys').selectAll().where('prefix', '=', lookupPrefix(presented)).executeTakeFirst();
  return row && hashMatches(row.key_hash, presented) ? row : undefined;
}

export interface ApiKeyWithOwner {
  id: string;
  keyHash: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  owner: { id: string; email: string; role: UserRole; state: UserState };
}

/** The key and its owner's current state in one indexed query: the per-request check of who is calling. */
export async function findApiKeyWithOwner(db: Kysely<Database>, presented: string): Promise<ApiKeyWithOwner | undefined> {
  if (!API_KEY_PATTERN.test(presented)) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select(['api_keys.id', 'api_keys.key_hash', 'api_keys.revoked_at', 'api_keys.last_used_at', 'users.id as owner_id', 'users.email', 'users.role', 'users.state'])
    .where('api_keys.prefix', '=', lookupPrefix(presented))
    .executeTakeFirst();
  if (!row || !hashMatches(row.key_hash, presented)) return undefined;
  return {
    id: row.id,
    keyHash: row.key_hash,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    owner: { id: row.owner_id, email: row.email, role: row.role, state: row.state },
  };
}

/**
 * The admin principal behind an API key, or AccessDenied: 401 "Invalid API key" for an unknown or revoked key
 * or a deactivated owner, 403 "Admin access required" for an active owner who is not an admin.
 */
export async function authenticateApiKey(
  db: Kysely<Database>,
  presented: string,
  onUsed?: (key: ApiKeyWithOwner) => void,
  find: (presented: string) => Promise<ApiKeyWithOwner | undefined> = (key) => findApiKeyWithOwner(db, key),
): Promise<Principal> {
  const key = await find(presented);
  if (!key) throw new AccessDenied(401, INVALID_API_KEY, 'unknown API key');
  if (key.revokedAt) throw new AccessDenied(401, INVALID_API_KEY, `API key ${key.id} is revoked`);
  if (key.owner.state !== 'active') throw new AccessDenied(401, INVALID_API_KEY, `owner ${key.owner.id} of API key ${key.id} is deactivated`);
  onUsed?.(key);
  if (key.owner.role !== 'admin') throw new AccessDenied(403, ADMIN_REQUIRED, `owner ${key.owner.id} of API key ${key.id} is not an admin`);
  return { userId: key.owner.id, email: key.owner.email, role: key.owner.role, credential: { kind: 'api_key', id: key.id } };
}

/** Stamps last_used_at unless it was stamped within the resolution (the condition also keeps racing instances to one write). */
export async function touchApiKey(db: Kysely<Database>, keyId: string, now = new Date()): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', keyId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`${now}::timestamptz - ${`${LAST_USED_RESOLUTION_MS} milliseconds`}::interval`)]))
    .execute();
}

export function lastUseIsStale(key: ApiKeyWithOwner, now = Date.now()): boolean {
  return !key.lastUsedAt || now - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}
