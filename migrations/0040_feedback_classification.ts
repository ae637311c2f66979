import { type Kysely, sql } from 'kysely';

/**
 * The classifier (src/domains/feedback/classifier) is JavaScript, so no trigger can run it: a report
 * may now be stored unclassified (classified_at null) by any writer. The insert trigger tells every
 * gateway on `feedback_received`; the gateway classifies it (a sweep of the partial index also catches
 * what it missed) and `feedback_added` fires once the row carries its classification.
 * Existing rows are left unclassified, so the classifier re-reads them at the next start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table feedback add column classified_at timestamptz, add column classifier_version smallint`.execute(db);
  await sql`alter table feedback alter column signal_category drop not null`.execute(db);
  await sql`alter table feedback drop constraint feedback_check`.execute(db);
  await sql`
    alter table feedback add constraint feedback_classified_check check (
      classified_at is null
      or (signal_category is not null and (signal_category = 'security_probe') = (classification is not null)))`.execute(db);
  await sql`create index feedback_unclassified on feedback (created_at) where classified_at is null`.execute(db);
  await sql`create index feedback_severity_created_at_id on feedback (severity desc, created_at desc, id desc)`.execute(db);
  await sql`create index feedback_signal_category_created_at on feedback (signal_category, created_at desc)`.execute(db);

  await sql`drop trigger feedback_notify_insert on feedback`.execute(db);
  await sql`
    create function notify_feedback_received() returns trigger language plpgsql as $$
    begin
      perform pg_notify('feedback_received', json_build_object('id', new.id)::text);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger feedback_notify_received after insert on feedback
    for each row when (new.classified_at is null) execute function notify_feedback_received()`.execute(db);
  await sql`
    create trigger feedback_notify_insert after insert on feedback
    for each row when (new.classified_at is not null) execute function notify_feedback_added()`.execute(db);
  await sql`
    create trigger feedback_notify_classified after update of classified_at on feedback
    for each row when (old.classified_at is null and new.classified_at is not null) execute function notify_feedback_added()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger feedback_notify_classified on feedback`.execute(db);
  await sql`drop trigger feedback_notify_insert on feedback`.execute(db);
  await sql`drop trigger feedback_notify_received on feedback`.execute(db);
  await sql`drop function notify_feedback_received()`.execute(db);
  await sql`create trigger feedback_notify_insert after insert on feedback for each row execute function notify_feedback_added()`.execute(db);
  await sql`drop index feedback_signal_category_created_at`.execute(db);
  await sql`drop index feedback_severity_created_at_id`.execute(db);
  await sql`drop index feedback_unclassified`.execute(db);
  await sql`alter table feedback drop constraint feedback_classified_check`.execute(db);
  await sql`update feedback set signal_category = 'product_signal', classification = null where signal_category is null`.execute(db);
  await sql`alter table feedback alter column signal_category set not null`.execute(db);
  await sql`alter table feedback add constraint feedback_check check ((signal_category = 'security_probe') = (classification is not null))`.execute(db);
  await sql`alter table feedback drop column classifier_version, drop column classified_at`.execute(db);
}
