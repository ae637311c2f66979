import type { FeedbackRow } from '../../db/tables';
import { builder } from '../../core/builder';
import { badInput, notFound } from '../../core/errors';
import { Feedback, FeedbackStateEnum } from './graphql';
import { databaseIdOf } from '../../core/global-ids';
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
      id: t.arg.id({ required: false, description: 'A Feedback ID.' }),
      groupKey: t.arg.string({ required: false, description: 'A FeedbackGroup groupKey.' }),
      state: t.arg({ type: FeedbackStateEnum, required: true }),
    },
    resolve: async (_root, args, context) => {
      if ((args.id == null) === (args.groupKey == null)) throw badInput('id', 'give exactly one of id and groupKey');
      const target = args.id != null
        ? { feedbackId: databaseIdOf('id', String(args.id), 'Feedback') }
        : { groupKey: /^[0-9a-f]{16}$/.test(args.groupKey!) ? args.groupKey! : (() => { throw badInput('groupKey', 'is not a group key (16 hexadecimal digits)'); })() };
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
