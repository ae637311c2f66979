import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiKeyRow, Database } from '../db/tables';

const KEY_PREFIX = 'sk_';
const LOOKUP_PREFIX_LENGTH = KEY_PREFIX.length + 8;
export const API_KEY_PATTERN = /^sk_[A-Za-z0-9_-]{32,}$/;

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

/** The stored key matching a presented one, revoked or not; undefined when none matches. */
export async function findApiKey(db: Kysely<Database>, presented: string): Promise<ApiKeyRow | undefined> {
  if (!API_KEY_PATTERN.test(presented)) return undefined;
  const row = await db.selectFrom('api_keys').selectAll().where('prefix', '=', lookupPrefix(presented)).executeTakeFirst();
  if (!row) return undefined;
  const expected = Buffer.from(row.key_hash, 'hex');
  const actual = Buffer.from(hashApiKey(presented), 'hex');
  return timingSafeEqual(expected, actual) ? row : undefined;
}
