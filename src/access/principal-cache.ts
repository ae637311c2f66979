import type { EventBus } from '../live/bus';
import type { ApiKeyWithOwner } from './api-keys';

interface Entry {
  key: ApiKeyWithOwner;
  at: number;
  generation: number;
}

export interface PrincipalCache {
  /** The key and its owner for a presented key: as cached while fresh, otherwise from `read` (and cached). */
  lookup(presented: string, read: () => Promise<ApiKeyWithOwner | undefined>): Promise<ApiKeyWithOwner | undefined>;
  /** Notes a key's last use in its cached copy, so that last_used_at is written once a minute, not once per request. */
  touched(keyId: string, at: Date): void;
}

const MAX_ENTRIES = 10_000;

/**
 * API keys and their owners as last read, for at most `ttlMs` (0: not at all), so that a warm key costs no statement.
 * Revoking or deleting a key, and changing or deactivating its owner, are announced on the NOTIFY bus
 * (principal_changed, from the triggers of migration 0021) and drop the entry in every instance at once. An entry is
 * trusted only while the bus still listens on the connection it was cached under (missed announcements cannot be
 * replayed after a reconnect), and a read that an announcement overtook is not cached.
 */
export function createPrincipalCache({ bus, ttlMs, now = Date.now }: { bus: EventBus; ttlMs: number; now?: () => number }): PrincipalCache {
  // Keyed by the presented key itself: hashing it on every request cost more than the rest of this lookup.
  const entries = new Map<string, Entry>();
  let announcements = 0;

  bus.subscribe('principal_changed', (event) => {
    announcements += 1;
    for (const [presented, entry] of entries) if (entry.key.id === event.id || entry.key.owner.id === event.userId) entries.delete(presented);
  });

  return {
    async lookup(presented, read) {
      if (ttlMs === 0) return read();
      const entry = entries.get(presented);
      if (entry && now() - entry.at < ttlMs && bus.state() === 'listening' && entry.generation === bus.generation()) {
        // Every announcement committed before this request (by any writer) is dispatched first.
        if ((await bus.caughtUp()) && entries.get(presented) === entry) return entry.key;
      }
      entries.delete(presented);
      const before = { announcements, generation: bus.generation() };
      const key = await read();
      if (key && announcements === before.announcements && bus.state() === 'listening' && bus.generation() === before.generation) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
        entries.set(presented, { key, at: now(), generation: before.generation });
      }
      return key;
    },
    touched(keyId, at) {
      for (const entry of entries.values()) if (entry.key.id === keyId) entry.key = { ...entry.key, lastUsedAt: at };
    },
  };
}
