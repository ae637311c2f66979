import { builder } from '../../core/builder';
import type { GatewayContext } from '../../core/context';
import { z } from 'zod';
import type { ConnectionArguments } from '../../core/pagination';
import { fromTemporal } from '../../core/temporal-fields';
import { temporalConnection } from '../../core/temporal-pages';
import { Task } from '../tasks/graphql';
import { User } from '../users/graphql';
import { countWorkflows, listWorkflows, taskIdOfWorkflow, WORKFLOW_STATUSES, workflowQuery, type WorkflowStatus, type WorkflowSummary } from './visibility';

export const WorkflowStatusEnum = builder.enumType('WorkflowStatus', {
  description: "A workflow execution's status in Temporal.",
  values: Object.fromEntries(WORKFLOW_STATUSES.map((value) => [value, { value }])) as Record<WorkflowStatus, { value: WorkflowStatus }>,
});

/** The task a workflow runs for, or null when its id names none (or a task that no longer exists). */
async function taskOf(workflow: WorkflowSummary, context: GatewayContext) {
  const taskId = taskIdOfWorkflow(workflow.workflowId);
  return taskId ? Task.getDataloader(context).load(taskId).catch(() => null) : null;
}

export const WorkflowExecution = builder.objectRef<WorkflowSummary>('WorkflowExecution').implement({
  description: 'One run of a workflow, as Temporal\'s visibility API lists it.',
  fields: (t) => ({
    workflowId: t.exposeString('workflowId'),
    runId: t.exposeString('runId'),
    workflowType: t.exposeString('workflowType'),
    status: t.expose('status', { type: WorkflowStatusEnum }),
    startTime: t.expose('startTime', { type: 'DateTime', nullable: true }),
    closeTime: t.expose('closeTime', { type: 'DateTime', nullable: true, description: 'Null while it runs.' }),
    executionDurationMs: t.exposeInt('executionDurationMs', { nullable: true, description: 'Null while it runs.' }),
    temporalUiUrl: t.string({
      nullable: true,
      description: 'This run in the Temporal UI (TEMPORAL_UI_URL).',
      resolve: (workflow, _args, context) => context.temporal.workflowUrl(workflow.workflowId, workflow.runId),
    }),
    task: t.field({ type: Task, nullable: true, description: 'The task, when the workflow id is task-<taskId>-<epoch>.', resolve: (workflow, _args, context) => taskOf(workflow, context) }),
    user: t.field({
      type: User,
      nullable: true,
      description: "The task's owner, when the workflow runs for a task.",
      resolve: async (workflow, _args, context) => (await taskOf(workflow, context))?.user_id ?? null,
    }),
  }),
});

const WorkflowStatusCount = builder.objectRef<{ status: WorkflowStatus; count: number }>('WorkflowStatusCount').implement({
  fields: (t) => ({ status: t.expose('status', { type: WorkflowStatusEnum }), count: t.exposeInt('count') }),
});

type StatusCounts = () => Promise<{ status: WorkflowStatus; count: number }[]>;

const WorkflowExecutionConnection = builder.connectionObject(
  {
    type: WorkflowExecution,
    name: 'WorkflowExecutionConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Workflows matching the filter (CountWorkflowExecutions).',
        resolve: (connection) => fromTemporal(() => connection.totalCount()),
      }),
      statusCounts: t.field({
        type: [WorkflowStatusCount],
        description: 'Workflows matching the filter, per status (the same CountWorkflowExecutions call as totalCount).',
        resolve: (connection) => fromTemporal(() => (connection as unknown as { statusCounts: StatusCounts }).statusCounts()),
      }),
    }),
  },
  { name: 'WorkflowExecutionEdge' },
);

const WorkflowFilter = builder.inputType('WorkflowFilter', {
  validate: z
    .looseObject({ startedAfter: z.date().nullish(), startedBefore: z.date().nullish() })
    .refine((filter) => !filter.startedAfter || !filter.startedBefore || filter.startedAfter < filter.startedBefore, { path: ['startedAfter'], error: 'must be before startedBefore' }),
  fields: (t) => ({
    status: t.field({ type: WorkflowStatusEnum, required: false }),
    workflowType: t.string({
      required: false,
      validate: z.string().regex(/^[\w.:/-]{1,200}$/, { error: 'must be 1 to 200 letters, digits or . _ : / -' }),
      description: 'Exactly this workflow type, e.g. monitoring_workflow.',
    }),
    startedAfter: t.field({ type: 'DateTime', required: false, description: 'Started at or after this time.' }),
    startedBefore: t.field({ type: 'DateTime', required: false, description: 'Started before this time.' }),
    taskId: t.globalID({ for: Task, required: false, description: 'A Task ID: only the workflows of this task (ids task-<taskId>-…).' }),
  }),
});

/** The workflows connection (also what REST /admin/temporal/workflows reads). */
export function workflowsConnection(context: GatewayContext, args: ConnectionArguments & { filter?: typeof WorkflowFilter.$inferInput | null }) {
  const filter = args.filter ?? {};
  const query = workflowQuery({ ...filter, taskId: filter.taskId?.id ?? null });
  let counted: ReturnType<typeof countWorkflows> | undefined;
  const count = () => (counted ??= countWorkflows(context.temporal, query));
  return fromTemporal(async () => {
    const connection = await temporalConnection({
      args,
      query,
      fetch: async (pageSize, token) => {
        const page = await listWorkflows(context.temporal, query, pageSize, token);
        return { items: page.workflows, nextPageToken: page.nextPageToken };
      },
      totalCount: async () => (await count()).total,
    });
    return Object.assign(connection, { statusCounts: async () => (await count()).byStatus });
  });
}

builder.queryField('workflows', (t) =>
  t.connection(
    {
      type: WorkflowExecution,
      nullable: true,
      description: "Workflow executions from Temporal's visibility API, in Temporal's order (newest first). Pages forward only. TEMPORAL_UNAVAILABLE when Temporal is not configured or does not answer.",
      args: { filter: t.arg({ type: WorkflowFilter, required: false }) },
      resolve: (_root, args, context) => workflowsConnection(context, args),
    },
    WorkflowExecutionConnection,
  ),
);
