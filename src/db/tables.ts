import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ExecutionHourlyTotalsTable, NotificationHourlyTotalsTable, SearchQueryTaskTotalsTable, TaskExecutionTotalsTable, TaskStateTotalsTable, UserHourlyTotalsTable } from './totals-tables';

/** A timestamp: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type UserRole = 'user' | 'admin';
export type UserState = 'active' | 'deactivated';
export type TaskState = 'active' | 'paused';
export type ExecutionStatus = 'pending' | 'running' | 'success' | 'failed';
export type NotificationAudience = 'user' | 'platform';
export type NotificationKind = 'condition_met' | 'schedule_completed' | 'schedule_failed' | 'message_event' | 'usage_event';
export type NotificationChannel = 'email' | 'webhook' | 'in_app';
export type FeedbackSource = 'web' | 'api' | 'extension' | 'email';
export type FeedbackState = 'open' | 'triaged' | 'in_progress' | 'done' | 'archived';
export type FeedbackClassification = 'script' | 'command' | 'sql' | 'template' | 'path' | 'fuzz';
export type FeedbackSignalCategory = 'product_signal' | 'short_actionable' | 'actionable' | 'security_probe';
export type WalletStatus = 'onboarding' | 'active' | 'suspended' | 'closed';
export type CardStatus = 'active' | 'inactive' | 'canceled';
export type SpendRequestStatus = 'pending' | 'approved' | 'rejected' | 'expired';
export type SpendDecision = 'approved' | 'rejected';
export type CardTransactionType = 'capture' | 'refund';
export type DeliveryStatus = 'pending' | 'delivered' | 'retrying' | 'failed' | 'dead_lettered';
export type DeliveryAttemptOutcome = 'delivered' | 'failed' | 'timed_out';
export type NotificationDeliveryStatus = 'pending' | 'sent' | 'failed';
export type SignatureVerification = 'verified' | 'invalid' | 'missing';
export type ActorKind = 'api_key' | 'clerk_session' | 'system';
export type SchedulePauseState = 'pending' | 'delivered' | 'gone';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  clerk_user_id: string | null;
  role: ColumnType<UserRole, UserRole | undefined, UserRole>;
  state: ColumnType<UserState, UserState | undefined, UserState>;
  created_at: GeneratedTimestamp;
  last_login_at: Timestamp | null;
  deactivated_at: Timestamp | null;
}

export interface ApiKeysTable {
  id: Generated<string>;
  user_id: string;
  name: ColumnType<string, string | undefined, string>;
  prefix: string;
  key_hash: string;
  created_at: GeneratedTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface TasksTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  search_query: string;
  condition_description: string;
  schedule: string;
  state: ColumnType<TaskState, TaskState | undefined, TaskState>;
  temporal_schedule_id: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ExecutionsTable {
  id: Generated<string>;
  task_id: string;
  user_id: string;
  status: ExecutionStatus;
  condition_met: boolean | null;
  started_at: GeneratedTimestamp;
  completed_at: Timestamp | null;
  duration_ms: number | null;
  error_message: string | null;
  error_type: string | null;
  retry_count: ColumnType<number, number | undefined, number>;
  will_retry: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface NotificationsTable {
  id: Generated<string>;
  audience: NotificationAudience;
  kind: NotificationKind;
  user_id: string | null;
  task_id: string | null;
  execution_id: string | null;
  channel: NotificationChannel | null;
  subject: string;
  body: ColumnType<string, string | undefined, string>;
  created_at: GeneratedTimestamp;
  delivery_status: ColumnType<NotificationDeliveryStatus, NotificationDeliveryStatus | undefined, NotificationDeliveryStatus>;
  failure_reason: string | null;
  sent_at: Timestamp | null;
}

export interface FeedbackTable {
  id: Generated<string>;
  user_id: string | null;
  body: string;
  source: FeedbackSource;
  state: ColumnType<FeedbackState, FeedbackState | undefined, FeedbackState>;
  classification: FeedbackClassification | null;
  /** Null until the classifier has read the report (classified_at). */
  signal_category: ColumnType<FeedbackSignalCategory | null, FeedbackSignalCategory | null | undefined, FeedbackSignalCategory | null>;
  severity: ColumnType<number, number | undefined, number>;
  duplicate_fingerprint: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  classified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  classifier_version: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Duplicate and burst groups, kept by triggers on feedback (migration 0041). */
export interface FeedbackGroupsTable {
  group_key: string;
  size: number;
  first_seen: Timestamp;
  last_seen: Timestamp;
  burst: boolean;
  classification: FeedbackClassification | null;
  signal_category: FeedbackSignalCategory | null;
}

export interface ConnectorEventAttemptsTable {
  id: Generated<string>;
  event_id: string;
  attempt: number;
  attempted_at: GeneratedTimestamp;
  outcome: DeliveryAttemptOutcome;
  http_status: number | null;
  error: string | null;
  duration_ms: number | null;
}

export interface AgentWalletsTable {
  id: Generated<string>;
  user_id: string;
  agent_name: string;
  status: ColumnType<WalletStatus, WalletStatus | undefined, WalletStatus>;
  currency: ColumnType<string, string | undefined, string>;
  spending_limit_minor: number;
  created_at: GeneratedTimestamp;
}

export interface IssuingCardsTable {
  id: Generated<string>;
  wallet_id: string;
  stripe_card_id: string;
  brand: string;
  last4: string;
  status: CardStatus;
  spending_limit_minor: number;
  currency: string;
  created_at: GeneratedTimestamp;
}

export interface SpendRequestsTable {
  id: Generated<string>;
  wallet_id: string;
  card_id: string | null;
  amount_minor: number;
  currency: string;
  merchant: string;
  purpose: string;
  status: ColumnType<SpendRequestStatus, SpendRequestStatus | undefined, SpendRequestStatus>;
  requested_at: GeneratedTimestamp;
}

export interface SpendApprovalsTable {
  id: Generated<string>;
  spend_request_id: string;
  approver_user_id: string | null;
  decision: SpendDecision;
  reason: string | null;
  decided_at: GeneratedTimestamp;
}

export interface CardAuthorizationsTable {
  id: Generated<string>;
  card_id: string;
  stripe_authorization_id: string;
  amount_minor: number;
  currency: string;
  merchant_name: string;
  merchant_category: string;
  approved: boolean;
  decline_reason: string | null;
  created_at: GeneratedTimestamp;
}

export interface CardTransactionsTable {
  id: Generated<string>;
  card_id: string;
  authorization_id: string | null;
  stripe_transaction_id: string;
  type: CardTransactionType;
  amount_minor: number;
  currency: string;
  merchant_name: string;
  created_at: GeneratedTimestamp;
}

export interface ConnectorEventsTable {
  id: Generated<string>;
  connector: string;
  connection_id: string;
  upstream_event_id: string;
  event_type: string;
  delivery_status: DeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  signature_verification: SignatureVerification;
  received_at: GeneratedTimestamp;
  delivered_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  actor_user_id: string | null;
  actor_kind: ActorKind;
  actor_credential_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  client_address: string | null;
  created_at: GeneratedTimestamp;
}

/** Schedule pauses owed to Temporal (migration 0030). */
export interface SchedulePauseOutboxTable {
  id: Generated<string>;
  schedule_id: string;
  task_id: string | null;
  user_id: string;
  note: string;
  state: ColumnType<SchedulePauseState, SchedulePauseState | undefined, SchedulePauseState>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: GeneratedTimestamp;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  delivered_at: Timestamp | null;
}

export interface Database {
  users: UsersTable;
  api_keys: ApiKeysTable;
  tasks: TasksTable;
  executions: ExecutionsTable;
  notifications: NotificationsTable;
  feedback: FeedbackTable;
  feedback_groups: FeedbackGroupsTable;
  connector_event_attempts: ConnectorEventAttemptsTable;
  agent_wallets: AgentWalletsTable;
  issuing_cards: IssuingCardsTable;
  spend_requests: SpendRequestsTable;
  spend_approvals: SpendApprovalsTable;
  card_authorizations: CardAuthorizationsTable;
  card_transactions: CardTransactionsTable;
  connector_events: ConnectorEventsTable;
  audit_log: AuditLogTable;
  task_execution_totals: TaskExecutionTotalsTable;
  execution_hourly_totals: ExecutionHourlyTotalsTable;
  user_signup_hourly_totals: UserHourlyTotalsTable;
  user_login_hourly_totals: UserHourlyTotalsTable;
  user_notification_hourly_totals: NotificationHourlyTotalsTable;
  task_state_totals: TaskStateTotalsTable;
  search_query_task_totals: SearchQueryTaskTotalsTable;
  schedule_pause_outbox: SchedulePauseOutboxTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type SchedulePauseRow = Selectable<SchedulePauseOutboxTable>;
export type TaskRow = Selectable<TasksTable>;
export type ExecutionRow = Selectable<ExecutionsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type FeedbackRow = Selectable<FeedbackTable>;
export type AgentWalletRow = Selectable<AgentWalletsTable>;
export type IssuingCardRow = Selectable<IssuingCardsTable>;
export type SpendRequestRow = Selectable<SpendRequestsTable>;
export type SpendApprovalRow = Selectable<SpendApprovalsTable>;
export type CardAuthorizationRow = Selectable<CardAuthorizationsTable>;
export type CardTransactionRow = Selectable<CardTransactionsTable>;
export type ConnectorEventRow = Selectable<ConnectorEventsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type FeedbackGroupRow = Selectable<FeedbackGroupsTable>;
export type ConnectorEventAttemptRow = Selectable<ConnectorEventAttemptsTable>;
