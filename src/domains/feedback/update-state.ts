import { z } from 'zod';
import type { FeedbackRow } from '../../db/tables';
import { builder } from '../../core/builder';
import { badInput, notFound } from '../../core/errors';
import { Feedback, FeedbackStateEnum } from './graphql';
import { groupKey } from '../../core/filters';
import { FeedbackTargetNotFound, IllegalFeedbackMove, moveFeedback, type TriageResult } from './triage';

const UpdateFeedbackStatePayload = builder.objectRef<TriageResult>('UpdateFeedbackStatePayload').implement({
  fields: (t) => ({
    state: t.expose('state', { type: FeedbackStateEnum }),
    groupKey: t.exposeString('groupKey', { nullable: true }),
    feedback: t.field({ type: Feedback, nullable: true, description: 'The report named by id, as it is now (null for a group move).', resolve: (result) => result.feedbackId }),
    changed: t.field({ type: [Feedback], description: 'Reports moved, as they are now.', resolve: (result) => result.changed as FeedbackRow[] }),
    changedCount: t.int({ resolve: (result) => result.changed.length }),
    unchangedCount: t.int({ description: 'Reports already in the state (left alone, not audited).', resolve: (result) => result.unchanged }),
  }),
});

builder.mutationField('updateFeedbackState', (t) =>
  t.field({
    type: UpdateFeedbackStatePayload,
    description:
      'Moves one report (id) or every report of a duplicate group (groupKey) along open → triaged → in_progress → done → archived, ' +
      'skipping ahead allowed, never back, archived only from done. One transaction: one illegal move refuses the whole group; ' +
      'each moved report is audited (feedback.state_change) in it.',
    args: {
      id: t.arg.globalID({ for: Feedback, required: false, description: 'A Feedback ID.' }),
      groupKey: t.arg.string({ required: false, validate: groupKey, description: 'A FeedbackGroup groupKey.' }),
      state: t.arg({ type: FeedbackStateEnum, required: true }),
    },
    validate: z
      .looseObject({ id: z.unknown().optional(), groupKey: z.unknown().optional() })
      .refine((args) => (args.id == null) !== (args.groupKey == null), { path: ['id'], error: 'give exactly one of id and groupKey' }),
    resolve: async (_root, args, context) => {
      const target = args.id != null ? { feedbackId: args.id.id } : { groupKey: args.groupKey! };
      try {
        return await moveFeedback(context.db, context, target, args.state);
      } catch (error) {
        if (error instanceof IllegalFeedbackMove) throw badInput('state', error.message);
        if (error instanceof FeedbackTargetNotFound) throw notFound(error.message);
        throw error;
      }
    },
  }),
);
