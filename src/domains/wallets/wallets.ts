import type { CardTransactionRow, SpendRequestRow } from '../../db/tables';
import { builder, connectionOf } from '../../core/builder';
import type { GatewayContext } from '../../core/context';
import { timeWindowRules } from '../../core/filters';
import { defineList, type FilteredListArguments, offsetArgument } from '../../core/lists';
import { byTimestamp } from '../../core/ordering';
import {
  AgentWallet,
  CardAuthorization,
  CardTransaction,
  CardTransactionTypeEnum,
  IssuingCard,
  SpendRequest,
  SpendRequestStatusEnum,
  WalletStatusEnum,
} from './wallet-types';
import { User } from '../users/graphql';

const AgentWalletConnection = connectionOf(AgentWallet, 'AgentWallet');
const IssuingCardConnection = connectionOf(IssuingCard, 'IssuingCard');
const SpendRequestConnection = connectionOf(SpendRequest, 'SpendRequest');
const CardAuthorizationConnection = connectionOf(CardAuthorization, 'CardAuthorization');
const CardTransactionConnection = connectionOf(CardTransaction, 'CardTransaction');

// Every filter here has the since/until rules of every list (core/filters), without `hours`.
const WalletFilter = builder.inputType('WalletFilter', {
  validate: timeWindowRules,
  fields: (t) => ({
    status: t.field({ type: WalletStatusEnum, required: false }),
    ownerId: t.globalID({ for: User, required: false, description: 'A User ID.' }),
    since: t.field({ type: 'DateTime', required: false, description: 'Created at or after.' }),
    until: t.field({ type: 'DateTime', required: false, description: 'Created before.' }),
  }),
});

const walletList = defineList({
  name: 'wallets',
  rows: ({ db }: GatewayContext, args: FilteredListArguments<typeof WalletFilter.$inferInput>) => {
    const filter = args.filter ?? {};
    let rows = db.selectFrom('agent_wallets').selectAll('agent_wallets');
    if (filter.ownerId != null) rows = rows.where('agent_wallets.user_id', '=', filter.ownerId.id);
    if (filter.status) rows = rows.where('agent_wallets.status', '=', filter.status);
    if (filter.since) rows = rows.where('agent_wallets.created_at', '>=', filter.since);
    if (filter.until) rows = rows.where('agent_wallets.created_at', '<', filter.until);
    return rows;
  },
  orderings: byTimestamp('agent_wallets.created_at', 'agent_wallets.id'),
});

builder.queryField('wallets', (t) =>
  t.connection(
    {
      type: AgentWallet,
      description: 'Agent wallets, newest first; each with its cards, spend requests, authorizations and transactions.',
      args: { filter: t.arg({ type: WalletFilter, required: false }), ...offsetArgument },
      resolve: (_root, args, context) => walletList.connection(context, args),
    },
    AgentWalletConnection,
  ),
);

const SpendRequestFilter = builder.inputType('SpendRequestFilter', {
  validate: timeWindowRules,
  fields: (t) => ({
    status: t.field({ type: SpendRequestStatusEnum, required: false }),
    since: t.field({ type: 'DateTime', required: false }),
    until: t.field({ type: 'DateTime', required: false }),
  }),
});
const AuthorizationFilter = builder.inputType('CardAuthorizationFilter', {
  validate: timeWindowRules,
  fields: (t) => ({
    approved: t.boolean({ required: false, description: 'false: declines only.' }),
    since: t.field({ type: 'DateTime', required: false }),
    until: t.field({ type: 'DateTime', required: false }),
  }),
});
const TransactionFilter = builder.inputType('CardTransactionFilter', {
  validate: timeWindowRules,
  fields: (t) => ({
    type: t.field({ type: CardTransactionTypeEnum, required: false }),
    since: t.field({ type: 'DateTime', required: false }),
    until: t.field({ type: 'DateTime', required: false }),
  }),
});

function spendRequestsOf(context: GatewayContext, filter: typeof SpendRequestFilter.$inferInput) {
  let rows = context.db.selectFrom('spend_requests').selectAll('spend_requests');
  if (filter.status) rows = rows.where('spend_requests.status', '=', filter.status);
  if (filter.since) rows = rows.where('spend_requests.requested_at', '>=', filter.since);
  if (filter.until) rows = rows.where('spend_requests.requested_at', '<', filter.until);
  return rows;
}

function authorizationsOf(context: GatewayContext, filter: typeof AuthorizationFilter.$inferInput) {
  let rows = context.db.selectFrom('card_authorizations').innerJoin('issuing_cards as authorization_cards', 'authorization_cards.id', 'card_authorizations.card_id').selectAll('card_authorizations');
  if (filter.approved != null) rows = rows.where('card_authorizations.approved', '=', filter.approved);
  if (filter.since) rows = rows.where('card_authorizations.created_at', '>=', filter.since);
  if (filter.until) rows = rows.where('card_authorizations.created_at', '<', filter.until);
  return rows;
}

function transactionsOf(context: GatewayContext, filter: typeof TransactionFilter.$inferInput) {
  let rows = context.db.selectFrom('card_transactions').innerJoin('issuing_cards as transaction_cards', 'transaction_cards.id', 'card_transactions.card_id').selectAll('card_transactions');
  if (filter.type) rows = rows.where('card_transactions.type', '=', filter.type);
  if (filter.since) rows = rows.where('card_transactions.created_at', '>=', filter.since);
  if (filter.until) rows = rows.where('card_transactions.created_at', '<', filter.until);
  return rows;
}

const cardList = defineList({
  name: 'AgentWallet.cards',
  rows: ({ db }: GatewayContext, _args: FilteredListArguments<never>) => db.selectFrom('issuing_cards').selectAll('issuing_cards'),
  orderings: byTimestamp('issuing_cards.created_at', 'issuing_cards.id'),
});
const spendRequestList = defineList({
  name: 'AgentWallet.spendRequests',
  rows: (context: GatewayContext, args: FilteredListArguments<typeof SpendRequestFilter.$inferInput>) => spendRequestsOf(context, args.filter ?? {}),
  orderings: byTimestamp('spend_requests.requested_at', 'spend_requests.id'),
});
const authorizationList = defineList({
  name: 'AgentWallet.authorizations',
  rows: (context: GatewayContext, args: FilteredListArguments<typeof AuthorizationFilter.$inferInput>) => authorizationsOf(context, args.filter ?? {}),
  orderings: byTimestamp('card_authorizations.created_at', 'card_authorizations.id'),
});
const transactionList = defineList({
  name: 'AgentWallet.transactions',
  rows: (context: GatewayContext, args: FilteredListArguments<typeof TransactionFilter.$inferInput>) => transactionsOf(context, args.filter ?? {}),
  orderings: byTimestamp('card_transactions.created_at', 'card_transactions.id'),
});

builder.objectFields(AgentWallet, (t) => ({
  cards: t.connection(
    {
      type: IssuingCard,
      description: "The wallet's Stripe Issuing cards, newest first.",
      resolve: (wallet, args, context) => cardList.ofParent(context, 'issuing_cards.wallet_id', wallet.id, args),
    },
    IssuingCardConnection,
  ),
  spendRequests: t.connection(
    {
      type: SpendRequest,
      description: 'Spend requests with their approvals, newest first.',
      args: { filter: t.arg({ type: SpendRequestFilter, required: false }) },
      resolve: (wallet, args, context) => spendRequestList.ofParent(context, 'spend_requests.wallet_id', wallet.id, args),
    },
    SpendRequestConnection,
  ),
  authorizations: t.connection(
    {
      type: CardAuthorization,
      description: "Authorization outcomes on the wallet's cards, newest first.",
      args: { filter: t.arg({ type: AuthorizationFilter, required: false }) },
      resolve: (wallet, args, context) => authorizationList.ofParent(context, 'authorization_cards.wallet_id', wallet.id, args),
    },
    CardAuthorizationConnection,
  ),
  transactions: t.connection(
    {
      type: CardTransaction,
      description: "Captures and refunds on the wallet's cards, newest first.",
      args: { filter: t.arg({ type: TransactionFilter, required: false }) },
      resolve: (wallet, args, context) => transactionList.ofParent(context, 'transaction_cards.wallet_id', wallet.id, args),
    },
    CardTransactionConnection,
  ),
}));
