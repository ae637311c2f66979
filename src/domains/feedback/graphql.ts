import type { FeedbackRow } from '../../db/tables';
import { builder } from '../../core/builder';
import { feedbackAdded } from './live';
import { subscribeToRows } from '../../core/live-loaders';
import { rowsById } from '../../core/loaders';
import { User } from '../users/graphql';

export const FeedbackSourceEnum = builder.enumType('FeedbackSource', {
  values: { WEB: { value: 'web' }, API: { value: 'api' }, EXTENSION: { value: 'extension' }, EMAIL: { value: 'email' } } as const,
});

export const FeedbackStateEnum = builder.enumType('FeedbackState', {
  values: {
    OPEN: { value: 'open' },
    TRIAGED: { value: 'triaged' },
    IN_PROGRESS: { value: 'in_progress' },
    DONE: { value: 'done' },
    ARCHIVED: { value: 'archived' },
  } as const,
});

export const FeedbackClassificationEnum = builder.enumType('FeedbackClassification', {
  description: 'What kind of security probe a report is.',
  values: {
    SCRIPT: { value: 'script' },
    COMMAND: { value: 'command' },
    SQL: { value: 'sql' },
    TEMPLATE: { value: 'template' },
    PATH: { value: 'path' },
    FUZZ: { value: 'fuzz' },
  } as const,
});

export const FeedbackSignalCategoryEnum = builder.enumType('FeedbackSignalCategory', {
  values: {
    PRODUCT_SIGNAL: { value: 'product_signal' },
    SHORT_ACTIONABLE: { value: 'short_actionable' },
    ACTIONABLE: { value: 'actionable' },
    SECURITY_PROBE: { value: 'security_probe' },
  } as const,
});

export const Feedback = builder.loadableNode('Feedback', {
  id: { resolve: (feedback: FeedbackRow) => feedback.id },
  load: (ids: string[], { db }) =>
    rowsById(ids, 'Feedback', (valid) => db.selectFrom('feedback').selectAll().where('id', 'in', valid).execute()),
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    user: t.field({ type: User, nullable: true, description: 'Who reported it, when known.', resolve: (feedback) => feedback.user_id }),
    body: t.exposeString('body'),
    source: t.expose('source', { type: FeedbackSourceEnum }),
    state: t.expose('state', { type: FeedbackStateEnum }),
    classification: t.expose('classification', {
      type: FeedbackClassificationEnum,
      nullable: true,
      description: 'Set for security probes only.',
    }),
    signalCategory: t.expose('signal_category', { type: FeedbackSignalCategoryEnum }),
    severity: t.exposeInt('severity', { description: '1 (lowest) to 4.' }),
    duplicateFingerprint: t.exposeString('duplicate_fingerprint', { nullable: true }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime' }),
  }),
});

const FeedbackAddedFilter = builder.inputType('FeedbackAddedFilter', {
  fields: (t) => ({
    signalCategory: t.field({ type: FeedbackSignalCategoryEnum, required: false }),
    classification: t.field({ type: FeedbackClassificationEnum, required: false }),
  }),
});

builder.subscriptionField('feedbackAdded', (t) =>
  t.field({
    type: Feedback,
    description: 'Each new feedback report or security probe, with its classification, as it is written.',
    args: { filter: t.arg({ type: FeedbackAddedFilter, required: false }) },
    subscribe: (_root, { filter }, context) =>
      subscribeToRows(context, feedbackAdded, {
        load: (id) => Feedback.getDataloader(context).load(id).catch(() => undefined),
        keeps: (row) => (!filter?.signalCategory || row.signal_category === filter.signalCategory)
          && (!filter?.classification || row.classification === filter.classification),
      }),
    resolve: (row: FeedbackRow) => row,
  }),
);
