import { builder } from '../../core/builder';
import { between } from '../../core/filters';
import { perRequestLoader } from '../../core/loaders';
import type { GatewayContext } from '../../core/context';
import { type ExecutionFigures, type Figure, type FigureKey, type FigureOf, type NotificationFigures, type PopularQuery as PopularQueryRow, readFigures, type TaskFigures, type UserFigures } from './figures';

/** Every part of Query.stats that one operation asks for, read in one statement. */
const figures = perRequestLoader<FigureKey, Figure>((keys, { db, now }) => readFigures(db, now, keys));
const figure = <Key extends FigureKey>(context: GatewayContext, key: Key) => figures(context).load(key) as Promise<FigureOf<Key>>;

const UserStats = builder.objectRef<UserFigures>('UserStats').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    active30d: t.exposeInt('active30d', { description: 'Users who logged in within the last 30 days.' }),
    new7d: t.exposeInt('new7d', { description: 'Users created within the last 7 days.' }),
  }),
});

const TaskStats = builder.objectRef<TaskFigures>('TaskStats').implement({
  fields: (t) => ({ total: t.exposeInt('total'), active: t.exposeInt('active'), paused: t.exposeInt('paused') }),
});

const ExecutionStats = builder.objectRef<ExecutionFigures>('ExecutionStats').implement({
  description: 'Executions started in the last 24 hours.',
  fields: (t) => ({
    total24h: t.exposeInt('total24h'),
    success24h: t.exposeInt('success24h'),
    failed24h: t.exposeInt('failed24h'),
    avgDurationMs: t.exposeInt('avgDurationMs', { nullable: true, description: 'Mean duration of those that recorded one; null when none did.' }),
  }),
});

const NotificationStats = builder.objectRef<NotificationFigures>('NotificationStats').implement({
  description: 'Notifications sent to users (not platform alerts).',
  fields: (t) => ({ sent24h: t.exposeInt('sent24h'), sent7d: t.exposeInt('sent7d') }),
});

const PopularQuery = builder.objectRef<PopularQueryRow>('PopularQuery').implement({
  fields: (t) => ({
    query: t.exposeString('query'),
    count: t.exposeInt('count', { description: 'Tasks watching this search query.' }),
  }),
});

const MAX_POPULAR_QUERIES = 100;

/** Each part is read only when selected; all selected parts in one statement. */
const PlatformStats = builder.objectRef<Record<string, never>>('PlatformStats').implement({
  description: 'Platform-wide figures at the time of the request.',
  fields: (t) => ({
    users: t.field({ type: UserStats, resolve: (_stats, _args, context) => figure(context, 'users') }),
    tasks: t.field({ type: TaskStats, resolve: (_stats, _args, context) => figure(context, 'tasks') }),
    executions: t.field({ type: ExecutionStats, resolve: (_stats, _args, context) => figure(context, 'executions') }),
    notifications: t.field({
      type: NotificationStats,
      resolve: (_stats, _args, context) => figure(context, 'notifications'),
    }),
    popularQueries: t.field({
      type: [PopularQuery],
      description: 'Search queries watched by the most tasks, most first (ties by query text).',
      args: { limit: t.arg.int({ required: false, defaultValue: 10, validate: between(1, MAX_POPULAR_QUERIES) }) },
      resolve: (_stats, { limit }, context) => figure(context, `popularQueries:${limit ?? 10}`),
    }),
  }),
});

builder.queryField('stats', (t) => t.field({ type: PlatformStats, description: 'Platform-wide figures.', resolve: () => ({}) }));
