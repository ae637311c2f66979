import { sql } from 'kysely';
import type { FeedbackGroupRow, FeedbackRow } from '../../db/tables';
import { builder, connectionOf } from '../../core/builder';
import { atLeast } from '../../core/filters';
import { Feedback, FeedbackClassificationEnum, FeedbackSignalCategoryEnum } from './graphql';
import { byKey, perRequestLoader } from '../../core/loaders';
import type { GatewayContext } from '../../core/context';
import { defineList, type FilteredListArguments } from '../../core/lists';

/** A burst: at least this many reports of one group within BURST_WINDOW_MINUTES of each other (migration 0041 uses the same). */
export const BURST_SIZE = 3;
export const BURST_WINDOW_MINUTES = 10;

const groupByKey = perRequestLoader<string, FeedbackGroupRow | null>(async (keys, { db }) => {
  const rows = await db.selectFrom('feedback_groups').selectAll().where('group_key', 'in', [...keys]).execute();
  return byKey(keys, rows, (row) => row.group_key, (row) => row, null);
});

/** Whether each report has at least BURST_SIZE reports of its group within the window around it (itself included). */
const inBurstById = perRequestLoader<string, boolean>(async (ids, { db }) => {
  const rows = await sql<{ id: string; burst: boolean }>`
    select f.id, f.duplicate_fingerprint is not null and (
             select count(*) from feedback g
              where g.duplicate_fingerprint = f.duplicate_fingerprint
                and g.created_at between f.created_at - make_interval(mins => ${BURST_WINDOW_MINUTES}) and f.created_at + make_interval(mins => ${BURST_WINDOW_MINUTES})
           ) >= ${BURST_SIZE} as burst
      from feedback f where f.id = any(${sql.val([...ids])}::uuid[])`.execute(db);
  return byKey(ids, rows.rows, (row) => row.id, (row) => row.burst, false);
});

/** Open reports per group, for "triage once". */
const openCountByGroup = perRequestLoader<string, number>(async (keys, { db }) => {
  const rows = await db
    .selectFrom('feedback')
    .select(['duplicate_fingerprint as key', sql<number>`count(*)::int`.as('count')])
    .where('duplicate_fingerprint', 'in', [...keys])
    .where('state', '=', 'open')
    .groupBy('duplicate_fingerprint')
    .execute();
  return byKey(keys, rows, (row) => row.key as string, (row) => row.count, 0);
});

const latestByGroup = perRequestLoader<string, FeedbackRow | null>(async (keys, { db }) => {
  const rows = await db
    .selectFrom('feedback')
    .selectAll()
    .distinctOn('duplicate_fingerprint')
    .where('duplicate_fingerprint', 'in', [...keys])
    .orderBy('duplicate_fingerprint')
    .orderBy('created_at', 'desc')
    .execute();
  return byKey(keys, rows, (row) => row.duplicate_fingerprint as string, (row) => row, null);
});

export const FeedbackGroup = builder.objectRef<FeedbackGroupRow>('FeedbackGroup').implement({
  description: 'Reports sharing one normalised fingerprint (duplicates, and probes repeated in bursts), to be triaged once.',
  fields: (t) => ({
    groupKey: t.exposeString('group_key', { description: 'The shared fingerprint; pass it to updateFeedbackState or filter.groupKey.' }),
    size: t.exposeInt('size'),
    firstSeen: t.expose('first_seen', { type: 'DateTime' }),
    lastSeen: t.expose('last_seen', { type: 'DateTime' }),
    burst: t.exposeBoolean('burst', { description: `Whether ${BURST_SIZE} or more of its reports ever arrived within ${BURST_WINDOW_MINUTES} minutes.` }),
    classification: t.expose('classification', { type: FeedbackClassificationEnum, nullable: true }),
    signalCategory: t.expose('signal_category', { type: FeedbackSignalCategoryEnum, nullable: true }),
    openCount: t.int({ description: 'Reports of the group still open.', resolve: (group, _args, context) => openCountByGroup(context).load(group.group_key) }),
    latest: t.field({ type: Feedback, description: 'The most recent report of the group.', resolve: async (group, _args, context) => (await latestByGroup(context).load(group.group_key))! }),
  }),
});

builder.objectFields(Feedback, (t) => ({
  classifiedAt: t.expose('classified_at', { type: 'DateTime', nullable: true, description: 'When the classifier labelled it; null for a moment after it is stored.' }),
  groupKey: t.exposeString('duplicate_fingerprint', { nullable: true, description: 'Its duplicate group (null until classified).' }),
  group: t.field({
    type: FeedbackGroup,
    nullable: true,
    resolve: (feedback, _args, context) => (feedback.duplicate_fingerprint ? groupByKey(context).load(feedback.duplicate_fingerprint) : null),
  }),
  groupSize: t.int({ resolve: async (feedback, _args, context) => (feedback.duplicate_fingerprint ? ((await groupByKey(context).load(feedback.duplicate_fingerprint))?.size ?? 1) : 1) }),
  firstSeen: t.field({
    type: 'DateTime',
    description: 'First report of its group (itself when alone).',
    resolve: async (feedback, _args, context) => (feedback.duplicate_fingerprint ? (await groupByKey(context).load(feedback.duplicate_fingerprint))?.first_seen : undefined) ?? feedback.created_at,
  }),
  lastSeen: t.field({
    type: 'DateTime',
    description: 'Latest report of its group (itself when alone).',
    resolve: async (feedback, _args, context) => (feedback.duplicate_fingerprint ? (await groupByKey(context).load(feedback.duplicate_fingerprint))?.last_seen : undefined) ?? feedback.created_at,
  }),
  burst: t.boolean({
    description: `Part of a burst: ${BURST_SIZE} or more reports of its group within ${BURST_WINDOW_MINUTES} minutes of it (itself included).`,
    resolve: (feedback, _args, context) => inBurstById(context).load(feedback.id),
  }),
}));

const FeedbackGroupFilter = builder.inputType('FeedbackGroupFilter', {
  fields: (t) => ({
    minSize: t.int({ required: false, validate: atLeast(1), description: 'At least this many reports (default 2: a lone report is not a group).' }),
    burstOnly: t.boolean({ required: false }),
    classification: t.field({ type: FeedbackClassificationEnum, required: false }),
    signalCategory: t.field({ type: FeedbackSignalCategoryEnum, required: false }),
  }),
});

type FeedbackGroupListArguments = FilteredListArguments<typeof FeedbackGroupFilter.$inferInput>;

const feedbackGroupList = defineList({
  name: 'feedbackGroups',
  rows: ({ db }: GatewayContext, args: FeedbackGroupListArguments) => {
    const filter = args.filter ?? {};
    const minSize = filter.minSize ?? 2;
    let rows = db.selectFrom('feedback_groups').selectAll('feedback_groups').where('feedback_groups.size', '>=', minSize).where('feedback_groups.size', '>', 0);
    if (filter.burstOnly) rows = rows.where('feedback_groups.burst', '=', true);
    if (filter.classification) rows = rows.where('feedback_groups.classification', '=', filter.classification);
    if (filter.signalCategory) rows = rows.where('feedback_groups.signal_category', '=', filter.signalCategory);
    return rows;
  },
  orderings: { lastSeen: { direction: 'desc', keys: [{ column: 'feedback_groups.last_seen', type: 'timestamptz' }, { column: 'feedback_groups.group_key', type: 'text' }] } },
});

builder.queryField('feedbackGroups', (t) =>
  t.connection(
    {
      type: FeedbackGroup,
      description: 'Duplicate and burst groups, most recently seen first.',
      args: { filter: t.arg({ type: FeedbackGroupFilter, required: false }) },
      resolve: (_root, args, context) => feedbackGroupList.connection(context, args),
    },
    connectionOf(FeedbackGroup, 'FeedbackGroup'),
  ),
);
