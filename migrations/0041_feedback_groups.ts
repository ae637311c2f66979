import { type Kysely, sql } from 'kysely';

/**
 * Duplicate and burst groups: reports sharing duplicate_fingerprint (the classifier's normalised-body
 * hash). feedback_groups is kept by a row trigger: an insert bumps its group (an upsert, so concurrent
 * writers serialise on the group row) and checks the burst window with one index seek; a delete or a
 * changed fingerprint recounts the groups involved. A burst is at least 3 reports of a group within
 * 10 minutes (the same numbers as src/domains/feedback/groups.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table feedback_groups (
      group_key text primary key,
      size integer not null check (size >= 0),
      first_seen timestamptz not null,
      last_seen timestamptz not null,
      burst boolean not null default false,
      -- of the group's latest classified report (one fingerprint is one decoded body, so one class)
      classification text,
      signal_category text
    )`.execute(db);
  await sql`create index feedback_groups_last_seen on feedback_groups (last_seen desc, group_key desc) where size > 0`.execute(db);

  await sql`
    create function feedback_in_burst(key text, at timestamptz) returns boolean language sql stable as $$
      select count(*) >= 3 from feedback
       where duplicate_fingerprint = key and created_at between at - interval '10 minutes' and at + interval '10 minutes'
    $$`.execute(db);
  await sql`
    create function refresh_feedback_group(key text) returns void language plpgsql as $$
    begin
      delete from feedback_groups where group_key = key;
      insert into feedback_groups (group_key, size, first_seen, last_seen, burst, classification, signal_category)
      select key, count(*), min(created_at), max(created_at), bool_or(feedback_in_burst(key, created_at)),
             (array_agg(classification order by created_at desc))[1], (array_agg(signal_category order by created_at desc))[1]
        from feedback where duplicate_fingerprint = key
      having count(*) > 0;
    end $$`.execute(db);
  await sql`
    create function maintain_feedback_groups() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.duplicate_fingerprint is not null then
        perform refresh_feedback_group(old.duplicate_fingerprint);
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.duplicate_fingerprint is not null then
        insert into feedback_groups as g (group_key, size, first_seen, last_seen, classification, signal_category)
        values (new.duplicate_fingerprint, 1, new.created_at, new.created_at, new.classification, new.signal_category)
        on conflict (group_key) do update
          set size = g.size + 1, first_seen = least(g.first_seen, excluded.first_seen), last_seen = greatest(g.last_seen, excluded.last_seen),
              classification = coalesce(excluded.classification, g.classification),
              signal_category = coalesce(excluded.signal_category, g.signal_category);
        update feedback_groups set burst = true
         where group_key = new.duplicate_fingerprint and not burst and feedback_in_burst(new.duplicate_fingerprint, new.created_at);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger feedback_groups_insert after insert on feedback
    for each row execute function maintain_feedback_groups()`.execute(db);
  await sql`
    create trigger feedback_groups_update after update of duplicate_fingerprint on feedback
    for each row when (old.duplicate_fingerprint is distinct from new.duplicate_fingerprint) execute function maintain_feedback_groups()`.execute(db);
  await sql`
    create trigger feedback_groups_delete after delete on feedback
    for each row execute function maintain_feedback_groups()`.execute(db);
  await sql`
    create function truncate_feedback_groups() returns trigger language plpgsql as $$
    begin
      -- delete, not truncate: a TRUNCATE naming both tables is still using feedback_groups here
      delete from feedback_groups;
      return null;
    end $$`.execute(db);
  await sql`create trigger feedback_groups_truncate after truncate on feedback for each statement execute function truncate_feedback_groups()`.execute(db);
  await sql`select refresh_feedback_group(key) from (select distinct duplicate_fingerprint as key from feedback where duplicate_fingerprint is not null) as groups`.execute(db);
  await sql`create index feedback_groups_classification_last_seen on feedback_groups (classification, last_seen desc) where classification is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const trigger of ['feedback_groups_truncate', 'feedback_groups_delete', 'feedback_groups_update', 'feedback_groups_insert']) {
    await sql`drop trigger ${sql.id(trigger)} on feedback`.execute(db);
  }
  await sql`drop function truncate_feedback_groups()`.execute(db);
  await sql`drop function maintain_feedback_groups()`.execute(db);
  await sql`drop function refresh_feedback_group(text)`.execute(db);
  await sql`drop function feedback_in_burst(text, timestamptz)`.execute(db);
  await sql`drop table feedback_groups`.execute(db);
}
