import { z } from 'zod';
import { graphql } from '../../generated/gql';
import type { RestFeedbackFieldsFragment } from '../../generated/gql/graphql';
import { boolean_, dateTime, integer, lower, nullable, object, pageFields, pageOf, string, upper, uuid } from '../../rest/shapes';
import { integer as integerParameter, oneOf, requiredBodyField, text, uuidInPath } from '../../rest/parameters';
import { pagedRoute, route } from '../../rest/route';
import { encodeGlobalID } from '@pothos/plugin-relay';

const STATES = ['open', 'triaged', 'in_progress', 'done', 'archived'] as const;
const CLASSIFICATIONS = ['script', 'command', 'sql', 'template', 'path', 'fuzz'] as const;
const CATEGORIES = ['product_signal', 'short_actionable', 'actionable', 'security_probe'] as const;

const feedbackItem = object({
  id: uuid,
  body: string,
  source: z.enum(['web', 'api', 'extension', 'email']),
  state: z.enum(STATES),
  classification: nullable(z.enum(CLASSIFICATIONS)),
  signal_category: nullable(z.enum(CATEGORIES)),
  severity: integer.min(1).max(4),
  user_email: nullable(string),
  group_key: nullable(string),
  group_size: integer,
  first_seen: dateTime,
  last_seen: dateTime,
  burst: boolean_,
  created_at: dateTime,
  updated_at: dateTime,
});

graphql(`
  fragment RestFeedbackFields on Feedback {
    databaseId body source state classification signalCategory severity
    user { email }
    groupKey groupSize firstSeen lastSeen burst createdAt updatedAt
  }
`);


const shapeFeedback = (node: RestFeedbackFieldsFragment) => ({
  id: node.databaseId,
  body: node.body,
  source: lower(node.source),
  state: lower(node.state),
  classification: lower(node.classification) ?? null,
  signal_category: lower(node.signalCategory) ?? null,
  severity: node.severity,
  user_email: node.user?.email ?? null,
  group_key: node.groupKey ?? null,
  group_size: node.groupSize,
  first_seen: node.firstSeen,
  last_seen: node.lastSeen,
  burst: node.burst,
  created_at: node.createdAt,
  updated_at: node.updatedAt,
});


export const listFeedback = pagedRoute({
  path: '/admin/feedback',
  operationId: 'listFeedback',
  tag: 'Feedback',
  summary: 'User reports and security probes, highest severity first',
  parameters: {
    state: oneOf({ description: 'Triage state.', values: STATES }),
    classification: oneOf({ description: 'Security probe group.', values: CLASSIFICATIONS }),
    signal_category: oneOf({ description: 'Signal quality category.', values: CATEGORIES }),
    min_severity: integerParameter({ description: 'This severity or higher (1–4, default 1).', minimum: 1, maximum: 4, default: 1 }),
    q: text({ description: 'Case-insensitive text in the body.', maxLength: 200 }),
    hours: integerParameter({ description: 'Stored in the last N hours (default: 720, 30 days).', minimum: 1, maximum: 8760, default: 720 }),
    order: oneOf({ description: 'severity (default: severity, then newest) or newest.', values: ['severity', 'newest'] as const }),
  },
  document: graphql(`
    query RestAdminFeedback($first: Int!, $offset: Int, $filter: FeedbackFilter, $orderBy: FeedbackOrder) {
      feedback(first: $first, offset: $offset, filter: $filter, orderBy: $orderBy) {
        totalCount
        edges { node { ...RestFeedbackFields } }
      }
    }
  `),
  filters: ({ state, classification, signal_category, min_severity, q, hours: window, order }) => ({
    orderBy: order === 'newest' ? ('NEWEST_FIRST' as const) : ('SEVERITY_THEN_NEWEST' as const),
    filter: {
      hours: window,
      minSeverity: min_severity,
      ...(state ? { state: upper(state) } : {}),
      ...(classification ? { classification: upper(classification) } : {}),
      ...(signal_category ? { signalCategory: upper(signal_category) } : {}),
      ...(q ? { search: q } : {}),
    },
  }),
  shape: (data, paged) => ({
    feedback: data.feedback.edges.map(({ node }) => shapeFeedback(node)),
    ...pageFields(data.feedback, paged),
  }),
  argumentParameters: { 'filter.hours': 'hours', 'filter.search': 'q', 'filter.minSeverity': 'min_severity' },
  response: {
    description: 'A page of feedback within the window, with classification and duplicate-group hints.',
    schema: pageOf('feedback', feedbackItem),
  },
});

export const updateFeedbackState = route({
  method: 'PATCH',
  path: '/admin/feedback/{id}',
  operationId: 'updateFeedbackState',
  tag: 'Feedback',
  summary: 'Move a report along its triage workflow',
  description: 'Body `{"state": "triaged"}`. open → triaged → in_progress → done → archived; skipping ahead is allowed, moving back is not, archived only from done. Audited.',
  parameters: {
    id: uuidInPath({ description: 'The feedback id.' }),
    state: requiredBodyField({ description: 'The new state.', values: STATES }),
  },
  document: graphql(`
    mutation RestUpdateFeedbackState($id: ID!, $state: FeedbackState!) {
      updateFeedbackState(id: $id, state: $state) {
        changedCount
        feedback { ...RestFeedbackFields }
      }
    }
  `),
  variables: ({ id, state }) => ({ id: encodeGlobalID('Feedback', id), state: upper(state) }),
  shape: (data) => ({ feedback: shapeFeedback(data.updateFeedbackState.feedback!), changed: data.updateFeedbackState.changedCount > 0 }),
  argumentParameters: { state: 'state', id: 'id' },
  notFoundDetail: 'Feedback not found',
  response: {
    description: 'The report after the move; `changed` is false when it already was in that state.',
    schema: object({ feedback: feedbackItem, changed: boolean_ }),
  },
});

export const feedbackRoutes = [listFeedback, updateFeedbackState];
