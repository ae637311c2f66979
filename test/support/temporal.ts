import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { startTemporalStandIn, type StandInScheduleAction, type StandInWorkflow, type TemporalStandIn } from './temporal-stand-in';

/**
 * The Temporal a test talks to: the stand-in (default), or a real server when TEMPORAL_TEST_ADDRESS
 * names one (TEMPORAL_TEST_NAMESPACE, default "default"). Data is put there through the real client
 * where a real server allows it; what only the stand-in can do (workflows in a chosen state, recent
 * actions, outages, call counts) is `standIn`, undefined against a real server, and tests needing it skip.
 */
export interface TestTemporal {
  address: string;
  namespace: string;
  /** Settings for the gateway under test. */
  environment: Record<string, string>;
  standIn: TemporalStandIn | undefined;
  client: Client;
  createSchedule(scheduleId: string, cron: string, options?: { paused?: boolean }): Promise<void>;
  isPaused(scheduleId: string): Promise<boolean | undefined>;
  addWorkflow(workflow: StandInWorkflow): Promise<void>;
  addRecentAction(scheduleId: string, action: StandInScheduleAction): void;
  close(): Promise<void>;
}

export const REAL_TEMPORAL_ADDRESS = process.env.TEMPORAL_TEST_ADDRESS || undefined;

export async function startTestTemporal(): Promise<TestTemporal> {
  const standIn = REAL_TEMPORAL_ADDRESS ? undefined : await startTemporalStandIn();
  const address = REAL_TEMPORAL_ADDRESS ?? (standIn as TemporalStandIn).address;
  const namespace = process.env.TEMPORAL_TEST_NAMESPACE || 'default';
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  const client = new Client({ connection, namespace });
  return {
    address,
    namespace,
    environment: { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace, TEMPORAL_UI_URL: 'http://temporal-ui.test', TEMPORAL_CALL_TIMEOUT_MS: '5000' },
    standIn,
    client,
    async createSchedule(scheduleId, cron, options = {}) {
      await client.schedule.create({
        scheduleId,
        spec: { cronExpressions: [cron] },
        action: { type: 'startWorkflow', workflowType: 'monitoring_workflow', taskQueue: 'monitoring', workflowId: `${scheduleId}-run` },
        state: { paused: options.paused ?? false },
      });
    },
    async isPaused(scheduleId) {
      try {
        return (await client.schedule.getHandle(scheduleId).describe()).state.paused;
      } catch (error) {
        if (error instanceof ScheduleNotFoundError) return undefined;
        throw error;
      }
    },
    async addWorkflow(workflow) {
      if (standIn) return standIn.addWorkflow(workflow);
      // A real server picks its own run id and start time, and without a worker a workflow stays Running.
      const handle = await client.workflow.start(workflow.workflowType, { taskQueue: 'admin-gateway-tests', workflowId: workflow.workflowId });
      if (workflow.status === 'Terminated') await handle.terminate('test');
    },
    addRecentAction(scheduleId, action) {
      standIn?.addRecentAction(scheduleId, action);
    },
    async close() {
      await connection.close();
      await standIn?.stop();
    },
  };
}
