import { encodeGlobalID } from '@pothos/plugin-relay';
import { graphql } from '../../generated/gql';
import { boolean, paging, uuidInPath } from '../../rest/parameters';
import { route } from '../../rest/route';
import { afterPage, lower, integer, string, dateTime, nullable, object, pageOf, uuid } from '../../rest/shapes';

export const users = route({
  method: 'GET',
  path: '/admin/users',
  operationId: 'listUsers',
  tag: 'Users',
  summary: 'All users with activity statistics, newest first',
  parameters: {
    active_only: boolean({ description: 'Show only active users (default: false).', default: false }),
    ...paging,
  },
  document: graphql(`
    query RestAdminUsers($first: Int!, $after: String, $filter: UserFilter) {
      users(first: $first, after: $after, filter: $filter) {
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
  variables: ({ active_only, page, limit }) => ({ first: limit, after: afterPage(page, limit), filter: active_only ? { activeOnly: true } : null }),
  shape: (data, { page, limit }) => ({
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
    total: data.users.totalCount,
    page,
    limit,
  }),
  argumentParameters: { first: 'limit', after: 'page', 'filter.activeOnly': 'active_only' },
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
        state: { type: 'string', enum: ['active', 'deactivated'] },
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
  description: 'Pauses all of the user\'s tasks and revokes their API keys; no data is deleted. Audited. Deactivating an already deactivated user answers 200 with tasks_paused 0.',
  parameters: { id: uuidInPath({ description: 'The user id (UUID).' }) },
  document: graphql(`
    mutation RestDeactivateUser($id: ID!) {
      deactivateUser(id: $id) {
        user { databaseId }
        tasksPaused
      }
    }
  `),
  variables: ({ id }) => ({ id: encodeGlobalID('User', id) }),
  shape: (data) => ({ message: 'User deactivated successfully', user_id: data.deactivateUser.user.databaseId, tasks_paused: data.deactivateUser.tasksPaused }),
  argumentParameters: { id: 'id' },
  notFoundDetail: 'User not found',
  response: {
    description: 'The user is deactivated.',
    example: { message: 'User deactivated successfully', user_id: '660e8400-e29b-41d4-a716-446655440000', tasks_paused: 8 },
    schema: object({ message: { type: 'string', const: 'User deactivated successfully' }, user_id: uuid, tasks_paused: integer }),
  },
});
