import { sql } from 'kysely';
import { builder } from '../../core/builder';
import type { GatewayContext } from '../../core/context';
import { byKey, perRequestLoader } from '../../core/loaders';
import type { ConnectionArguments } from '../../core/pagination';
import { fromTemporal } from '../../core/temporal-fields';
import { temporalConnection } from '../../core/temporal-pages';
import type { TaskRow } from '../../db/tables';
import { Task } from '../tasks/graphql';
import { User } from '../users/graphql';
import { describeSchedules, listSchedules, type ScheduleAction, scheduleQuery, type ScheduleSummary } from './temporal-schedules';

/** Tasks by their Temporal schedule id, one statement per page of schedules; null for a schedule no task has. */
const taskByScheduleId = perRequestLoader<string, TaskRow | null>(async (scheduleIds, { db }) => {
  const rows = await db.selectFrom('tasks').selectAll().where('temporal_schedule_id', 'in', [...scheduleIds]).execute();
  return byKey(scheduleIds, rows, (row) => row.temporal_schedule_id as string, (row) => row, null);
});

/** DescribeSchedule for Task.schedule: the schedules of one request batched, at most TEMPORAL_DESCRIBE_CONCURRENCY at a time. */
const describedSchedule = perRequestLoader<string, ScheduleSummary | null>((scheduleIds, context) =>
  describeSchedules(context.temporal, scheduleIds, context.temporalDescribeConcurrency),
);

const ScheduleActionType = builder.objectRef<ScheduleAction>('ScheduleAction').implement({
  description: 'A workflow run the schedule started.',
  fields: (t) => ({
    scheduledAt: t.expose('scheduledAt', { type: 'DateTime', nullable: true }),
    takenAt: t.expose('takenAt', { type: 'DateTime', nullable: true }),
    workflowId: t.exposeString('workflowId', { nullable: true }),
    runId: t.exposeString('runId', { nullable: true }),
  }),
});

export const Schedule = builder.objectRef<ScheduleSummary>('Schedule').implement({
  description: 'A Temporal schedule (a task runs on one: its id is the task\'s temporalScheduleId).',
  fields: (t) => ({
    scheduleId: t.exposeString('scheduleId'),
    task: t.field({ type: Task, nullable: true, resolve: (schedule, _args, context) => taskByScheduleId(context).load(schedule.scheduleId) }),
    user: t.field({
      type: User,
      nullable: true,
      description: "The task's owner.",
      resolve: async (schedule, _args, context) => (await taskByScheduleId(context).load(schedule.scheduleId))?.user_id ?? null,
    }),
    cron: t.string({
      nullable: true,
      description: "The cron text of the task's own schedule column (Temporal keeps a calendar, not the text it was given).",
      resolve: async (schedule, _args, context) => (await taskByScheduleId(context).load(schedule.scheduleId))?.schedule ?? null,
    }),
    spec: t.exposeString('spec', { nullable: true, description: "Temporal's spec: calendars in cron notation, intervals as \"every Ns\"." }),
    isPaused: t.exposeBoolean('isPaused'),
    notes: t.exposeString('notes', { nullable: true, description: 'The note of the last pause or unpause.' }),
    workflowType: t.exposeString('workflowType', { nullable: true }),
    recentExecutions: t.int({
      description: 'Runs among the recent actions Temporal reports (it keeps the last 10).',
      resolve: (schedule) => schedule.recentActions.length,
    }),
    recentActions: t.field({ type: [ScheduleActionType], resolve: (schedule) => schedule.recentActions }),
    nextRunTime: t.field({ type: 'DateTime', nullable: true, description: 'Null while paused.', resolve: (schedule) => schedule.futureRunTimes[0] ?? null }),
    futureRunTimes: t.field({ type: ['DateTime'], resolve: (schedule) => schedule.futureRunTimes }),
    temporalUiUrl: t.string({ nullable: true, resolve: (schedule, _args, context) => context.temporal.scheduleUrl(schedule.scheduleId) }),
  }),
});

const ScheduleConnection = builder.connectionObject(
  {
    type: Schedule,
    name: 'ScheduleConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Tasks with a Temporal schedule id matching the filter, as the database knows them (not a Temporal count).',
        resolve: (connection) => connection.totalCount(),
      }),
    }),
  },
  { name: 'ScheduleEdge' },
);

const ScheduleFilter = builder.inputType('ScheduleFilter', {
  fields: (t) => ({
    paused: t.boolean({ required: false, description: 'true: paused schedules only; false: active ones only.' }),
    userId: t.globalID({ for: User, required: false, description: 'A User ID: only the schedules of their tasks.' }),
  }),
});

/** The schedules connection: one ListSchedules call per page (also what REST /admin/temporal/schedules reads). */
export async function schedulesConnection(context: GatewayContext, args: ConnectionArguments & { filter?: typeof ScheduleFilter.$inferInput | null }) {
  const paused = args.filter?.paused ?? null;
  const userId = args.filter?.userId?.id ?? null;
  let tasks = context.db.selectFrom('tasks').where('temporal_schedule_id', 'is not', null);
  if (userId) tasks = tasks.where('user_id', '=', userId);
  const knownTasks = paused === null ? tasks : tasks.where('state', '=', paused ? 'paused' : 'active');
  const totalCount = async () => (await knownTasks.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow()).count;
  const scheduleIds = userId ? (await tasks.select('temporal_schedule_id').orderBy('temporal_schedule_id').execute()).map((row) => row.temporal_schedule_id as string) : null;
  const query = scheduleQuery({ paused, scheduleIds });
  return fromTemporal(() =>
    temporalConnection({
      args,
      query,
      // A user without scheduled tasks has no schedules: no need to ask Temporal.
      fetch: (pageSize, token) => (scheduleIds?.length === 0 ? Promise.resolve({ items: [], nextPageToken: null }) : listSchedules(context.temporal, query, pageSize, token)),
      totalCount,
    }),
  );
}

builder.queryField('schedules', (t) =>
  t.connection(
    {
      type: Schedule,
      nullable: true,
      description: 'Temporal schedules with their spec, state, recent runs and next run, one ListSchedules call per page. Pages forward only. TEMPORAL_UNAVAILABLE when Temporal is not configured or does not answer.',
      args: { filter: t.arg({ type: ScheduleFilter, required: false }) },
      resolve: (_root, args, context) => schedulesConnection(context, args),
    },
    ScheduleConnection,
  ),
);

builder.objectField(Task, 'schedule', (t) =>
  t.field({
    type: Schedule,
    nullable: true,
    description: "The task's Temporal schedule (DescribeSchedule, batched per request); null when it has none or Temporal does not know it.",
    resolve: (task, _args, context) =>
      task.temporal_schedule_id ? fromTemporal(() => describedSchedule(context).load(task.temporal_schedule_id as string)) : null,
  }),
);
