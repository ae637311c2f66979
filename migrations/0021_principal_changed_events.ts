import { type Kysely, sql } from 'kysely';

// Announces every change that can end a principal's access (a key revoked or deleted, its owner's state or role
// changed, or the owner deleted), so that every gateway instance drops what it cached about that principal at once.
// The payload is ids only: `id` is the key's or the user's, `userId` the user's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function notify_principal_changed() returns trigger language plpgsql as $$
    declare
      changed record;
    begin
      if tg_op = 'DELETE' then changed := old; else changed := new; end if;
      if tg_table_name = 'api_keys' then
        perform pg_notify('principal_changed', json_build_object('id', changed.id, 'userId', changed.user_id)::text);
      else
        perform pg_notify('principal_changed', json_build_object('id', changed.id, 'userId', changed.id)::text);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger api_keys_notify_principal_changed after update of revoked_at, key_hash, prefix, user_id or delete on api_keys
    for each row execute function notify_principal_changed()`.execute(db);
  await sql`
    create trigger users_notify_principal_changed after update of state, role, email or delete on users
    for each row execute function notify_principal_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger users_notify_principal_changed on users`.execute(db);
  await sql`drop trigger api_keys_notify_principal_changed on api_keys`.execute(db);
  await sql`drop function notify_principal_changed()`.execute(db);
}
