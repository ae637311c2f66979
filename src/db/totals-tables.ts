import type { TaskState, Timestamp } from './tables';

// Running totals kept by statement-level triggers on the tables they count; the gateway only reads them.

/** Running totals per task, kept by triggers on executions (migration 0010). */
export interface TaskExecutionTotalsTable {
  task_id: string;
  executions: number;
  succeeded: number;
  failed: number;
  duration_sum: number;
  duration_count: number;
}

/** Totals per hour of the row's timestamp, kept by triggers for Query.stats (migration 0044). */
export interface ExecutionHourlyTotalsTable {
  hour: Timestamp;
  executions: number;
  succeeded: number;
  failed: number;
  duration_sum: number;
  duration_count: number;
}
export interface UserHourlyTotalsTable {
  hour: Timestamp;
  users: number;
}
export interface NotificationHourlyTotalsTable {
  hour: Timestamp;
  notifications: number;
}
/** Task counts by state and by search query, kept by triggers for Query.stats (migration 0044). */
export interface TaskStateTotalsTable {
  state: TaskState;
  tasks: number;
}
export interface SearchQueryTaskTotalsTable {
  search_query: string;
  tasks: number;
}
