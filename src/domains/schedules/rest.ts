import { z } from 'zod';
import { graphql } from '../../generated/gql';
import { integer as integerParameter } from '../../rest/parameters';
import { route } from '../../rest/route';
import { boolean_, dateTime, integer, nullable, object, string, uuid } from '../../rest/shapes';

export const temporalSchedules = route({
  method: 'GET',
  path: '/admin/temporal/schedules',
  operationId: 'listTemporalSchedules',
  tag: 'Temporal',
  summary: 'Temporal schedules with their task, cron, state, recent runs and next run',
  description: 'One ListSchedules call to Temporal. cron is the task\'s own cron text; total counts the tasks with a Temporal schedule id (the database\'s count). 503 with Retry-After while Temporal is not configured or does not answer.',
  parameters: { limit: integerParameter({ description: 'Number of schedules (default: 100, max: 100).', minimum: 1, maximum: 100, default: 100 }) },
  document: graphql(`
    query RestTemporalSchedules($first: Int!) {
      schedules(first: $first) {
        totalCount
        edges {
          node {
            scheduleId cron isPaused recentExecutions nextRunTime temporalUiUrl
            task { databaseId }
            user { email }
          }
        }
      }
    }
  `),
  variables: ({ limit }) => ({ first: limit }),
  shape: (data) => ({
    schedules: (data.schedules?.edges ?? []).map(({ node }) => ({
      schedule_id: node.scheduleId,
      task_id: node.task?.databaseId ?? null,
      user_email: node.user?.email ?? null,
      cron: node.cron ?? null,
      is_paused: node.isPaused,
      recent_executions: node.recentExecutions,
      next_run_time: node.nextRunTime ?? null,
      temporal_ui_url: node.temporalUiUrl ?? null,
    })),
    total: data.schedules?.totalCount ?? 0,
  }),
  argumentParameters: { first: 'limit' },
  dependencyErrors: ['TEMPORAL_UNAVAILABLE'],
  response: {
    description: 'Temporal schedules, in Temporal\'s order.',
    example: {
      schedules: [{
        schedule_id: 'task-550e8400-e29b-41d4-a716-446655440000', task_id: '550e8400-e29b-41d4-a716-446655440000', user_email: 'user@example.com',
        cron: '0 9 * * *', is_paused: false, recent_executions: 10, next_run_time: '2024-01-16T09:00:00.000Z',
        temporal_ui_url: 'https://cloud.temporal.io/namespaces/torale.abc123/schedules/task-550e8400-e29b-41d4-a716-446655440000',
      }],
      total: 3891,
    },
    schema: object({
      schedules: z.array(
        object({
          schedule_id: string,
          task_id: nullable(uuid),
          user_email: nullable(string),
          cron: nullable(string),
          is_paused: boolean_,
          recent_executions: integer,
          next_run_time: nullable(dateTime),
          temporal_ui_url: nullable(string),
        }),
      ),
      total: integer.describe('Tasks with a Temporal schedule id, as the database knows them.'),
    }),
  },
});
