import { sql } from 'kysely';
import type { FeedbackRow } from '../../db/tables';
import { builder, connectionOf } from '../../core/builder';
import type { GatewayContext } from '../../core/context';
import {
  Feedback,
  FeedbackClassificationEnum,
  FeedbackSignalCategoryEnum,
  FeedbackStateEnum,
} from './graphql';
import { between, containsPattern, groupKey, textOfAtMost, timeWindow, timeWindowRules, windowHours } from '../../core/filters';
import { defineList, offsetArgument } from '../../core/lists';
import type { ConnectionArguments } from '../../core/pagination';

export const FeedbackConnection = connectionOf(Feedback, 'Feedback');

export const FeedbackOrderEnum = builder.enumType('FeedbackOrder', {
  values: {
    SEVERITY_THEN_NEWEST: { value: 'severity', description: 'Highest severity first, newest first within a severity (the triage queue).' },
    NEWEST_FIRST: { value: 'newest' },
  } as const,
});

export const FeedbackFilter = builder.inputType('FeedbackFilter', {
  validate: timeWindowRules,
  fields: (t) => ({
    state: t.field({ type: FeedbackStateEnum, required: false }),
    classification: t.field({ type: FeedbackClassificationEnum, required: false, description: 'Security probes of this group only.' }),
    signalCategory: t.field({ type: FeedbackSignalCategoryEnum, required: false }),
    minSeverity: t.int({ required: false, validate: between(1, 4), description: '1–4: this severity or higher.' }),
    groupKey: t.string({ required: false, validate: groupKey, description: 'Only reports of this duplicate group.' }),
    search: t.string({ required: false, validate: textOfAtMost(), description: 'Case-insensitive substring of the body (at most 200 characters).' }),
    hours: t.int({ required: false, validate: windowHours, description: 'Stored within the last N hours (1–8760); not with since/until.' }),
    since: t.field({ type: 'DateTime', required: false, description: 'Stored at or after this time.' }),
    until: t.field({ type: 'DateTime', required: false, description: 'Stored before this time.' }),
  }),
});

export type FeedbackFilterInput = typeof FeedbackFilter.$inferInput;

export type FeedbackListArguments = ConnectionArguments & { filter?: FeedbackFilterInput | null; orderBy?: 'severity' | 'newest' | null };

/** Reports within a filter (validated on its input type, before any resolver). */
export function filteredFeedback(context: GatewayContext, filter: FeedbackFilterInput) {
  let rows = context.db.selectFrom('feedback').selectAll('feedback');
  const { from, to } = timeWindow(filter, context.now);
  if (filter.state) rows = rows.where('feedback.state', '=', filter.state);
  if (filter.classification) rows = rows.where('feedback.classification', '=', filter.classification);
  if (filter.signalCategory) rows = rows.where('feedback.signal_category', '=', filter.signalCategory);
  if (filter.minSeverity != null) rows = rows.where('feedback.severity', '>=', filter.minSeverity);
  if (filter.groupKey != null) rows = rows.where('feedback.duplicate_fingerprint', '=', filter.groupKey);
  if (filter.search) rows = rows.where(sql<boolean>`feedback.body ilike ${containsPattern(filter.search)}`);
  if (from) rows = rows.where('feedback.created_at', '>=', from);
  if (to) rows = rows.where('feedback.created_at', '<', to);
  return rows;
}

const recency = [{ column: 'feedback.created_at', type: 'timestamptz' }, { column: 'feedback.id', type: 'uuid' }] as const;

const feedbackList = defineList({
  name: 'feedback',
  rows: (context: GatewayContext, args: FeedbackListArguments) => filteredFeedback(context, args.filter ?? {}),
  orderings: {
    severity: { direction: 'desc', keys: [{ column: 'feedback.severity', type: 'integer' }, ...recency] },
    newest: { direction: 'desc', keys: recency },
  },
});

builder.queryField('feedback', (t) =>
  t.connection(
    {
      type: Feedback,
      description: 'User reports and security probes (feedback mode). Severity then recency by default.',
      args: {
        filter: t.arg({ type: FeedbackFilter, required: false }),
        orderBy: t.arg({ type: FeedbackOrderEnum, required: false, description: 'SEVERITY_THEN_NEWEST by default.' }),
        ...offsetArgument,
      },
      resolve: (_root, args, context) => feedbackList.connection(context, args),
    },
    FeedbackConnection,
  ),
);
