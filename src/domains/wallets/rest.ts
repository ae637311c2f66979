import { z } from 'zod';
import { graphql } from '../../generated/gql';
import { boolean_, dateTime, integer, lower, nullable, number, object, pageFields, pageOf, string, upper, uuid } from '../../rest/shapes';
import { integer as integerParameter, oneOf } from '../../rest/parameters';
import { pagedRoute } from '../../rest/route';

const money = object({ amount_minor: number, currency: string, formatted: string });
type MoneyData = { minorUnits: number; currency: string; formatted: string };
const shapeMoney = (value: MoneyData) => ({ amount_minor: value.minorUnits, currency: value.currency, formatted: value.formatted });

export const agentWallets = pagedRoute({
  path: '/api/v1/admin/agent-wallet',
  operationId: 'listAgentWallets',
  tag: 'Wallets',
  summary: 'Agent wallets with their cards, recent spend requests, authorizations and transactions',
  description: 'Read-only. Cards carry brand, last four digits, status and spending limit; no card secret exists in this API.',
  parameters: {
    status: oneOf({ description: 'Wallet status.', values: ['onboarding', 'active', 'suspended', 'closed'] as const }),
    recent: integerParameter({ description: 'Spend requests, authorizations and transactions per wallet (default: 5, max: 50).', minimum: 1, maximum: 50, default: 5 }),
  },
  document: graphql(`
    query RestAgentWallets($first: Int!, $offset: Int, $filter: WalletFilter, $recent: Int!) {
      wallets(first: $first, offset: $offset, filter: $filter) {
        totalCount
        edges {
          node {
            databaseId agentName status createdAt
            owner { email }
            spendingLimit { minorUnits currency formatted }
            cards(first: 20) { edges { node { databaseId brand last4 status createdAt spendingLimit { minorUnits currency formatted } } } }
            spendRequests(first: $recent) {
              totalCount
              edges { node { databaseId merchant purpose status requestedAt amount { minorUnits currency formatted } approvals { decision reason decidedAt approver { email } } } }
            }
            authorizations(first: $recent) {
              totalCount
              edges { node { databaseId merchantName merchantCategory approved declineReason createdAt amount { minorUnits currency formatted } card { last4 } } }
            }
            transactions(first: $recent) {
              totalCount
              edges { node { databaseId type merchantName createdAt amount { minorUnits currency formatted } card { last4 } } }
            }
          }
        }
      }
    }
  `),
  filters: ({ status, recent }) => ({
    recent,
    filter: status ? { status: upper(status) } : null,
  }),
  shape: (data, paged) => ({
    wallets: data.wallets.edges.map(({ node }) => ({
      id: node.databaseId,
      agent_name: node.agentName,
      status: lower(node.status),
      owner_email: node.owner.email,
      spending_limit: shapeMoney(node.spendingLimit),
      created_at: node.createdAt,
      cards: node.cards.edges.map(({ node: card }) => ({
        id: card.databaseId, brand: card.brand, last4: card.last4, status: lower(card.status), spending_limit: shapeMoney(card.spendingLimit), created_at: card.createdAt,
      })),
      spend_requests: node.spendRequests.edges.map(({ node: request }) => ({
        id: request.databaseId, merchant: request.merchant, purpose: request.purpose, status: lower(request.status), requested_at: request.requestedAt,
        amount: shapeMoney(request.amount),
        approvals: request.approvals.map((approval) => ({ decision: lower(approval.decision), reason: approval.reason ?? null, decided_at: approval.decidedAt, approver_email: approval.approver?.email ?? null })),
      })),
      spend_requests_total: node.spendRequests.totalCount,
      authorizations: node.authorizations.edges.map(({ node: authorization }) => ({
        id: authorization.databaseId, merchant_name: authorization.merchantName, merchant_category: authorization.merchantCategory, approved: authorization.approved,
        decline_reason: authorization.declineReason ?? null, card_last4: authorization.card.last4, amount: shapeMoney(authorization.amount), created_at: authorization.createdAt,
      })),
      authorizations_total: node.authorizations.totalCount,
      transactions: node.transactions.edges.map(({ node: transaction }) => ({
        id: transaction.databaseId, type: lower(transaction.type), merchant_name: transaction.merchantName, card_last4: transaction.card.last4,
        amount: shapeMoney(transaction.amount), created_at: transaction.createdAt,
      })),
      transactions_total: node.transactions.totalCount,
    })),
    ...pageFields(data.wallets, paged),
  }),
  response: {
    description: 'A page of wallets, newest first, each with its cards and its most recent activity.',
    schema: pageOf(
      'wallets',
      object({
        id: uuid,
        agent_name: string,
        status: z.enum(['onboarding', 'active', 'suspended', 'closed']),
        owner_email: string,
        spending_limit: money,
        created_at: dateTime,
        cards: z.array(object({ id: uuid, brand: string, last4: string, status: z.enum(['active', 'inactive', 'canceled']), spending_limit: money, created_at: dateTime })),
        spend_requests: z.array(object({
          id: uuid, merchant: string, purpose: string, status: z.enum(['pending', 'approved', 'rejected', 'expired']), requested_at: dateTime, amount: money,
          approvals: z.array(object({ decision: z.enum(['approved', 'rejected']), reason: nullable(string), decided_at: dateTime, approver_email: nullable(string) })),
        })),
        spend_requests_total: integer,
        authorizations: z.array(object({
          id: uuid, merchant_name: string, merchant_category: string, approved: boolean_, decline_reason: nullable(string), card_last4: string, amount: money, created_at: dateTime,
        })),
        authorizations_total: integer,
        transactions: z.array(object({ id: uuid, type: z.enum(['capture', 'refund']), merchant_name: string, card_last4: string, amount: money, created_at: dateTime })),
        transactions_total: integer,
      }),
    ),
  },
});

export const walletRoutes = [agentWallets];
