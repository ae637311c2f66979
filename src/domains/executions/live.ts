import { defineLiveChannel } from '../../live/channel';

/** An execution failed: inserted as failed, or updated to failed (triggers of migration 0020). */
export const executionFailed = defineLiveChannel({
  name: 'execution_failed',
  table: 'executions',
  rule: "status = 'failed'",
  payload: { id: 'id', userId: 'user_id', taskId: 'task_id' },
  at: 'coalesce(completed_at, started_at)',
  // Executions are shorter than an hour: the started_at index bounds the scan.
  replayBound: "started_at >= $1::timestamptz - interval '1 hour'",
});
