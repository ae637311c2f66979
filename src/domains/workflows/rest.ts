import { z } from 'zod';
import { graphql } from '../../generated/gql';
import { integer as integerParameter } from '../../rest/parameters';
import { route } from '../../rest/route';
import { dateTime, integer, nullable, object, string } from '../../rest/shapes';

export const temporalWorkflows = route({
  method: 'GET',
  path: '/admin/temporal/workflows',
  operationId: 'listTemporalWorkflows',
  tag: 'Temporal',
  summary: 'Recent Temporal workflow executions with UI links',
  description: "Read from Temporal's visibility API (newest first); total from CountWorkflowExecutions. 503 with Retry-After while Temporal is not configured or does not answer.",
  parameters: { limit: integerParameter({ description: 'Number of workflows (default: 50, max: 100).', minimum: 1, maximum: 100, default: 50 }) },
  document: graphql(`
    query RestTemporalWorkflows($first: Int!) {
      workflows(first: $first) {
        totalCount
        edges { node { workflowId workflowType status startTime closeTime executionDurationMs temporalUiUrl } }
      }
    }
  `),
  variables: ({ limit }) => ({ first: limit }),
  shape: (data) => ({
    workflows: (data.workflows?.edges ?? []).map(({ node }) => ({
      workflow_id: node.workflowId,
      workflow_type: node.workflowType,
      status: node.status,
      start_time: node.startTime ?? null,
      close_time: node.closeTime ?? null,
      execution_duration_ms: node.executionDurationMs ?? null,
      temporal_ui_url: node.temporalUiUrl ?? null,
    })),
    total: data.workflows?.totalCount ?? 0,
  }),
  argumentParameters: { first: 'limit' },
  dependencyErrors: ['TEMPORAL_UNAVAILABLE'],
  response: {
    description: 'The most recent workflow executions.',
    example: {
      workflows: [{
        workflow_id: 'task-550e8400-e29b-41d4-a716-446655440000-1705314000', workflow_type: 'monitoring_workflow', status: 'COMPLETED',
        start_time: '2024-01-15T09:00:00.000Z', close_time: '2024-01-15T09:00:05.000Z', execution_duration_ms: 5000,
        temporal_ui_url: 'https://cloud.temporal.io/namespaces/torale.abc123/workflows/task-550e8400-e29b-41d4-a716-446655440000-1705314000/1b2c/history',
      }],
      total: 15623,
    },
    schema: object({
      workflows: z.array(
        object({
          workflow_id: string,
          workflow_type: string,
          status: z.enum(['RUNNING', 'COMPLETED', 'FAILED', 'CANCELED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT']),
          start_time: nullable(dateTime),
          close_time: nullable(dateTime),
          execution_duration_ms: nullable(integer),
          temporal_ui_url: nullable(string),
        }),
      ),
      total: integer.describe('Workflows Temporal counts (CountWorkflowExecutions), not the page length.'),
    }),
  },
});
