import type { Temporal } from '../../core/temporal-connection';

/** Temporal's WorkflowExecutionStatus (GraphQL value: visibility-query name), in enum-number order from 1. */
export const WORKFLOW_STATUS_QUERY_NAMES = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
  TERMINATED: 'Terminated',
  CONTINUED_AS_NEW: 'ContinuedAsNew',
  TIMED_OUT: 'TimedOut',
} as const;
export type WorkflowStatus = keyof typeof WORKFLOW_STATUS_QUERY_NAMES;
export const WORKFLOW_STATUSES = Object.keys(WORKFLOW_STATUS_QUERY_NAMES) as WorkflowStatus[];
const statusOfQueryName = (name: string) => WORKFLOW_STATUSES.find((status) => WORKFLOW_STATUS_QUERY_NAMES[status] === name) ?? null;

/** A validated filter (see the WorkflowFilter input type). */
export interface WorkflowFilter {
  status?: WorkflowStatus | null;
  workflowType?: string | null;
  startedAfter?: Date | null;
  startedBefore?: Date | null;
  /** A task's UUID: workflows whose id is task-<taskId>-<epoch>. */
  taskId?: string | null;
}

export interface WorkflowSummary {
  workflowId: string;
  runId: string;
  workflowType: string;
  status: WorkflowStatus;
  startTime: Date | null;
  closeTime: Date | null;
  executionDurationMs: number | null;
}

const TASK_WORKFLOW_ID = /^task-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(\d+)$/i;

/** The task a workflow runs for, when its id follows task-<taskId>-<epoch>. */
export function taskIdOfWorkflow(workflowId: string): string | null {
  return TASK_WORKFLOW_ID.exec(workflowId)?.[1]?.toLowerCase() ?? null;
}

/** A string literal of the visibility query language. */
const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The visibility query for a validated filter; '' for no filter. */
export function workflowQuery(filter: WorkflowFilter): string {
  const conditions: string[] = [];
  if (filter.status) conditions.push(`ExecutionStatus = ${literal(WORKFLOW_STATUS_QUERY_NAMES[filter.status])}`);
  if (filter.workflowType != null) conditions.push(`WorkflowType = ${literal(filter.workflowType)}`);
  if (filter.startedAfter) conditions.push(`StartTime >= ${literal(filter.startedAfter.toISOString())}`);
  if (filter.startedBefore) conditions.push(`StartTime < ${literal(filter.startedBefore.toISOString())}`);
  if (filter.taskId != null) conditions.push(`WorkflowId STARTS_WITH ${literal(`task-${filter.taskId.toLowerCase()}-`)}`);
  return conditions.join(' AND ');
}

type Timestamp = { seconds?: number | { toNumber(): number } | null; nanos?: number | null } | null | undefined;

export function dateOf(timestamp: Timestamp): Date | null {
  if (!timestamp || timestamp.seconds == null) return null;
  const seconds = typeof timestamp.seconds === 'number' ? timestamp.seconds : timestamp.seconds.toNumber();
  return new Date(seconds * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6));
}

/** One page of workflows, in Temporal's order, and the token of the page after it (null: none). */
export async function listWorkflows(temporal: Temporal, query: string, pageSize: number, pageToken: Uint8Array | null) {
  const response = await temporal.call('ListWorkflowExecutions', (service, namespace) =>
    service.listWorkflowExecutions({ namespace, query, pageSize, nextPageToken: pageToken }),
  );
  const workflows = (response.executions ?? []).map((info): WorkflowSummary => {
    const startTime = dateOf(info.startTime);
    const closeTime = dateOf(info.closeTime);
    const duration = info.executionDuration;
    return {
      workflowId: info.execution?.workflowId ?? '',
      runId: info.execution?.runId ?? '',
      workflowType: info.type?.name ?? '',
      status: WORKFLOW_STATUSES[(info.status ?? 1) - 1] ?? 'RUNNING',
      startTime,
      closeTime,
      executionDurationMs: duration?.seconds != null ? Math.round(Number(duration.seconds) * 1000 + (duration.nanos ?? 0) / 1e6) : startTime && closeTime ? closeTime.getTime() - startTime.getTime() : null,
    };
  });
  const next = response.nextPageToken;
  return { workflows, nextPageToken: next && next.length > 0 ? next : null };
}

/** How many workflows match, in all and per status: one CountWorkflowExecutions call with GROUP BY ExecutionStatus. */
export async function countWorkflows(temporal: Temporal, query: string) {
  const response = await temporal.call('CountWorkflowExecutions', (service, namespace) =>
    service.countWorkflowExecutions({ namespace, query: `${query} GROUP BY ExecutionStatus`.trim() }),
  );
  const byStatus = (response.groups ?? []).map((group) => {
    const payload = group.groupValues?.[0]?.data;
    const name = payload ? (JSON.parse(Buffer.from(payload).toString()) as string) : '';
    return { status: statusOfQueryName(name), count: Number(group.count ?? 0) };
  });
  return { total: Number(response.count ?? 0), byStatus: byStatus.filter((group): group is { status: WorkflowStatus; count: number } => group.status !== null) };
}
