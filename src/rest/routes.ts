import { graphql } from '../generated/gql';
import { errors, executions } from '../domains/executions/rest';
import { queries } from '../domains/search-queries/rest';
import { stats } from '../domains/stats/rest';
import { deactivateUser, users } from '../domains/users/rest';
import type { Route } from './route';

/** Run by routes that read no data (the OpenAPI document) so that the GraphQL auth and limits still decide. */
export const AUTH_CHECK = graphql(`
  query RestAuthCheck {
    __typename
  }
`);

/** Every /admin route, collected from the domains; a new route is one entry in its domain's rest.ts and one here. */
export const routes: Route[] = [stats, queries, executions, errors, users, deactivateUser] as Route[];
