import type { ClerkClient } from '@clerk/backend';
import type { Kysely } from 'kysely';
import type { Database, UserRole, UserState } from '../db/tables';
import type { Logger } from '../core/logger';
import { recordSystemAudit } from './audit';

export interface ClerkUserRow {
  id: string;
  email: string;
  role: UserRole;
  state: UserState;
}

let clerkBackend: Promise<typeof import('@clerk/backend')> | undefined;
/** Clerk's SDK, loaded on the first Clerk session a gateway sees (a gateway without Clerk never carries it). */
export const loadClerkBackend = () => (clerkBackend ??= import('@clerk/backend'));

/** A Backend API client made on first use. */
export function lazyClerkClient(options: { secretKey: string; apiUrl?: string }): () => Promise<ClerkClient> {
  let client: Promise<ClerkClient> | undefined;
  return () => (client ??= loadClerkBackend().then(({ createClerkClient }) => createClerkClient({ secretKey: options.secretKey, ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}) })));
}

/** Who wrote a row in the audit log when the gateway itself provisions or re-roles a Clerk user. */
const CLERK_OPERATOR = 'clerk-session';
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Our users rows for Clerk identities: created on the first request of a verified admin (the email from the token's
 * claim, or from Clerk's Backend API with CLERK_SECRET_KEY), and users.role kept equal to what Clerk verified, so
 * that the users table shows who is an admin. Both writes are audited (actor kind system, credential clerk-session).
 */
export function createClerkUsers({ db, log, secretKey, apiUrl }: { db: Kysely<Database>; log: Logger; secretKey?: string; apiUrl?: string }) {
  const client = secretKey ? lazyClerkClient({ secretKey, apiUrl }) : undefined;

  async function emailFromClerk(clerkUserId: string): Promise<string | undefined> {
    if (!client) return undefined;
    try {
      const user = await (await client()).users.getUser(clerkUserId);
      return user.primaryEmailAddress?.emailAddress ?? user.emailAddresses[0]?.emailAddress;
    } catch (error) {
      log.warn({ err: error, clerkUserId }, 'could not read the user\'s email from Clerk');
      return undefined;
    }
  }

  return {
    find: (clerkUserId: string): Promise<ClerkUserRow | undefined> =>
      db.selectFrom('users').select(['id', 'email', 'role', 'state']).where('clerk_user_id', '=', clerkUserId).executeTakeFirst(),

    /** The row of an admin seen for the first time, created now; undefined when no email can be had for it. */
    async create(clerkUserId: string, claimedEmail: unknown): Promise<ClerkUserRow | undefined> {
      const email = (typeof claimedEmail === 'string' && EMAIL.test(claimedEmail) ? claimedEmail : await emailFromClerk(clerkUserId))?.toLowerCase();
      if (!email || !EMAIL.test(email)) return undefined;
      return db.transaction().execute(async (trx) => {
        // Racing first requests of one user: one insert wins, the others read its row.
        const created = await trx
          .insertInto('users')
          .values({ email, clerk_user_id: clerkUserId, role: 'admin' })
          .onConflict((conflict) => conflict.doNothing())
          .returning(['id', 'email', 'role', 'state'])
          .executeTakeFirst();
        if (!created) return trx.selectFrom('users').select(['id', 'email', 'role', 'state']).where('clerk_user_id', '=', clerkUserId).executeTakeFirst();
        await recordSystemAudit(trx, CLERK_OPERATOR, { action: 'user.provision', targetType: 'user', targetId: created.id, after: { email, clerkUserId, role: 'admin' } });
        log.info({ userId: created.id, clerkUserId }, 'created the users row of a Clerk admin seen for the first time');
        return created;
      });
    },

    /** Sets users.role to what Clerk verified, when it differs (conditional, so racing requests write once). */
    async syncRole(user: ClerkUserRow, role: UserRole): Promise<void> {
      if (user.role === role) return;
      await db.transaction().execute(async (trx) => {
        const changed = await trx.updateTable('users').set({ role }).where('id', '=', user.id).where('role', '!=', role).executeTakeFirst();
        if (Number(changed.numUpdatedRows) === 0) return;
        await recordSystemAudit(trx, CLERK_OPERATOR, { action: 'user.role_sync', targetType: 'user', targetId: user.id, before: { role: user.role }, after: { role } });
      });
      user.role = role;
    },
  };
}
