/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n    query RestAdminExecutions($first: Int!, $after: String, $filter: ExecutionFilter) {\n      executions(first: $first, after: $after, filter: $filter) {\n        totalCount\n        edges {\n          node {\n            databaseId status conditionMet durationMs startedAt completedAt\n            task { databaseId searchQuery }\n            user { email }\n          }\n        }\n      }\n    }\n  ": typeof types.RestAdminExecutionsDocument,
    "\n    query RestAdminErrors($first: Int!, $filter: ErrorFilter) {\n      errors(first: $first, filter: $filter) {\n        totalCount\n        errorTypes { errorType count }\n        edges {\n          node {\n            executionId userEmail searchQuery errorMessage errorType retryCount willRetry occurredAt\n            task { databaseId }\n          }\n        }\n      }\n    }\n  ": typeof types.RestAdminErrorsDocument,
    "\n    query RestAdminQueries($first: Int!, $after: String) {\n      searchQueries(first: $first, after: $after) {\n        totalCount\n        edges {\n          node { searchQuery totalTasks activeTasks totalExecutions successRate avgDurationMs }\n        }\n      }\n    }\n  ": typeof types.RestAdminQueriesDocument,
    "\n    query RestAdminStats {\n      stats {\n        users { total active30d new7d }\n        tasks { total active paused }\n        executions { total24h success24h failed24h avgDurationMs }\n        notifications { sent24h sent7d }\n        popularQueries(limit: 10) { query count }\n      }\n    }\n  ": typeof types.RestAdminStatsDocument,
    "\n    query RestAdminUsers($first: Int!, $after: String, $filter: UserFilter) {\n      users(first: $first, after: $after, filter: $filter) {\n        totalCount\n        edges {\n          node {\n            databaseId email clerkUserId state createdAt lastLogin\n            tasksCount activeTasksCount executions24h notifications7d\n          }\n        }\n      }\n    }\n  ": typeof types.RestAdminUsersDocument,
    "\n    mutation RestDeactivateUser($id: ID!) {\n      deactivateUser(id: $id) {\n        user { databaseId }\n        tasksPaused\n      }\n    }\n  ": typeof types.RestDeactivateUserDocument,
    "\n  query RestAuthCheck {\n    __typename\n  }\n": typeof types.RestAuthCheckDocument,
};
const documents: Documents = {
    "\n    query RestAdminExecutions($first: Int!, $after: String, $filter: ExecutionFilter) {\n      executions(first: $first, after: $after, filter: $filter) {\n        totalCount\n        edges {\n          node {\n            databaseId status conditionMet durationMs startedAt completedAt\n            task { databaseId searchQuery }\n            user { email }\n          }\n        }\n      }\n    }\n  ": types.RestAdminExecutionsDocument,
    "\n    query RestAdminErrors($first: Int!, $filter: ErrorFilter) {\n      errors(first: $first, filter: $filter) {\n        totalCount\n        errorTypes { errorType count }\n        edges {\n          node {\n            executionId userEmail searchQuery errorMessage errorType retryCount willRetry occurredAt\n            task { databaseId }\n          }\n        }\n      }\n    }\n  ": types.RestAdminErrorsDocument,
    "\n    query RestAdminQueries($first: Int!, $after: String) {\n      searchQueries(first: $first, after: $after) {\n        totalCount\n        edges {\n          node { searchQuery totalTasks activeTasks totalExecutions successRate avgDurationMs }\n        }\n      }\n    }\n  ": types.RestAdminQueriesDocument,
    "\n    query RestAdminStats {\n      stats {\n        users { total active30d new7d }\n        tasks { total active paused }\n        executions { total24h success24h failed24h avgDurationMs }\n        notifications { sent24h sent7d }\n        popularQueries(limit: 10) { query count }\n      }\n    }\n  ": types.RestAdminStatsDocument,
    "\n    query RestAdminUsers($first: Int!, $after: String, $filter: UserFilter) {\n      users(first: $first, after: $after, filter: $filter) {\n        totalCount\n        edges {\n          node {\n            databaseId email clerkUserId state createdAt lastLogin\n            tasksCount activeTasksCount executions24h notifications7d\n          }\n        }\n      }\n    }\n  ": types.RestAdminUsersDocument,
    "\n    mutation RestDeactivateUser($id: ID!) {\n      deactivateUser(id: $id) {\n        user { databaseId }\n        tasksPaused\n      }\n    }\n  ": types.RestDeactivateUserDocument,
    "\n  query RestAuthCheck {\n    __typename\n  }\n": types.RestAuthCheckDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query RestAdminExecutions($first: Int!, $after: String, $filter: ExecutionFilter) {\n      executions(first: $first, after: $after, filter: $filter) {\n        totalCount\n        edges {\n          node {\n            databaseId status conditionMet durationMs startedAt completedAt\n            task { databaseId searchQuery }\n            user { email }\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query RestAdminExecutions($first: Int!, $after: String, $filter: ExecutionFilter) {\n      executions(first: $first, after: $after, filter: $filter) {\n        totalCount\n        edges {\n          node {\n            databaseId status conditionMet durationMs startedAt completedAt\n            task { databaseId searchQuery }\n            user { email }\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query RestAdminErrors($first: Int!, $filter: ErrorFilter) {\n      errors(first: $first, filter: $filter) {\n        totalCount\n        errorTypes { errorType count }\n        edges {\n          node {\n            executionId userEmail searchQuery errorMessage errorType retryCount willRetry occurredAt\n            task { databaseId }\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query RestAdminErrors($first: Int!, $filter: ErrorFilter) {\n      errors(first: $first, filter: $filter) {\n        totalCount\n        errorTypes { errorType count }\n        edges {\n          node {\n            executionId userEmail searchQuery errorMessage errorType retryCount willRetry occurredAt\n            task { databaseId }\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query RestAdminQueries($first: Int!, $after: String) {\n      searchQueries(first: $first, after: $after) {\n        totalCount\n        edges {\n          node { searchQuery totalTasks activeTasks totalExecutions successRate avgDurationMs }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query RestAdminQueries($first: Int!, $after: String) {\n      searchQueries(first: $first, after: $after) {\n        totalCount\n        edges {\n          node { searchQuery totalTasks activeTasks totalExecutions successRate avgDurationMs }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query RestAdminStats {\n      stats {\n        users { total active30d new7d }\n        tasks { total active paused }\n        executions { total24h success24h failed24h avgDurationMs }\n        notifications { sent24h sent7d }\n        popularQueries(limit: 10) { query count }\n      }\n    }\n  "): (typeof documents)["\n    query RestAdminStats {\n      stats {\n        users { total active30d new7d }\n        tasks { total active paused }\n        executions { total24h success24h failed24h avgDurationMs }\n        notifications { sent24h sent7d }\n        popularQueries(limit: 10) { query count }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query RestAdminUsers($first: Int!, $after: String, $filter: UserFilter) {\n      users(first: $first, after: $after, filter: $filter) {\n        totalCount\n        edges {\n          node {\n            databaseId email clerkUserId state createdAt lastLogin\n            tasksCount activeTasksCount executions24h notifications7d\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query RestAdminUsers($first: Int!, $after: String, $filter: UserFilter) {\n      users(first: $first, after: $after, filter: $filter) {\n        totalCount\n        edges {\n          node {\n            databaseId email clerkUserId state createdAt lastLogin\n            tasksCount activeTasksCount executions24h notifications7d\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation RestDeactivateUser($id: ID!) {\n      deactivateUser(id: $id) {\n        user { databaseId }\n        tasksPaused\n      }\n    }\n  "): (typeof documents)["\n    mutation RestDeactivateUser($id: ID!) {\n      deactivateUser(id: $id) {\n        user { databaseId }\n        tasksPaused\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestAuthCheck {\n    __typename\n  }\n"): (typeof documents)["\n  query RestAuthCheck {\n    __typename\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;