import { type Kysely, sql } from 'kysely';

// Money is integer minor units (cents) beside an ISO 4217 currency code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table agent_wallets (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id),
      agent_name text not null,
      status text not null default 'active' check (status in ('onboarding', 'active', 'suspended', 'closed')),
      currency char(3) not null default 'USD',
      spending_limit_minor bigint not null check (spending_limit_minor >= 0),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index agent_wallets_user_id on agent_wallets (user_id)`.execute(db);
  await sql`create index agent_wallets_created_at_id on agent_wallets (created_at desc, id desc)`.execute(db);

  await sql`
    create table issuing_cards (
      id uuid primary key default gen_random_uuid(),
      wallet_id uuid not null references agent_wallets (id),
      stripe_card_id text not null unique,
      brand text not null,
      last4 char(4) not null,
      status text not null check (status in ('active', 'inactive', 'canceled')),
      spending_limit_minor bigint not null check (spending_limit_minor >= 0),
      currency char(3) not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index issuing_cards_wallet_id on issuing_cards (wallet_id)`.execute(db);

  await sql`
    create table spend_requests (
      id uuid primary key default gen_random_uuid(),
      wallet_id uuid not null references agent_wallets (id),
      card_id uuid references issuing_cards (id),
      amount_minor bigint not null check (amount_minor > 0),
      currency char(3) not null,
      merchant text not null,
      purpose text not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'expired')),
      requested_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index spend_requests_wallet_id_requested_at on spend_requests (wallet_id, requested_at desc)`.execute(db);
  await sql`create index spend_requests_status_requested_at on spend_requests (status, requested_at desc)`.execute(db);

  await sql`
    create table spend_approvals (
      id uuid primary key default gen_random_uuid(),
      spend_request_id uuid not null references spend_requests (id),
      approver_user_id uuid references users (id),
      decision text not null check (decision in ('approved', 'rejected')),
      reason text,
      decided_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index spend_approvals_spend_request_id on spend_approvals (spend_request_id)`.execute(db);

  await sql`
    create table card_authorizations (
      id uuid primary key default gen_random_uuid(),
      card_id uuid not null references issuing_cards (id),
      stripe_authorization_id text not null unique,
      amount_minor bigint not null,
      currency char(3) not null,
      merchant_name text not null,
      merchant_category text not null,
      approved boolean not null,
      decline_reason text,
      created_at timestamptz not null default now(),
      check (approved or decline_reason is not null)
    )`.execute(db);
  await sql`create index card_authorizations_card_id_created_at on card_authorizations (card_id, created_at desc)`.execute(db);
  await sql`create index card_authorizations_created_at on card_authorizations (created_at desc) where not approved`.execute(db);

  await sql`
    create table card_transactions (
      id uuid primary key default gen_random_uuid(),
      card_id uuid not null references issuing_cards (id),
      authorization_id uuid references card_authorizations (id),
      stripe_transaction_id text not null unique,
      type text not null check (type in ('capture', 'refund')),
      amount_minor bigint not null,
      currency char(3) not null,
      merchant_name text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index card_transactions_card_id_created_at on card_transactions (card_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['card_transactions', 'card_authorizations', 'spend_approvals', 'spend_requests', 'issuing_cards', 'agent_wallets']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
