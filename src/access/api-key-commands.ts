import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';
import { createApiKey } from './api-keys';
import { recordSystemAudit } from './audit';

export const API_KEY_USAGE = `Usage:
  npm run apikey -- create --email <email> [--name <name>]   create a key for that user and print it once
  npm run apikey -- revoke --prefix <sk_xxxxxxxx>            revoke the key with that lookup prefix`;

export class CommandError extends Error {}

function options(args: string[]): Map<string, string> {
  const parsed = new Map<string, string>();
  for (let index = 0; index < args.length; index += 2) {
    const flag = args[index] as string;
    const value = args[index + 1];
    if (!flag.startsWith('--') || value === undefined || value.startsWith('--')) throw new CommandError(`Expected --option value pairs, got "${args.slice(index).join(' ')}"`);
    parsed.set(flag.slice(2), value);
  }
  return parsed;
}

function required(parsed: Map<string, string>, name: string): string {
  const value = parsed.get(name)?.trim();
  if (!value) throw new CommandError(`--${name} is required`);
  return value;
}

/** `create` and `revoke`, each in one transaction with its audit row. Returns the lines to print. */
export async function runApiKeyCommand(db: Kysely<Database>, argv: string[], operator: string): Promise<string[]> {
  const [command, ...rest] = argv;
  const parsed = options(rest);
  if (command === 'create') {
    const email = required(parsed, 'email');
    const name = parsed.get('name')?.trim() || 'default';
    return db.transaction().execute(async (trx) => {
      const owner = await trx.selectFrom('users').select(['id', 'role', 'state']).where('email', '=', email).executeTakeFirst();
      if (!owner) throw new CommandError(`No user has the email ${email}`);
      const { key, row } = await createApiKey(trx, owner.id, { name });
      await recordSystemAudit(trx, operator, {
        action: 'api_key.create',
        targetType: 'api_key',
        targetId: row.id,
        after: { prefix: row.prefix, name: row.name, userId: owner.id, email },
      });
      const lines = [key, `Created API key ${row.prefix}… "${row.name}" for ${email}. It is shown only this once.`];
      if (owner.role !== 'admin') lines.push(`Note: ${email} is not an admin, so this key is refused with 403 until the user's role is admin.`);
      if (owner.state !== 'active') lines.push(`Note: ${email} is deactivated, so this key is refused with 401.`);
      return lines;
    });
  }
  if (command === 'revoke') {
    const prefix = required(parsed, 'prefix');
    return db.transaction().execute(async (trx) => {
      const revoked = await trx
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('prefix', '=', prefix)
        .where('revoked_at', 'is', null)
        .returning(['id', 'prefix', 'name', 'user_id'])
        .executeTakeFirst();
      if (!revoked) throw new CommandError(`No active API key has the prefix ${prefix}`);
      await recordSystemAudit(trx, operator, {
        action: 'api_key.revoke',
        targetType: 'api_key',
        targetId: revoked.id,
        before: { revokedAt: null },
        after: { prefix: revoked.prefix, name: revoked.name, userId: revoked.user_id, revoked: true },
      });
      return [`Revoked API key ${revoked.prefix}… "${revoked.name}".`];
    });
  }
  throw new CommandError(command ? `Unknown command "${command}"` : 'No command given');
}
