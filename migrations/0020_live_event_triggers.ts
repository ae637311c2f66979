import { type Kysely, sql } from 'kysely';

// Every gateway instance LISTENs on these channels; the payload carries ids only (a NOTIFY payload is
// limited to 8000 bytes and must not leak row contents), so subscribers load the rows they show.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function notify_execution_failed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('execution_failed', json_build_object('id', new.id, 'userId', new.user_id, 'taskId', new.task_id)::text);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger executions_notify_failed_insert after insert on executions
    for each row when (new.status = 'failed') execute function notify_execution_failed()`.execute(db);
  await sql`
    create trigger executions_notify_failed_update after update of status on executions
    for each row when (new.status = 'failed' and old.status is distinct from 'failed') execute function notify_execution_failed()`.execute(db);

  await sql`
    create function notify_notification_added() returns trigger language plpgsql as $$
    begin
      perform pg_notify('notification_added', json_build_object('id', new.id)::text);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger notifications_notify_insert after insert on notifications
    for each row execute function notify_notification_added()`.execute(db);

  await sql`
    create function notify_feedback_added() returns trigger language plpgsql as $$
    begin
      perform pg_notify('feedback_added', json_build_object('id', new.id)::text);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger feedback_notify_insert after insert on feedback
    for each row execute function notify_feedback_added()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger feedback_notify_insert on feedback`.execute(db);
  await sql`drop function notify_feedback_added()`.execute(db);
  await sql`drop trigger notifications_notify_insert on notifications`.execute(db);
  await sql`drop function notify_notification_added()`.execute(db);
  await sql`drop trigger executions_notify_failed_update on executions`.execute(db);
  await sql`drop trigger executions_notify_failed_insert on executions`.execute(db);
  await sql`drop function notify_execution_failed()`.execute(db);
}
