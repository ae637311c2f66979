/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CardTransactionType =
  | 'CAPTURE'
  | 'REFUND';

export type ConnectorDeliveryAttemptOutcome =
  | 'DELIVERED'
  | 'FAILED'
  | 'TIMED_OUT';

export type ConnectorDeliveryStatus =
  /** Retries exhausted; parked for an operator. */
  | 'DEAD_LETTERED'
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING'
  /** Failed at least once; another attempt is scheduled. */
  | 'RETRYING';

export type ConnectorEventFilter = {
  connectionId?: string | null | undefined;
  /** e.g. github, slack, stripe. */
  connector?: string | null | undefined;
  deliveryStatus?: ConnectorDeliveryStatus | null | undefined;
  /** Failed, dead-lettered or retrying events only (recent delivery failures). */
  failuresOnly?: boolean | null | undefined;
  /** Received within the last N hours (1–8760); not with since/until. */
  hours?: number | null | undefined;
  signatureVerification?: SignatureVerification | null | undefined;
  since?: string | null | undefined;
  until?: string | null | undefined;
};

export type ErrorFilter = {
  /** Only errors of this type, e.g. RateLimitError. */
  errorType?: string | null | undefined;
  /** Occurred in the last N hours (1 to 8760); 24 when neither hours nor since/until is given. */
  hours?: number | null | undefined;
  /** Occurred at or after this instant. */
  since?: string | null | undefined;
  /** A Task ID. */
  taskId?: string | number | null | undefined;
  /** Occurred before this instant. */
  until?: string | null | undefined;
  /** A User ID. */
  userId?: string | number | null | undefined;
};

export type ExecutionFilter = {
  /** Started in the last N hours (1 to 8760); not with since/until. */
  hours?: number | null | undefined;
  /** Started at or after this instant. */
  since?: string | null | undefined;
  status?: ExecutionStatus | null | undefined;
  /** A Task ID. */
  taskId?: string | number | null | undefined;
  /** Started before this instant. */
  until?: string | null | undefined;
  /** A User ID (the task owner). */
  userId?: string | number | null | undefined;
};

export type ExecutionStatus =
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCESS';

/** What kind of security probe a report is. */
export type FeedbackClassification =
  | 'COMMAND'
  | 'FUZZ'
  | 'PATH'
  | 'SCRIPT'
  | 'SQL'
  | 'TEMPLATE';

export type FeedbackFilter = {
  /** Security probes of this group only. */
  classification?: FeedbackClassification | null | undefined;
  /** Only reports of this duplicate group. */
  groupKey?: string | null | undefined;
  /** Stored within the last N hours (1–8760); not with since/until. */
  hours?: number | null | undefined;
  /** 1–4: this severity or higher. */
  minSeverity?: number | null | undefined;
  /** Case-insensitive substring of the body (at most 200 characters). */
  search?: string | null | undefined;
  signalCategory?: FeedbackSignalCategory | null | undefined;
  /** Stored at or after this time. */
  since?: string | null | undefined;
  state?: FeedbackState | null | undefined;
  /** Stored before this time. */
  until?: string | null | undefined;
};

export type FeedbackOrder =
  | 'NEWEST_FIRST'
  /** Highest severity first, newest first within a severity (the triage queue). */
  | 'SEVERITY_THEN_NEWEST';

export type FeedbackSignalCategory =
  | 'ACTIONABLE'
  | 'PRODUCT_SIGNAL'
  | 'SECURITY_PROBE'
  | 'SHORT_ACTIONABLE';

export type FeedbackSource =
  | 'API'
  | 'EMAIL'
  | 'EXTENSION'
  | 'WEB';

export type FeedbackState =
  | 'ARCHIVED'
  | 'DONE'
  | 'IN_PROGRESS'
  | 'OPEN'
  | 'TRIAGED';

export type IssuingCardStatus =
  | 'ACTIVE'
  | 'CANCELED'
  | 'INACTIVE';

/** The upstream webhook signature's check. */
export type SignatureVerification =
  /** A signature was sent and did not verify. */
  | 'FAILED'
  /** No signature was sent. */
  | 'UNVERIFIED'
  | 'VERIFIED';

export type SpendDecision =
  | 'APPROVED'
  | 'REJECTED';

export type SpendRequestStatus =
  | 'APPROVED'
  | 'EXPIRED'
  | 'PENDING'
  | 'REJECTED';

export type UserFilter = {
  /** Only users whose state is active (the REST active_only flag). */
  activeOnly?: boolean | null | undefined;
  /** Case-insensitive substring of the email address. */
  emailContains?: string | null | undefined;
  state?: UserState | null | undefined;
};

export type UserState =
  | 'ACTIVE'
  | 'DEACTIVATED';

export type WalletFilter = {
  /** A User ID. */
  ownerId?: string | number | null | undefined;
  /** Created at or after. */
  since?: string | null | undefined;
  status?: WalletStatus | null | undefined;
  /** Created before. */
  until?: string | null | undefined;
};

export type WalletStatus =
  | 'ACTIVE'
  | 'CLOSED'
  | 'ONBOARDING'
  | 'SUSPENDED';

/** A workflow execution's status in Temporal. */
export type WorkflowStatus =
  | 'CANCELED'
  | 'COMPLETED'
  | 'CONTINUED_AS_NEW'
  | 'FAILED'
  | 'RUNNING'
  | 'TERMINATED'
  | 'TIMED_OUT';

export type RestAdminConnectorEventsQueryVariables = Exact<{
  first: number;
  offset?: number | null | undefined;
  filter?: ConnectorEventFilter | null | undefined;
}>;


export type RestAdminConnectorEventsQuery = { connectorEvents: { totalCount: number, edges: Array<{ node: { databaseId: string, connector: string, connectionId: string, upstreamEventId: string, eventType: string, deliveryStatus: ConnectorDeliveryStatus, attemptCount: number, lastError: string | null, signatureVerification: SignatureVerification, receivedAt: string, deliveredAt: string | null, deliveryDelayMs: number | null, attempts: Array<{ attempt: number, attemptedAt: string, outcome: ConnectorDeliveryAttemptOutcome, httpStatus: number | null, error: string | null, durationMs: number | null }> } }> } };

export type RestAdminExecutionsQueryVariables = Exact<{
  first: number;
  offset?: number | null | undefined;
  filter?: ExecutionFilter | null | undefined;
}>;


export type RestAdminExecutionsQuery = { executions: { totalCount: number, edges: Array<{ node: { databaseId: string, status: ExecutionStatus, conditionMet: boolean | null, durationMs: number | null, startedAt: string, completedAt: string | null, task: { databaseId: string, searchQuery: string }, user: { email: string } } }> } };

export type RestAdminErrorsQueryVariables = Exact<{
  first: number;
  filter?: ErrorFilter | null | undefined;
}>;


export type RestAdminErrorsQuery = { errors: { totalCount: number, errorTypes: Array<{ errorType: string, count: number }>, edges: Array<{ node: { executionId: string, userEmail: string, searchQuery: string, errorMessage: string, errorType: string, retryCount: number, willRetry: boolean, occurredAt: string, task: { databaseId: string } } }> } };

export type RestFeedbackFieldsFragment = { databaseId: string, body: string, source: FeedbackSource, state: FeedbackState, classification: FeedbackClassification | null, signalCategory: FeedbackSignalCategory | null, severity: number, groupKey: string | null, groupSize: number, firstSeen: string, lastSeen: string, burst: boolean, createdAt: string, updatedAt: string, user: { email: string } | null };

export type RestAdminFeedbackQueryVariables = Exact<{
  first: number;
  offset?: number | null | undefined;
  filter?: FeedbackFilter | null | undefined;
  orderBy?: FeedbackOrder | null | undefined;
}>;


export type RestAdminFeedbackQuery = { feedback: { totalCount: number, edges: Array<{ node: { databaseId: string, body: string, source: FeedbackSource, state: FeedbackState, classification: FeedbackClassification | null, signalCategory: FeedbackSignalCategory | null, severity: number, groupKey: string | null, groupSize: number, firstSeen: string, lastSeen: string, burst: boolean, createdAt: string, updatedAt: string, user: { email: string } | null } }> } };

export type RestUpdateFeedbackStateMutationVariables = Exact<{
  id: string | number;
  state: FeedbackState;
}>;


export type RestUpdateFeedbackStateMutation = { updateFeedbackState: { changedCount: number, feedback: { databaseId: string, body: string, source: FeedbackSource, state: FeedbackState, classification: FeedbackClassification | null, signalCategory: FeedbackSignalCategory | null, severity: number, groupKey: string | null, groupSize: number, firstSeen: string, lastSeen: string, burst: boolean, createdAt: string, updatedAt: string, user: { email: string } | null } | null } };

export type RestTemporalSchedulesQueryVariables = Exact<{
  first: number;
}>;


export type RestTemporalSchedulesQuery = { schedules: { totalCount: number, edges: Array<{ node: { scheduleId: string, cron: string | null, isPaused: boolean, recentExecutions: number, nextRunTime: string | null, temporalUiUrl: string | null, task: { databaseId: string } | null, user: { email: string } | null } }> } | null };

export type RestAdminQueriesQueryVariables = Exact<{
  first: number;
  offset?: number | null | undefined;
  activeOnly?: boolean | null | undefined;
}>;


export type RestAdminQueriesQuery = { searchQueries: { totalCount: number, edges: Array<{ node: { searchQuery: string, totalTasks: number, activeTasks: number, totalExecutions: number, successRate: number | null, avgDurationMs: number | null } }> } };

export type RestAdminStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type RestAdminStatsQuery = { stats: { users: { total: number, active30d: number, new7d: number }, tasks: { total: number, active: number, paused: number }, executions: { total24h: number, success24h: number, failed24h: number, avgDurationMs: number | null }, notifications: { sent24h: number, sent7d: number }, popularQueries: Array<{ query: string, count: number }> } };

export type RestAdminUsersQueryVariables = Exact<{
  first: number;
  offset?: number | null | undefined;
  filter?: UserFilter | null | undefined;
}>;


export type RestAdminUsersQuery = { users: { totalCount: number, edges: Array<{ node: { databaseId: string, email: string, clerkUserId: string | null, state: UserState, createdAt: string, lastLogin: string | null, tasksCount: number, activeTasksCount: number, executions24h: number, notifications7d: number } }> } };

export type RestDeactivateUserMutationVariables = Exact<{
  id: string | number;
}>;


export type RestDeactivateUserMutation = { deactivateUser: { tasksPaused: number, schedulePausesPending: number, user: { databaseId: string } } };

export type RestAgentWalletsQueryVariables = Exact<{
  first: number;
  offset?: number | null | undefined;
  filter?: WalletFilter | null | undefined;
  recent: number;
}>;


export type RestAgentWalletsQuery = { wallets: { totalCount: number, edges: Array<{ node: { databaseId: string, agentName: string, status: WalletStatus, createdAt: string, owner: { email: string }, spendingLimit: { minorUnits: number, currency: string, formatted: string }, cards: { edges: Array<{ node: { databaseId: string, brand: string, last4: string, status: IssuingCardStatus, createdAt: string, spendingLimit: { minorUnits: number, currency: string, formatted: string } } }> }, spendRequests: { totalCount: number, edges: Array<{ node: { databaseId: string, merchant: string, purpose: string, status: SpendRequestStatus, requestedAt: string, amount: { minorUnits: number, currency: string, formatted: string }, approvals: Array<{ decision: SpendDecision, reason: string | null, decidedAt: string, approver: { email: string } | null }> } }> }, authorizations: { totalCount: number, edges: Array<{ node: { databaseId: string, merchantName: string, merchantCategory: string, approved: boolean, declineReason: string | null, createdAt: string, amount: { minorUnits: number, currency: string, formatted: string }, card: { last4: string } } }> }, transactions: { totalCount: number, edges: Array<{ node: { databaseId: string, type: CardTransactionType, merchantName: string, createdAt: string, amount: { minorUnits: number, currency: string, formatted: string }, card: { last4: string } } }> } } }> } };

export type RestTemporalWorkflowsQueryVariables = Exact<{
  first: number;
}>;


export type RestTemporalWorkflowsQuery = { workflows: { totalCount: number, edges: Array<{ node: { workflowId: string, workflowType: string, status: WorkflowStatus, startTime: string | null, closeTime: string | null, executionDurationMs: number | null, temporalUiUrl: string | null } }> } | null };

export type RestAuthCheckQueryVariables = Exact<{ [key: string]: never; }>;


export type RestAuthCheckQuery = { __typename: 'Query' };

export const RestFeedbackFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RestFeedbackFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Feedback"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"signalCategory"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"groupKey"}},{"kind":"Field","name":{"kind":"Name","value":"groupSize"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"burst"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RestFeedbackFieldsFragment, unknown>;
export const RestAdminConnectorEventsDocument = {"__meta__":{"hash":"sha256:1462c333a43c082105fa456e020bb711557a25e9cc53895ffadfa98b2fada1a6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestAdminConnectorEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConnectorEventFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectorEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"connector"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamEventId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryStatus"}},{"kind":"Field","name":{"kind":"Name","value":"attemptCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"signatureVerification"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryDelayMs"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"attemptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RestAdminConnectorEventsQuery, RestAdminConnectorEventsQueryVariables>;
export const RestAdminExecutionsDocument = {"__meta__":{"hash":"sha256:b4b2769d95d15cfbe3a7b3e2f80579b73f239f63242660613418c396d92250a6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestAdminExecutions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ExecutionFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"conditionMet"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"searchQuery"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RestAdminExecutionsQuery, RestAdminExecutionsQueryVariables>;
export const RestAdminErrorsDocument = {"__meta__":{"hash":"sha256:b100e511352adc8cce91a8b39d82f4487b9f69c5ec43491c74adec7c2677988e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestAdminErrors"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ErrorFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"errorTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorType"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executionId"}},{"kind":"Field","name":{"kind":"Name","value":"userEmail"}},{"kind":"Field","name":{"kind":"Name","value":"searchQuery"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"errorType"}},{"kind":"Field","name":{"kind":"Name","value":"retryCount"}},{"kind":"Field","name":{"kind":"Name","value":"willRetry"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RestAdminErrorsQuery, RestAdminErrorsQueryVariables>;
export const RestAdminFeedbackDocument = {"__meta__":{"hash":"sha256:9430eeb8ecdce11bd18cc6d4bf833cf77aee979432c875c9408b052c92fb279b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestAdminFeedback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FeedbackFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FeedbackOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feedback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RestFeedbackFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RestFeedbackFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Feedback"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"signalCategory"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"groupKey"}},{"kind":"Field","name":{"kind":"Name","value":"groupSize"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"burst"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RestAdminFeedbackQuery, RestAdminFeedbackQueryVariables>;
export const RestUpdateFeedbackStateDocument = {"__meta__":{"hash":"sha256:c39e8a270c7915a538b3052320fb63a5fd8edb6fb87a718fa70789699eca1be1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestUpdateFeedbackState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"state"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FeedbackState"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateFeedbackState"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"state"},"value":{"kind":"Variable","name":{"kind":"Name","value":"state"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changedCount"}},{"kind":"Field","name":{"kind":"Name","value":"feedback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RestFeedbackFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RestFeedbackFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Feedback"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"signalCategory"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"groupKey"}},{"kind":"Field","name":{"kind":"Name","value":"groupSize"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"burst"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RestUpdateFeedbackStateMutation, RestUpdateFeedbackStateMutationVariables>;
export const RestTemporalSchedulesDocument = {"__meta__":{"hash":"sha256:8bbae15676feef207a5135866636a2a8bb1f79bc144cc2549d4385b4015856fa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestTemporalSchedules"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"isPaused"}},{"kind":"Field","name":{"kind":"Name","value":"recentExecutions"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunTime"}},{"kind":"Field","name":{"kind":"Name","value":"temporalUiUrl"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RestTemporalSchedulesQuery, RestTemporalSchedulesQueryVariables>;
export const RestAdminQueriesDocument = {"__meta__":{"hash":"sha256:e8607fff73d696ddd00cafdc696fcba41b28ac28a53708ca4ed4f2d204d84ff1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestAdminQueries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"activeOnly"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchQueries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"activeOnly"},"value":{"kind":"Variable","name":{"kind":"Name","value":"activeOnly"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchQuery"}},{"kind":"Field","name":{"kind":"Name","value":"totalTasks"}},{"kind":"Field","name":{"kind":"Name","value":"activeTasks"}},{"kind":"Field","name":{"kind":"Name","value":"totalExecutions"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}},{"kind":"Field","name":{"kind":"Name","value":"avgDurationMs"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RestAdminQueriesQuery, RestAdminQueriesQueryVariables>;
export const RestAdminStatsDocument = {"__meta__":{"hash":"sha256:292706996e3eee97a5f19cff923cc5ba838741536718bea2e6c9ffaa24df9dbb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestAdminStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"active30d"}},{"kind":"Field","name":{"kind":"Name","value":"new7d"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}}]}},{"kind":"Field","name":{"kind":"Name","value":"executions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total24h"}},{"kind":"Field","name":{"kind":"Name","value":"success24h"}},{"kind":"Field","name":{"kind":"Name","value":"failed24h"}},{"kind":"Field","name":{"kind":"Name","value":"avgDurationMs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"notifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sent24h"}},{"kind":"Field","name":{"kind":"Name","value":"sent7d"}}]}},{"kind":"Field","name":{"kind":"Name","value":"popularQueries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<RestAdminStatsQuery, RestAdminStatsQueryVariables>;
export const RestAdminUsersDocument = {"__meta__":{"hash":"sha256:9540c94767afac01d397cd6448e8a5ff6d04309d7e24cd324a497e0d83248151"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestAdminUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"clerkUserId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastLogin"}},{"kind":"Field","name":{"kind":"Name","value":"tasksCount"}},{"kind":"Field","name":{"kind":"Name","value":"activeTasksCount"}},{"kind":"Field","name":{"kind":"Name","value":"executions24h"}},{"kind":"Field","name":{"kind":"Name","value":"notifications7d"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RestAdminUsersQuery, RestAdminUsersQueryVariables>;
export const RestDeactivateUserDocument = {"__meta__":{"hash":"sha256:6f49a6bda44025515a60c68cd6e6e3bd42954b44b1518194f9d7628ea24f4c9c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestDeactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tasksPaused"}},{"kind":"Field","name":{"kind":"Name","value":"schedulePausesPending"}}]}}]}}]} as unknown as DocumentNode<RestDeactivateUserMutation, RestDeactivateUserMutationVariables>;
export const RestAgentWalletsDocument = {"__meta__":{"hash":"sha256:688125689afba38641e7b996347330e59c21e0b332790eccbb40c7cf284f3065"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestAgentWallets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WalletFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"recent"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wallets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"agentName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minorUnits"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cards"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minorUnits"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"spendRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recent"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"merchant"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minorUnits"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"approvals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approver"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"authorizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recent"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"merchantName"}},{"kind":"Field","name":{"kind":"Name","value":"merchantCategory"}},{"kind":"Field","name":{"kind":"Name","value":"approved"}},{"kind":"Field","name":{"kind":"Name","value":"declineReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minorUnits"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"last4"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recent"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"merchantName"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minorUnits"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"last4"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RestAgentWalletsQuery, RestAgentWalletsQueryVariables>;
export const RestTemporalWorkflowsDocument = {"__meta__":{"hash":"sha256:4c00fbdafff2869b7b21162f85b3938c9429d5bc6a629f0935598fd8ab6287c3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestTemporalWorkflows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflows"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"workflowType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"closeTime"}},{"kind":"Field","name":{"kind":"Name","value":"executionDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"temporalUiUrl"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RestTemporalWorkflowsQuery, RestTemporalWorkflowsQueryVariables>;
export const RestAuthCheckDocument = {"__meta__":{"hash":"sha256:0e648f4dd62da8c5b32dbd924b03318149263e9f111f34591f9e39071110b95d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestAuthCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]} as unknown as DocumentNode<RestAuthCheckQuery, RestAuthCheckQueryVariables>;