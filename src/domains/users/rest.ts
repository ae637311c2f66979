import { z } from 'zod';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { graphql } from '../../generated/gql';
import { boolean, uuidInPath } from '../../rest/parameters';
import { pagedRoute, route } from '../../rest/route';
import { lower, integer, string, dateTime, nullable, object, pageFields, pageOf, uuid } from '../../rest/shapes';

export const users = pagedRoute({
  path: '/admin/users',
  operationId: 'listUsers',
  tag: 'Users',
  summary: 'All users with activity statistics, newest first',
  parameters: {
    active_only: boolean({ description: 'Show only active users (default: false).', default: false }),
  },
  document: graphql(`
    query RestAdminUsers($first: Int!, $offset: Int, $filter: UserFilter) {
      users(first: $first, offset: $offset, filter: $filter) {
        totalCount
        edges {
          node {
            databaseId email clerkUserId state createdAt lastLogin
            tasksCount activeTasksCount executions24h notifications7d
          }
        }
      }
    }
  `),
  filters: ({ active_only }) => ({ filter: active_only ? { activeOnly: true } : null }),
  shape: (data, paged) => ({
    users: data.users.edges.map(({ node }) => ({
      id: node.databaseId,
      email: node.email,
      clerk_user_id: node.clerkUserId ?? null,
      state: lower(node.state),
      tasks_count: node.tasksCount,
      active_tasks_count: node.activeTasksCount,
      executions_24h: node.executions24h,
      notifications_7d: node.notifications7d,
      created_at: node.createdAt,
      last_login: node.lastLogin ?? null,
    })),
    ...pageFields(data.users, paged),
  }),
  argumentParameters: { 'filter.activeOnly': 'active_only' },
  response: {
    description: 'A page of users, newest first.',
    example: {
      users: [{
        id: '660e8400-e29b-41d4-a716-446655440000', email: 'user@example.com', clerk_user_id: 'user_2abc', state: 'active', tasks_count: 8,
        active_tasks_count: 5, executions_24h: 45, notifications_7d: 12, created_at: '2024-01-10T08:30:00.000Z', last_login: '2024-01-15T09:00:00.000Z',
      }],
      total: 1250,
      page: 1,
      limit: 50,
    },
    schema: pageOf(
      'users',
      object({
        id: uuid,
        email: string,
        clerk_user_id: nullable(string),
        state: z.enum(['active', 'deactivated']),
        tasks_count: integer,
        active_tasks_count: integer,
        executions_24h: integer,
        notifications_7d: integer,
        created_at: dateTime,
        last_login: nullable(dateTime),
      }),
    ),
  },
});

export const deactivateUser = route({
  method: 'PATCH',
  path: '/admin/users/{id}/deactivate',
  operationId: 'deactivateUser',
  tag: 'Users',
  summary: 'Deactivate a user account (soft delete)',
  description: 'Pauses all of the user\'s tasks, revokes their API keys and queues a pause of each of their Temporal schedules (delivered by the gateway, also while Temporal is away); no data is deleted. Audited. Deactivating an already deactivated user answers 200 with tasks_paused 0.',
  parameters: { id: uuidInPath({ description: 'The user id (UUID).' }) },
  document: graphql(`
    mutation RestDeactivateUser($id: ID!) {
      deactivateUser(id: $id) {
        user { databaseId }
        tasksPaused
        schedulePausesPending
      }
    }
  `),
  variables: ({ id }) => ({ id: encodeGlobalID('User', id) }),
  shape: (data) => ({
    message: 'User deactivated successfully' as const,
    user_id: data.deactivateUser.user.databaseId,
    tasks_paused: data.deactivateUser.tasksPaused,
    schedule_pauses_pending: data.deactivateUser.schedulePausesPending,
  }),
  argumentParameters: { id: 'id' },
  notFoundDetail: 'User not found',
  response: {
    description: 'The user is deactivated.',
    example: { message: 'User deactivated successfully', user_id: '660e8400-e29b-41d4-a716-446655440000', tasks_paused: 8, schedule_pauses_pending: 8 },
    schema: object({
      message: z.literal('User deactivated successfully'),
      user_id: uuid,
      tasks_paused: integer,
      schedule_pauses_pending: integer.describe("Pauses of the user's Temporal schedules not yet accepted by Temporal; the gateway delivers them."),
    }),
  },
});
