import type { AgentWalletRow, CardAuthorizationRow, CardTransactionRow, IssuingCardRow, SpendApprovalRow, SpendRequestRow } from '../../db/tables';
import { builder } from '../../core/builder';
import { byKey, perRequestLoader, rowsById } from '../../core/loaders';
import { User } from '../users/graphql';
import { type Money, moneyOf } from './money';

/*
 * Agent wallets are read-only here. Card secrets (number, CVC, expiry) are never stored by this
 * platform (Stripe Issuing keeps them); no type below has a field for one, and a test walks the whole
 * schema to keep it that way.
 */

export const MoneyType = builder.objectRef<Money>('Money').implement({
  description: 'An amount: integer minor units (cents for USD) with its ISO 4217 currency, and as a person reads it.',
  fields: (t) => ({
    minorUnits: t.exposeFloat('minorUnits', { description: 'Whole minor units (a Float only so that amounts past 2^31 fit; always an integer).' }),
    currency: t.exposeString('currency'),
    formatted: t.exposeString('formatted', { description: 'e.g. "$1,234.50" (Intl.NumberFormat, en-US).' }),
  }),
});

export const WalletStatusEnum = builder.enumType('WalletStatus', {
  values: { ONBOARDING: { value: 'onboarding' }, ACTIVE: { value: 'active' }, SUSPENDED: { value: 'suspended' }, CLOSED: { value: 'closed' } } as const,
});
const CardStatusEnum = builder.enumType('IssuingCardStatus', {
  values: { ACTIVE: { value: 'active' }, INACTIVE: { value: 'inactive' }, CANCELED: { value: 'canceled' } } as const,
});
export const SpendRequestStatusEnum = builder.enumType('SpendRequestStatus', {
  values: { PENDING: { value: 'pending' }, APPROVED: { value: 'approved' }, REJECTED: { value: 'rejected' }, EXPIRED: { value: 'expired' } } as const,
});
const SpendDecisionEnum = builder.enumType('SpendDecision', { values: { APPROVED: { value: 'approved' }, REJECTED: { value: 'rejected' } } as const });
export const CardTransactionTypeEnum = builder.enumType('CardTransactionType', { values: { CAPTURE: { value: 'capture' }, REFUND: { value: 'refund' } } as const });

export const AgentWallet = builder.loadableNode('AgentWallet', {
  id: { resolve: (wallet: AgentWalletRow) => wallet.id },
  load: (ids: string[], { db }) => rowsById(ids, 'AgentWallet', (valid) => db.selectFrom('agent_wallets').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    agentName: t.exposeString('agent_name'),
    status: t.expose('status', { type: WalletStatusEnum }),
    owner: t.field({ type: User, resolve: (wallet) => wallet.user_id }),
    spendingLimit: t.field({ type: MoneyType, resolve: (wallet) => moneyOf(wallet.spending_limit_minor, wallet.currency) }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
});

export const IssuingCard = builder.loadableNode('IssuingCard', {
  description: 'A Stripe Issuing card of a wallet: brand, last four digits, status and spending control. No secret is stored or served.',
  id: { resolve: (card: IssuingCardRow) => card.id },
  load: (ids: string[], { db }) => rowsById(ids, 'IssuingCard', (valid) => db.selectFrom('issuing_cards').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    stripeCardId: t.exposeString('stripe_card_id', { description: "Stripe's card object id (ic_…), not a card number." }),
    wallet: t.field({ type: AgentWallet, resolve: (card) => card.wallet_id }),
    brand: t.exposeString('brand'),
    last4: t.exposeString('last4'),
    status: t.expose('status', { type: CardStatusEnum }),
    spendingLimit: t.field({ type: MoneyType, resolve: (card) => moneyOf(card.spending_limit_minor, card.currency) }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
});

const SpendApproval = builder.objectRef<SpendApprovalRow>('SpendApproval').implement({
  fields: (t) => ({
    approver: t.field({ type: User, nullable: true, resolve: (approval) => approval.approver_user_id }),
    decision: t.expose('decision', { type: SpendDecisionEnum }),
    reason: t.exposeString('reason', { nullable: true }),
    decidedAt: t.expose('decided_at', { type: 'DateTime' }),
  }),
});

const approvalsByRequest = perRequestLoader<string, SpendApprovalRow[]>(async (ids, { db }) => {
  const rows = await db.selectFrom('spend_approvals').selectAll().where('spend_request_id', 'in', [...ids]).orderBy('decided_at').execute();
  const grouped = new Map<string, SpendApprovalRow[]>();
  for (const row of rows) grouped.set(row.spend_request_id, [...(grouped.get(row.spend_request_id) ?? []), row]);
  return byKey(ids, [...grouped.entries()], ([id]) => id, ([, approvals]) => approvals, []);
});

export const SpendRequest = builder.loadableNode('SpendRequest', {
  id: { resolve: (request: SpendRequestRow) => request.id },
  load: (ids: string[], { db }) => rowsById(ids, 'SpendRequest', (valid) => db.selectFrom('spend_requests').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    wallet: t.field({ type: AgentWallet, resolve: (request) => request.wallet_id }),
    card: t.field({ type: IssuingCard, nullable: true, resolve: (request) => request.card_id }),
    amount: t.field({ type: MoneyType, resolve: (request) => moneyOf(request.amount_minor, request.currency) }),
    merchant: t.exposeString('merchant'),
    purpose: t.exposeString('purpose'),
    status: t.expose('status', { type: SpendRequestStatusEnum }),
    requestedAt: t.expose('requested_at', { type: 'DateTime' }),
    approvals: t.field({ type: [SpendApproval], description: 'Who decided, what, and when (oldest first).', resolve: (request, _args, context) => approvalsByRequest(context).load(request.id) }),
  }),
});

export const CardAuthorization = builder.loadableNode('CardAuthorization', {
  description: 'An authorization outcome: approved, or declined with a reason.',
  id: { resolve: (authorization: CardAuthorizationRow) => authorization.id },
  load: (ids: string[], { db }) => rowsById(ids, 'CardAuthorization', (valid) => db.selectFrom('card_authorizations').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    stripeAuthorizationId: t.exposeString('stripe_authorization_id'),
    card: t.field({ type: IssuingCard, resolve: (authorization) => authorization.card_id }),
    amount: t.field({ type: MoneyType, resolve: (authorization) => moneyOf(authorization.amount_minor, authorization.currency) }),
    merchantName: t.exposeString('merchant_name'),
    merchantCategory: t.exposeString('merchant_category'),
    approved: t.exposeBoolean('approved'),
    declineReason: t.exposeString('decline_reason', { nullable: true }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
});

export const CardTransaction = builder.loadableNode('CardTransaction', {
  description: 'A capture or a refund (negative amount) on a card.',
  id: { resolve: (transaction: CardTransactionRow) => transaction.id },
  load: (ids: string[], { db }) => rowsById(ids, 'CardTransaction', (valid) => db.selectFrom('card_transactions').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    stripeTransactionId: t.exposeString('stripe_transaction_id'),
    card: t.field({ type: IssuingCard, resolve: (transaction) => transaction.card_id }),
    authorization: t.field({ type: CardAuthorization, nullable: true, resolve: (transaction) => transaction.authorization_id }),
    type: t.expose('type', { type: CardTransactionTypeEnum }),
    amount: t.field({ type: MoneyType, resolve: (transaction) => moneyOf(transaction.amount_minor, transaction.currency) }),
    merchantName: t.exposeString('merchant_name'),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
});
