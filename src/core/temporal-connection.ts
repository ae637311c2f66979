import type { Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import type { TemporalSettings } from './temporal-settings';

export type WorkflowService = Connection['workflowService'];

/** How long a caller is told to wait before asking again while Temporal is away. */
export const TEMPORAL_RETRY_AFTER_SECONDS = 5;
const PROBE_TIMEOUT_MS = 1_000;

/** Temporal is not configured, unreachable, or refused us; `reason` is for the log and for operators, never a stack. */
export class TemporalUnavailable extends Error {
  constructor(readonly reason: string) {
    super(`Temporal is unavailable: ${reason}`);
  }
}

/** The schedule (or workflow) named does not exist in Temporal. */
export class TemporalNotFound extends Error {}

export type TemporalState = 'not_configured' | 'up' | 'down';

export interface Temporal {
  readonly configured: boolean;
  readonly namespace: string | undefined;
  /**
   * Runs one or more calls on the WorkflowService with a deadline of TEMPORAL_CALL_TIMEOUT_MS from now
   * (without one the client retries an unreachable server for about 20 s). Failures become
   * TemporalUnavailable or TemporalNotFound; anything else (a query we built wrongly) is thrown as is.
   */
  call<T>(operation: string, run: (service: WorkflowService, namespace: string) => Promise<T>): Promise<T>;
  workflowUrl(workflowId: string, runId: string): string | null;
  scheduleUrl(scheduleId: string): string | null;
  /** Asks Temporal (GetSystemInfo, 1 s deadline) whether it answers; concurrent askers share one call. */
  probe(): Promise<TemporalState>;
  close(): Promise<void>;
}

/**
 * The Temporal client and gRPC, loaded on the first call: together they hold about 10 MB of heap and 35 MB of
 * resident code, which a gateway without Temporal (or one that never calls it) does not carry.
 */
type TemporalModules = { Connection: typeof Connection; isGrpcServiceError: typeof import('@temporalio/client').isGrpcServiceError; grpcStatus: typeof import('@grpc/grpc-js').status };
let temporalModules: Promise<TemporalModules> | undefined;
const loadTemporalModules = () =>
  (temporalModules ??= Promise.all([import('@temporalio/client'), import('@grpc/grpc-js')]).then(([client, grpc]) => ({
    Connection: client.Connection,
    isGrpcServiceError: client.isGrpcServiceError,
    grpcStatus: grpc.status,
  })));

function classify(error: unknown, { isGrpcServiceError, grpcStatus }: TemporalModules): Error {
  if (error instanceof TemporalUnavailable || error instanceof TemporalNotFound) return error;
  const cause = isGrpcServiceError(error) ? error : isGrpcServiceError((error as { cause?: unknown })?.cause) ? (error as { cause: unknown }).cause : undefined;
  if (cause && isGrpcServiceError(cause)) {
    if (cause.code === grpcStatus.NOT_FOUND) return new TemporalNotFound(cause.details || 'not found');
    if (cause.code === grpcStatus.INVALID_ARGUMENT) return new Error(`Temporal refused a request: ${cause.details}`);
    const name = grpcStatus[cause.code] ?? String(cause.code);
    return new TemporalUnavailable(cause.code === grpcStatus.DEADLINE_EXCEEDED ? 'no answer within the call deadline' : `${name}: ${cause.details}`);
  }
  return new TemporalUnavailable((error as Error)?.message ?? 'unknown error');
}

/** A Temporal that is not configured: every call is TemporalUnavailable, and links are null. */
const notConfigured: Temporal = {
  configured: false,
  namespace: undefined,
  call: () => Promise.reject(new TemporalUnavailable('not configured (set TEMPORAL_ADDRESS)')),
  workflowUrl: () => null,
  scheduleUrl: () => null,
  probe: async () => 'not_configured',
  close: async () => {},
};

/**
 * The gateway's one Temporal connection. Nothing connects at start-up: the channel is made lazily by
 * the first call, and every call carries its own deadline, so a missing server costs a caller at
 * most TEMPORAL_CALL_TIMEOUT_MS and never holds the process.
 */
export function createTemporal(settings: TemporalSettings | undefined, log: Logger): Temporal {
  if (!settings) return notConfigured;
  let opened: Promise<{ connection: Connection; modules: TemporalModules }> | undefined;
  const open = () => (opened ??= loadTemporalModules().then((modules) => ({ modules, connection: modules.Connection.lazy({
    address: settings.address,
    tls: settings.tls,
    apiKey: settings.apiKey,
    connectTimeout: settings.callTimeoutMs,
    // gRPC's own reconnect backoff grows to 120 s: after an outage the gateway would keep answering
    // TEMPORAL_UNAVAILABLE long after Temporal is back. Retry the channel at most every 2 s.
    channelArgs: { 'grpc.initial_reconnect_backoff_ms': 200, 'grpc.max_reconnect_backoff_ms': 2_000 },
  }) })));
  const namespace = settings.namespace;
  const base = `${settings.uiUrl}/namespaces/${encodeURIComponent(namespace)}`;
  let lastState: TemporalState | undefined;
  let probing: Promise<TemporalState> | undefined;

  const noteState = (state: TemporalState, detail?: string) => {
    if (state !== lastState) {
      if (state === 'down') log.warn({ detail }, 'temporal: unavailable');
      else if (lastState === 'down') log.info('temporal: available again');
    }
    lastState = state;
  };

  async function withDeadline<T>(operation: string, timeoutMs: number, run: (connection: Connection) => Promise<T>): Promise<T> {
    const { connection, modules } = await open();
    try {
      const result = await connection.withDeadline(Date.now() + timeoutMs, () => run(connection));
      noteState('up');
      return result;
    } catch (error) {
      const classified = classify(error, modules);
      if (classified instanceof TemporalUnavailable) noteState('down', `${operation}: ${classified.reason}`);
      else if (classified instanceof TemporalNotFound) noteState('up');
      throw classified;
    }
  }

  return {
    configured: true,
    namespace,
    call: (operation, run) => withDeadline(operation, settings.callTimeoutMs, (connection) => run(connection.workflowService, namespace)),
    workflowUrl: (workflowId, runId) => `${base}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`,
    scheduleUrl: (scheduleId) => `${base}/schedules/${encodeURIComponent(scheduleId)}`,
    probe() {
      probing ??= withDeadline('GetSystemInfo', Math.min(PROBE_TIMEOUT_MS, settings.callTimeoutMs), (connection) => connection.workflowService.getSystemInfo({}))
        .then(() => 'up' as const, () => 'down' as const)
        .finally(() => {
          probing = undefined;
        });
      return probing;
    },
    // Nothing to close when no call ever opened the connection.
    close: async () => {
      if (opened) await (await opened).connection.close();
    },
  };
}
