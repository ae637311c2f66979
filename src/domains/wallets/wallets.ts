import type { AgentWalletRow, CardAuthorizationRow, CardTransactionRow, IssuingCardRow, SpendRequestRow } from '../../db/tables';
import { builder, connectionOf } from '../../core/builder';
import type { GatewayContext } from '../../core/context';
import { timeWindowRules } from '../../core/filters';
import { loadNestedConnection } from '../../core/loaders';
import { byTimestamp } from '../../core/ordering';
import { keysetConnection } from '../../core/pagination';
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

builder.queryField('wallets', (t) =>
  t.connection(
    {
      type: AgentWallet,
      description: 'Agent wallets, newest first; each with its cards, spend requests, authorizations and transactions.',
      args: { filter: t.arg({ type: WalletFilter, required: false }) },
      resolve: (_root, args, { db }) => {
        const filter = args.filter ?? {};
        let rows = db.selectFrom('agent_wallets').selectAll('agent_wallets');
        if (filter.ownerId != null) rows = rows.where('agent_wallets.user_id', '=', filter.ownerId.id);
        if (filter.status) rows = rows.where('agent_wallets.status', '=', filter.status);
        if (filter.since) rows = rows.where('agent_wallets.created_at', '>=', filter.since);
        if (filter.until) rows = rows.where('agent_wallets.created_at', '<', filter.until);
        return keysetConnection<AgentWalletRow>({ rows, ordering: byTimestamp('wallets', 'agent_wallets.created_at', 'agent_wallets.id', 'newest'), args });
      },
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

builder.objectFields(AgentWallet, (t) => ({
  cards: t.connection(
    {
      type: IssuingCard,
      description: "The wallet's Stripe Issuing cards, newest first.",
      resolve: (wallet, args, context) =>
        loadNestedConnection<IssuingCardRow>(context, wallet.id, {
          rows: context.db.selectFrom('issuing_cards').selectAll('issuing_cards'),
          parentColumn: 'issuing_cards.wallet_id',
          ordering: byTimestamp('AgentWallet.cards', 'issuing_cards.created_at', 'issuing_cards.id', 'newest'),
          args,
        }),
    },
    IssuingCardConnection,
  ),
  spendRequests: t.connection(
    {
      type: SpendRequest,
      description: 'Spend requests with their approvals, newest first.',
      args: { filter: t.arg({ type: SpendRequestFilter, required: false }) },
      resolve: (wallet, args, context) =>
        loadNestedConnection<SpendRequestRow>(context, wallet.id, {
          rows: spendRequestsOf(context, args.filter ?? {}),
          parentColumn: 'spend_requests.wallet_id',
          ordering: byTimestamp('AgentWallet.spendRequests', 'spend_requests.requested_at', 'spend_requests.id', 'newest'),
          args,
        }),
    },
    SpendRequestConnection,
  ),
  authorizations: t.connection(
    {
      type: CardAuthorization,
      description: "Authorization outcomes on the wallet's cards, newest first.",
      args: { filter: t.arg({ type: AuthorizationFilter, required: false }) },
      resolve: (wallet, args, context) =>
        loadNestedConnection<CardAuthorizationRow>(context, wallet.id, {
          rows: authorizationsOf(context, args.filter ?? {}),
          // Distinct aliases per list: nested-connection loaders are keyed on the parent column and arguments.
          parentColumn: 'authorization_cards.wallet_id',
          ordering: byTimestamp('AgentWallet.authorizations', 'card_authorizations.created_at', 'card_authorizations.id', 'newest'),
          args,
        }),
    },
    CardAuthorizationConnection,
  ),
  transactions: t.connection(
    {
      type: CardTransaction,
      description: "Captures and refunds on the wallet's cards, newest first.",
      args: { filter: t.arg({ type: TransactionFilter, required: false }) },
      resolve: (wallet, args, context) =>
        loadNestedConnection<CardTransactionRow>(context, wallet.id, {
          rows: transactionsOf(context, args.filter ?? {}),
          parentColumn: 'transaction_cards.wallet_id',
          ordering: byTimestamp('AgentWallet.transactions', 'card_transactions.created_at', 'card_transactions.id', 'newest'),
          args,
        }),
    },
    CardTransactionConnection,
  ),
}));
