import { graphql } from '../generated/gql';
import { positionCursor } from '../graphql/pagination';
import { boolean, paging } from './parameters';
import { type JsonSchema, type Route, route } from './route';

/** Run by routes that read no data (the OpenAPI document) so that the GraphQL auth and limits still decide. */
export const AUTH_CHECK = graphql(`
  query RestAuthCheck {
    __typename
  }
`);

/** Keyset cursor "after the rows of the earlier pages": REST page/limit onto any connection. */
const afterPage = (page: number, limit: number) => (page > 1 ? positionCursor((page - 1) * limit) : null);
const lower = <Value extends string | null | undefined>(value: Value) => value?.toLowerCase() as Value;

const integer: JsonSchema = { type: 'integer' };
const string: JsonSchema = { type: 'string' };
const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type as string, 'null'] });
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const pageOf = (key: string, item: JsonSchema): JsonSchema =>
  object({ [key]: { type: 'array', items: item }, total: { ...integer, description: 'Rows matching the filter (not the page length).' }, page: integer, limit: integer });

const users = route({
  method: 'GET',
  path: '/admin/users',
  operationId: 'listUsers',
  tag: 'Users',
  summary: 'List all users with activity statistics',
  parameters: {
    active_only: boolean({ description: 'Show only active users (default: false).', default: false }),
    ...paging,
  },
  document: graphql(`
    query RestAdminUsers($first: Int!, $after: String, $filter: UserFilter) {
      users(first: $first, after: $after, filter: $filter) {
        totalCount
        edges {
          node { id email clerkUserId state createdAt lastLogin }
        }
      }
    }
  `),
  variables: ({ active_only, page, limit }) => ({ first: limit, after: afterPage(page, limit), filter: active_only ? { activeOnly: true } : null }),
  shape: (data, { page, limit }) => ({
    users: data.users.edges.map(({ node }) => ({
      id: node.id,
      email: node.email,
      clerk_user_id: node.clerkUserId ?? null,
      state: lower(node.state),
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
    schema: pageOf(
      'users',
      object({
        id: { type: 'string', format: 'uuid' },
        email: string,
        clerk_user_id: nullable(string),
        state: { type: 'string', enum: ['active', 'deactivated'] },
        created_at: dateTime,
        last_login: nullable(dateTime),
      }),
    ),
  },
});

export const routes: Route[] = [users] as Route[];
