import { type Kysely, type RawBuilder, sql } from 'kysely';
import { SEARCH_QUERIES, ERROR_KINDS, PRODUCT_FEEDBACK, SECURITY_PROBES, CONNECTORS, CRONS } from './seed-data';
import type { Database } from './tables';

/**
 * Deterministic demo and scale data, generated set-based inside the database
 * (insert … select … from generate_series). Every "random" choice is a hash of the
 * row number and a salt, so the same size and anchor time give the same data.
 */
export interface SeedSize {
  executions: number;
  users: number;
  tasks: number;
  notifications: number;
  feedback: number;
  wallets: number;
  connectorEvents: number;
}

export const DEMO_EXECUTIONS = 20_000;

export function seedSizeFor(executions: number): SeedSize {
  const atLeast = (minimum: number, value: number) => Math.max(minimum, Math.round(value));
  return {
    executions,
    users: atLeast(12, executions / 400),
    tasks: atLeast(30, executions / 150),
    notifications: atLeast(50, executions / 20),
    feedback: atLeast(80, executions / 500),
    wallets: atLeast(4, executions / 4000),
    connectorEvents: atLeast(60, executions / 50),
  };
}

/** A number in [0, 1) drawn from a row number and a salt. */
function unit(row: RawBuilder<unknown> | string, salt: number): RawBuilder<number> {
  const rowExpression = typeof row === 'string' ? sql.raw(row) : row;
  return sql<number>`((hashint8((${rowExpression})::bigint * 7919 + ${sql.lit(salt)}) & 2147483647)::float8 / 2147483648.0)`;
}

/** An integer in [0, n) drawn from a row number and a salt. */
function pick(row: string, salt: number, n: number): RawBuilder<number> {
  return sql<number>`floor(${unit(row, salt)} * ${sql.lit(n)})::int`;
}

function textArray(values: readonly string[]): RawBuilder<string[]> {
  return sql<string[]>`array[${sql.join(values.map((value) => sql.lit(value)))}]::text[]`;
}

function uuidFor(kind: string, row: RawBuilder<unknown> | string): RawBuilder<string> {
  const rowExpression = typeof row === 'string' ? sql.raw(row) : row;
  return sql<string>`md5(${sql.lit(kind)} || (${rowExpression})::text)::uuid`;
}

/** The owner (user number) of task number k. */
const taskOwner = (k: string, users: number) => sql`1 + ${pick(k, 11, users)}`;

const SEEDED_TABLES = [
  'card_transactions',
  'card_authorizations',
  'spend_approvals',
  'spend_requests',
  'issuing_cards',
  'agent_wallets',
  'connector_events',
  'feedback',
  'notifications',
  'executions',
  'api_keys',
  'tasks',
  'audit_log',
  'users',
] as const;

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
  return row.count === 0;
}

export async function clearSeededTables(db: Kysely<Database>): Promise<void> {
  await sql`truncate ${sql.join(SEEDED_TABLES.map((table) => sql.table(table)))}`.execute(db);
}

/** Drops executions' secondary indexes for the duration of a bulk load and rebuilds them afterwards. */
async function withoutExecutionIndexes(db: Kysely<Database>, load: () => Promise<void>) {
  const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename = 'executions' and indexname <> 'executions_pkey'`.execute(db);
  for (const { indexname } of indexes) await sql`drop index ${sql.id(indexname)}`.execute(db);
  try {
    await load();
  } finally {
    for (const { indexdef } of indexes) await sql.raw(indexdef).execute(db);
  }
}

export async function seed(db: Kysely<Database>, size: SeedSize, anchor = new Date()): Promise<void> {
  const now = sql`${sql.lit(anchor.toISOString())}::timestamptz`;
  const days = (row: string, salt: number, span: number) => sql`${now} - ${unit(row, salt)} * interval '1 day' * ${sql.lit(span)}`;

  await sql`
    insert into users (id, email, clerk_user_id, role, state, created_at, last_login_at, deactivated_at)
    select ${uuidFor('user', 'u')},
           'user' || u || '@example.com',
           'user_' || substr(md5('clerk' || u), 1, 24),
           'user',
           case when ${unit('u', 1)} < 0.05 then 'deactivated' else 'active' end,
           ${days('u', 2, 180)},
           case when ${unit('u', 3)} < 0.9 then ${days('u', 4, 45)} end,
           case when ${unit('u', 1)} < 0.05 then ${days('u', 5, 3)} end
    from generate_series(1, ${sql.lit(size.users)}) as u`.execute(db);

  await sql`
    insert into tasks (id, user_id, name, search_query, condition_description, schedule, state, temporal_schedule_id, created_at, updated_at)
    select ${uuidFor('task', 'k')}, ${uuidFor('user', taskOwner('k', size.users))},
           'Watch: ' || q, q, 'Tell me when there is a definite answer to: ' || q,
           (${textArray(CRONS)})[1 + ${pick('k', 13, CRONS.length)}],
           case when ${unit('k', 14)} < 0.28 then 'paused' else 'active' end,
           'task-' || ${uuidFor('task', 'k')},
           ${days('k', 15, 120)}, ${now} - interval '1 hour'
    from generate_series(1, ${sql.lit(size.tasks)}) as k,
         lateral (select (${textArray(SEARCH_QUERIES)})[1 + floor(power(${unit('k', 12)}, 2) * ${sql.lit(SEARCH_QUERIES.length)})::int] as q) as chosen`.execute(db);
  // Tasks of deactivated users are paused, as deactivation leaves them.
  await sql`update tasks set state = 'paused' from users where users.id = tasks.user_id and users.state = 'deactivated'`.execute(db);

  const errorCase = (field: 'type' | 'message') => {
    let threshold = 0;
    const branches = ERROR_KINDS.map((kind, index) => {
      threshold += kind.share;
      const value = field === 'type' ? kind.type : kind.messages;
      const chosen = typeof value === 'string' ? sql.lit(value) : sql`(${textArray(value)})[1 + ${pick('e', 25, value.length)}]`;
      return index === ERROR_KINDS.length - 1 ? sql`else ${chosen}` : sql`when ${unit('e', 24)} < ${sql.lit(threshold)} then ${chosen}`;
    });
    return sql`case when ${unit('e', 21)} < 0.03 then case ${sql.join(branches, sql` `)} end end`;
  };
  await withoutExecutionIndexes(db, async () => {
    await sql`
      insert into executions (id, task_id, user_id, status, condition_met, started_at, completed_at, duration_ms,
                              error_message, error_type, retry_count, will_retry)
      select ${uuidFor('execution', 'e')}, ${uuidFor('task', 'k')}, ${uuidFor('user', taskOwner('k', size.users))},
             case when failed then 'failed' else 'success' end,
             case when failed then null else ${unit('e', 22)} < 0.12 end,
             started_at, started_at + duration_ms * interval '1 millisecond', duration_ms,
             error_message, error_type,
             case when failed then ${pick('e', 26, 4)} else 0 end,
             failed and ${pick('e', 26, 4)} < 3 and error_type <> 'ValidationError'
      from generate_series(1, ${sql.lit(size.executions)}) as e,
           lateral (select 1 + ${pick('e', 20, size.tasks)} as k,
                           ${unit('e', 21)} < 0.03 as failed,
                           ${days('e', 23, 30)} as started_at,
                           ${errorCase('type')} as error_type,
                           ${errorCase('message')} as error_message) as drawn,
           lateral (select case when error_type = 'TimeoutError' then 30000
                                else 1200 + floor(${unit('e', 27)} * ${unit('e', 28)} * 7000)::int end as duration_ms) as timing`.execute(db);
  });

  await sql`
    insert into notifications (id, audience, kind, user_id, task_id, channel, subject, body, created_at)
    select ${uuidFor('notification', 'n')},
           case when platform then 'platform' else 'user' end,
           case when not platform then 'condition_met'
                else (array['schedule_completed', 'schedule_failed', 'message_event', 'usage_event'])[1 + ${pick('n', 32, 4)}] end,
           case when platform then null else ${uuidFor('user', taskOwner('k', size.users))} end,
           ${uuidFor('task', 'k')},
           case when platform then null else (array['email', 'webhook', 'in_app'])[1 + ${pick('n', 33, 3)}] end,
           case when platform then 'Platform alert for task ' || k else 'Your condition was met' end,
           'Task ' || k || ' reported a change.',
           ${days('n', 34, 30)}
    from generate_series(1, ${sql.lit(size.notifications)}) as n,
         lateral (select ${unit('n', 30)} < 0.2 as platform, 1 + ${pick('n', 31, size.tasks)} as k) as drawn`.execute(db);

  // Security probes arrive in bursts: each burst repeats one probe a few times within minutes.
  await sql`
    insert into feedback (id, user_id, body, source, state, classification, signal_category, severity, duplicate_fingerprint, created_at, updated_at)
    select ${uuidFor('feedback', 'f')},
           case when ${unit('f', 40)} < 0.9 then ${uuidFor('user', sql`1 + ${pick('f', 41, size.users)}`)} end,
           body, (array['web', 'api', 'extension', 'email'])[1 + ${pick('f', 42, 4)}],
           (array['open', 'open', 'open', 'triaged', 'in_progress', 'done', 'archived'])[1 + ${pick('f', 43, 7)}],
           classification, category,
           case when category = 'security_probe' then 3 + ${pick('f', 44, 2)} else 1 + ${pick('f', 44, 3)} end,
           case when category = 'security_probe' then md5(body) end,
           created_at, created_at
    from generate_series(1, ${sql.lit(size.feedback)}) as f,
         lateral (select ${unit('f', 45)} < 0.4 as probe,
                         (${textArray(SECURITY_PROBES.map((probe) => probe.body))})[1 + ${pick('f', 46, SECURITY_PROBES.length)}] as probe_body,
                         (${textArray(SECURITY_PROBES.map((probe) => probe.classification))})[1 + ${pick('f', 46, SECURITY_PROBES.length)}] as probe_class) as drawn,
         lateral (select case when probe then probe_body else (${textArray(PRODUCT_FEEDBACK)})[1 + ${pick('f', 47, PRODUCT_FEEDBACK.length)}] end as body,
                         case when probe then probe_class end as classification,
                         case when probe then 'security_probe'
                              else (array['product_signal', 'short_actionable', 'actionable'])[1 + ${pick('f', 48, 3)}] end as category,
                         case when probe then ${now} - ${pick('f', 49, 20)} * interval '1 day' - ${pick('f', 50, 15)} * interval '1 minute'
                              else ${days('f', 51, 60)} end as created_at) as shaped`.execute(db);

  await sql`
    insert into agent_wallets (id, user_id, agent_name, status, currency, spending_limit_minor, created_at)
    select ${uuidFor('wallet', 'w')}, ${uuidFor('user', sql`1 + ${pick('w', 60, size.users)}`)},
           (array['Shopping agent', 'Travel booker', 'Procurement bot', 'Ticket sniper'])[1 + ${pick('w', 61, 4)}] || ' #' || w,
           (array['active', 'active', 'active', 'onboarding', 'suspended'])[1 + ${pick('w', 62, 5)}],
           'USD', (50 + ${pick('w', 63, 20)} * 50) * 100, ${days('w', 64, 90)}
    from generate_series(1, ${sql.lit(size.wallets)}) as w`.execute(db);

  await sql`
    insert into issuing_cards (id, wallet_id, stripe_card_id, brand, last4, status, spending_limit_minor, currency, created_at)
    select ${uuidFor('card', sql`w * 10 + c`)}, ${uuidFor('wallet', 'w')}, 'ic_' || substr(md5('card' || w || c), 1, 24),
           case when c = 1 then 'Visa' else 'Mastercard' end, lpad((${pick('w * 10 + c', 70, 10000)})::text, 4, '0'),
           case when c = 2 then 'canceled' else 'active' end, spending_limit_minor, 'USD', created_at + interval '1 hour'
    from agent_wallets, generate_series(1, ${sql.lit(size.wallets)}) as w, generate_series(1, 2) as c
    where agent_wallets.id = ${uuidFor('wallet', 'w')} and (c = 1 or ${unit('w', 71)} < 0.4)`.execute(db);

  await sql`
    insert into card_authorizations (id, card_id, stripe_authorization_id, amount_minor, currency, merchant_name, merchant_category, approved, decline_reason, created_at)
    select ${uuidFor('authorization', 'a')}, cards.id, 'iauth_' || substr(md5('auth' || a), 1, 24),
           500 + ${pick('a', 80, 40000)}, 'USD',
           (array['Amazon', 'Delta Air Lines', 'Ticketmaster', 'Best Buy', 'Uber', 'AWS'])[1 + ${pick('a', 81, 6)}],
           (array['retail', 'airlines', 'entertainment', 'electronics', 'transport', 'cloud_services'])[1 + ${pick('a', 81, 6)}],
           ${unit('a', 82)} >= 0.15,
           case when ${unit('a', 82)} < 0.15 then (array['insufficient_funds', 'spending_limit_exceeded', 'card_inactive', 'suspected_fraud'])[1 + ${pick('a', 83, 4)}] end,
           ${days('a', 84, 30)}
    from generate_series(1, ${sql.lit(size.wallets * 12)}) as a
    join (select id, row_number() over (order by id) as n, count(*) over () as total from issuing_cards) as cards
      on cards.n = 1 + floor(${unit('a', 86)} * cards.total)`.execute(db);

  await sql`
    insert into card_transactions (id, card_id, authorization_id, stripe_transaction_id, type, amount_minor, currency, merchant_name, created_at)
    select md5('transaction' || id::text)::uuid, card_id, id, 'ipi_' || substr(md5('txn' || id::text), 1, 24),
           'capture', amount_minor, currency, merchant_name, created_at + interval '2 hours'
    from card_authorizations where approved`.execute(db);
  await sql`
    insert into card_transactions (id, card_id, authorization_id, stripe_transaction_id, type, amount_minor, currency, merchant_name, created_at)
    select md5('refund' || id::text)::uuid, card_id, authorization_id, 'ipi_' || substr(md5('refund' || id::text), 1, 24),
           'refund', -amount_minor, currency, merchant_name, created_at + interval '3 days'
    from card_transactions where type = 'capture' and (hashint8(amount_minor) & 15) = 0`.execute(db);

  await sql`
    insert into spend_requests (id, wallet_id, card_id, amount_minor, currency, merchant, purpose, status, requested_at)
    select ${uuidFor('spend', 's')}, wallets.id,
           (select id from issuing_cards where wallet_id = wallets.id and status = 'active' limit 1),
           1000 + ${pick('s', 90, 90000)}, 'USD',
           (array['Amazon', 'Delta Air Lines', 'Ticketmaster', 'Best Buy'])[1 + ${pick('s', 91, 4)}],
           (array['Restock office supplies', 'Flight to customer meeting', 'Concert tickets for team', 'Replacement laptop charger'])[1 + ${pick('s', 91, 4)}],
           (array['pending', 'approved', 'approved', 'rejected', 'expired'])[1 + ${pick('s', 92, 5)}],
           ${days('s', 93, 30)}
    from generate_series(1, ${sql.lit(size.wallets * 4)}) as s
    join (select id, row_number() over (order by id) as n, count(*) over () as total from agent_wallets) as wallets
      on wallets.n = 1 + floor(${unit('s', 94)} * wallets.total)`.execute(db);

  await sql`
    insert into spend_approvals (id, spend_request_id, approver_user_id, decision, reason, decided_at)
    select md5('approval' || spend_requests.id::text)::uuid, spend_requests.id, agent_wallets.user_id,
           case when spend_requests.status = 'approved' then 'approved' else 'rejected' end,
           case when spend_requests.status = 'rejected' then 'Over the agent''s monthly budget' end,
           requested_at + interval '20 minutes'
    from spend_requests join agent_wallets on agent_wallets.id = spend_requests.wallet_id
    where spend_requests.status in ('approved', 'rejected')`.execute(db);

  await sql`
    insert into connector_events (id, connector, connection_id, upstream_event_id, event_type, delivery_status, attempts, last_error,
                                  signature_verification, received_at, delivered_at)
    select ${uuidFor('connector_event', 'c')}, connector, connector || '_conn_' || (1 + ${pick('c', 101, 12)}),
           'evt_' || substr(md5('upstream' || c), 1, 20),
           connector || '.' || (array['created', 'updated', 'deleted', 'synced'])[1 + ${pick('c', 102, 4)}],
           status,
           case status when 'delivered' then 1 + ${pick('c', 104, 2)} when 'pending' then 0 else 2 + ${pick('c', 104, 5)} end,
           case when status in ('failed', 'retrying')
                then (array['HTTP 502 from worker', 'Timed out after 10000 ms', 'HTTP 410: connection revoked upstream'])[1 + ${pick('c', 105, 3)}] end,
           case when ${unit('c', 106)} < 0.02 then 'invalid' when ${unit('c', 106)} < 0.05 then 'missing' else 'verified' end,
           received_at,
           case when status = 'delivered' then received_at + (1 + ${pick('c', 107, 5000)}) * interval '1 millisecond' end
    from generate_series(1, ${sql.lit(size.connectorEvents)}) as c,
         lateral (select (${textArray(CONNECTORS)})[1 + ${pick('c', 100, CONNECTORS.length)}] as connector,
                         case when ${unit('c', 103)} < 0.90 then 'delivered' when ${unit('c', 103)} < 0.94 then 'failed'
                              when ${unit('c', 103)} < 0.97 then 'retrying' else 'pending' end as status,
                         ${days('c', 108, 14)} as received_at) as drawn`.execute(db);

  await sql`vacuum analyze`.execute(db);
}
