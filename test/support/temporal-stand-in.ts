/**
 * A stand-in for Temporal's gRPC WorkflowService, for tests: the production `@temporalio/client`
 * talks to it over a real socket, with the wire types of `@temporalio/proto`.
 *
 * What it is NOT: a Temporal server. It runs no workers and keeps no event history; workflows exist
 * only because a test put them there (`addWorkflow`), and schedules never fire (their recent
 * actions are whatever a test gave them; their future action times are computed from the calendar).
 * It answers only GetSystemInfo, ListWorkflowExecutions and CountWorkflowExecutions (the visibility
 * query subset in temporal-visibility-query.ts, page tokens, GROUP BY ExecutionStatus), and
 * ListSchedules, DescribeSchedule, PatchSchedule (pause/unpause) and CreateSchedule; every other
 * method is UNIMPLEMENTED. One namespace. `stop()` and `start()` take it off and back onto the same
 * port, keeping its data, to simulate an outage. It counts the calls it receives, per method.
 */
import * as grpc from '@grpc/grpc-js';
import { createRequire } from 'node:module';
import { cronToCalendar, nextTimes } from './temporal-calendar';
import { parseVisibilityQuery, matches, type Literal } from './temporal-visibility-query';

/** The protobufjs reflection of @temporalio/proto, as far as the stand-in uses it. */
interface Type {
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
  fromObject(value: unknown): unknown;
  toObject(message: unknown, options: object): any;
}
interface ServiceReflection {
  resolveAll(): void;
  methodsArray: { name: string; resolvedRequestType: Type | null; resolvedResponseType: Type | null }[];
}
const protoRoot = createRequire(import.meta.url)('@temporalio/proto') as { lookupService(name: string): ServiceReflection };

const SERVICE = 'temporal.api.workflowservice.v1.WorkflowService';
export const WORKFLOW_STATUSES = ['Running', 'Completed', 'Failed', 'Canceled', 'Terminated', 'ContinuedAsNew', 'TimedOut'] as const;
export type WorkflowStatusName = (typeof WORKFLOW_STATUSES)[number];

export interface StandInWorkflow {
  workflowId: string;
  runId: string;
  workflowType: string;
  status: WorkflowStatusName;
  startTime: Date;
  closeTime?: Date;
}

export interface StandInScheduleAction {
  scheduledAt: Date;
  takenAt: Date;
  workflowId: string;
  runId: string;
}

interface StoredSchedule {
  scheduleId: string;
  schedule: any;
  memo: unknown;
  searchAttributes: unknown;
  recentActions: StandInScheduleAction[];
  createTime: Date;
  updateTime: Date;
}

export interface PauseRequest {
  scheduleId: string;
  note: string;
  requestId: string;
}

type Handler = (request: any, metadata: grpc.Metadata) => unknown;

class StandInError extends Error {
  constructor(readonly code: grpc.status, message: string) {
    super(message);
  }
}

const seconds = (date: Date) => ({ seconds: Math.floor(date.getTime() / 1000), nanos: (date.getTime() % 1000) * 1e6 });
const plain = (type: Type, message: any) => type.toObject(message, { longs: Number, enums: Number, defaults: false });
const tokenOf = (value: object) => Buffer.from(JSON.stringify(value));

function pageFrom(token: Uint8Array | undefined, query: string): number {
  if (!token || token.length === 0) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token).toString());
    if (parsed.query === query && Number.isInteger(parsed.offset)) return parsed.offset;
  } catch {
    // falls through to the error below
  }
  throw new StandInError(grpc.status.INVALID_ARGUMENT, 'invalid page token');
}

function page<T>(items: T[], request: { nextPageToken?: Uint8Array; query?: string }, size: number) {
  const offset = pageFrom(request.nextPageToken, request.query ?? '');
  const limit = size > 0 ? size : 1000;
  const slice = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  return { slice, nextPageToken: more ? tokenOf({ offset: offset + limit, query: request.query ?? '' }) : undefined };
}

function query(text: string | undefined) {
  try {
    return parseVisibilityQuery(text ?? '');
  } catch (error) {
    throw new StandInError(grpc.status.INVALID_ARGUMENT, (error as Error).message);
  }
}

export interface TemporalStandIn {
  address: string;
  namespace: string;
  /** Calls received per method name since the start (or the last `resetCalls`). */
  calls(method?: string): number;
  resetCalls(): void;
  addWorkflow(workflow: StandInWorkflow): void;
  /** Records a run the schedule "took" (schedules never fire here). */
  addRecentAction(scheduleId: string, action: StandInScheduleAction): void;
  isPaused(scheduleId: string): boolean | undefined;
  deleteSchedule(scheduleId: string): void;
  /** Every PatchSchedule pause received, in order. */
  pauseRequests: PauseRequest[];
  /** Holds every answer this long (to see how many calls a client keeps in flight). */
  setResponseDelay(milliseconds: number): void;
  /** The most calls of a method that were in flight at once. */
  maxInFlight(method: string): number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startTemporalStandIn(options: { namespace?: string; apiKey?: string; port?: number } = {}): Promise<TemporalStandIn> {
  const namespace = options.namespace ?? 'default';
  const service = protoRoot.lookupService(SERVICE);
  service.resolveAll();
  const workflows: StandInWorkflow[] = [];
  const schedules = new Map<string, StoredSchedule>();
  const pauseRequests: PauseRequest[] = [];
  let counts = new Map<string, number>();
  let responseDelayMs = 0;
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();

  const scheduleAttributes = (stored: StoredSchedule): Record<string, Literal> => ({
    ScheduleId: stored.scheduleId,
    WorkflowId: stored.scheduleId,
    TemporalSchedulePaused: Boolean(stored.schedule.state?.paused),
  });
  const findSchedule = (scheduleId: string) => {
    const stored = schedules.get(scheduleId);
    if (!stored) throw new StandInError(grpc.status.NOT_FOUND, `schedule not found: ${scheduleId}`);
    return stored;
  };
  const recentActions = (stored: StoredSchedule) =>
    stored.recentActions.slice(-10).map((action) => ({
      scheduleTime: seconds(action.scheduledAt),
      actualTime: seconds(action.takenAt),
      startWorkflowResult: { workflowId: action.workflowId, runId: action.runId },
    }));
  const futureActionTimes = (stored: StoredSchedule) =>
    (stored.schedule.state?.paused ? [] : nextTimes(stored.schedule.spec?.structuredCalendar?.[0] ?? {}, new Date(), 5)).map(seconds);
  const workflowAttributes = (workflow: StandInWorkflow): Record<string, Literal | undefined> => ({
    WorkflowId: workflow.workflowId,
    RunId: workflow.runId,
    WorkflowType: workflow.workflowType,
    ExecutionStatus: workflow.status,
    StartTime: workflow.startTime.toISOString(),
    CloseTime: workflow.closeTime?.toISOString(),
  });
  const filteredWorkflows = (text: string | undefined) => {
    const parsed = query(text);
    return workflows
      .filter((workflow) => matches(parsed, workflowAttributes(workflow), Object.keys(workflowAttributes(workflow))))
      .sort((a, b) => b.startTime.getTime() - a.startTime.getTime() || (a.runId < b.runId ? 1 : -1));
  };
  const guardQuery = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (error instanceof StandInError) throw error;
      throw new StandInError(grpc.status.INVALID_ARGUMENT, (error as Error).message);
    }
  };

  const handlers: Record<string, Handler> = {
    GetSystemInfo: () => ({ serverVersion: 'stand-in', capabilities: { signalAndQueryHeader: true, internalErrorDifferentiation: true } }),
    ListWorkflowExecutions: (request) => {
      const { slice, nextPageToken } = page(guardQuery(() => filteredWorkflows(request.query)), request, request.pageSize ?? 0);
      return {
        executions: slice.map((workflow) => ({
          execution: { workflowId: workflow.workflowId, runId: workflow.runId },
          type: { name: workflow.workflowType },
          startTime: seconds(workflow.startTime),
          closeTime: workflow.closeTime && seconds(workflow.closeTime),
          executionTime: seconds(workflow.startTime),
          status: WORKFLOW_STATUSES.indexOf(workflow.status) + 1,
          taskQueue: 'monitoring',
        })),
        nextPageToken,
      };
    },
    CountWorkflowExecutions: (request) => {
      const parsed = query(request.query);
      const found = guardQuery(() => filteredWorkflows(request.query));
      if (!parsed.groupBy) return { count: found.length };
      const groups = WORKFLOW_STATUSES.map((status) => ({ status, count: found.filter((workflow) => workflow.status === status).length }))
        .filter((group) => group.count > 0)
        .map(({ status, count }) => ({ groupValues: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(status)) }], count }));
      return { count: found.length, groups };
    },
    CreateSchedule: (request) => {
      if (schedules.has(request.scheduleId)) throw new StandInError(grpc.status.ALREADY_EXISTS, 'schedule with this ID is already registered');
      const schedule = request.schedule ?? {};
      const spec = schedule.spec ?? {};
      // A real server keeps the calendar, not the cron text it was given.
      if (spec.cronString?.length) {
        spec.structuredCalendar = [...(spec.structuredCalendar ?? []), ...spec.cronString.map(cronToCalendar)];
        delete spec.cronString;
      }
      const now = new Date();
      schedules.set(request.scheduleId, { scheduleId: request.scheduleId, schedule: { ...schedule, spec }, memo: request.memo, searchAttributes: request.searchAttributes, recentActions: [], createTime: now, updateTime: now });
      return { conflictToken: Buffer.from('1') };
    },
    DescribeSchedule: (request) => {
      const stored = findSchedule(request.scheduleId);
      return {
        schedule: stored.schedule,
        info: {
          actionCount: stored.recentActions.length,
          recentActions: recentActions(stored),
          futureActionTimes: futureActionTimes(stored),
          createTime: seconds(stored.createTime),
          updateTime: seconds(stored.updateTime),
        },
        memo: stored.memo,
        searchAttributes: stored.searchAttributes,
        conflictToken: Buffer.from('1'),
      };
    },
    PatchSchedule: (request) => {
      const stored = findSchedule(request.scheduleId);
      const patch = request.patch ?? {};
      const state = (stored.schedule.state ??= {});
      if (patch.pause) {
        pauseRequests.push({ scheduleId: request.scheduleId, note: patch.pause, requestId: request.requestId ?? '' });
        Object.assign(state, { paused: true, notes: patch.pause });
      } else if (patch.unpause) {
        Object.assign(state, { paused: false, notes: patch.unpause });
      }
      stored.updateTime = new Date();
      return {};
    },
    ListSchedules: (request) => {
      const parsed = query(request.query);
      const found = [...schedules.values()]
        .filter((stored) => guardQuery(() => matches(parsed, scheduleAttributes(stored), Object.keys(scheduleAttributes(stored)))))
        .sort((a, b) => (a.scheduleId < b.scheduleId ? -1 : 1));
      const { slice, nextPageToken } = page(found, request, request.maximumPageSize ?? 0);
      return {
        schedules: slice.map((stored) => ({
          scheduleId: stored.scheduleId,
          memo: stored.memo,
          searchAttributes: stored.searchAttributes,
          info: {
            spec: stored.schedule.spec,
            workflowType: stored.schedule.action?.startWorkflow?.workflowType,
            notes: stored.schedule.state?.notes,
            paused: Boolean(stored.schedule.state?.paused),
            recentActions: recentActions(stored),
            futureActionTimes: futureActionTimes(stored),
          },
        })),
        nextPageToken,
      };
    },
  };

  const definition: Record<string, grpc.MethodDefinition<any, any>> = {};
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const method of service.methodsArray) {
    const requestType = method.resolvedRequestType as Type;
    const responseType = method.resolvedResponseType as Type;
    definition[method.name] = {
      path: `/${SERVICE}/${method.name}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: (value: any) => Buffer.from(requestType.encode(requestType.fromObject(value)).finish()),
      requestDeserialize: (bytes: Buffer) => requestType.decode(bytes),
      responseSerialize: (value: any) => Buffer.from(responseType.encode(responseType.fromObject(value)).finish()),
      responseDeserialize: (bytes: Buffer) => responseType.decode(bytes),
    };
    implementation[method.name] = (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
      counts.set(method.name, (counts.get(method.name) ?? 0) + 1);
      try {
        const handler = handlers[method.name];
        if (!handler) throw new StandInError(grpc.status.UNIMPLEMENTED, `${method.name} is not implemented by the Temporal stand-in`);
        if (options.apiKey !== undefined && call.metadata.get('authorization')[0] !== `Bearer ${options.apiKey}`) {
          throw new StandInError(grpc.status.UNAUTHENTICATED, 'invalid API key');
        }
        const request = plain(requestType, call.request);
        if (method.name !== 'GetSystemInfo' && request.namespace !== namespace) {
          throw new StandInError(grpc.status.NOT_FOUND, `Namespace ${request.namespace} is not found.`);
        }
        const answer = handler(request, call.metadata);
        const now = (inFlight.get(method.name) ?? 0) + 1;
        inFlight.set(method.name, now);
        maxInFlight.set(method.name, Math.max(now, maxInFlight.get(method.name) ?? 0));
        setTimeout(() => {
          inFlight.set(method.name, (inFlight.get(method.name) ?? 1) - 1);
          callback(null, answer);
        }, responseDelayMs);
      } catch (error) {
        const known = error instanceof StandInError;
        callback({ code: known ? error.code : grpc.status.INTERNAL, details: (error as Error).message });
      }
    };
  }

  let server: grpc.Server | undefined;
  let port = options.port ?? 0;
  async function start() {
    if (server) return;
    const next = new grpc.Server();
    next.addService(definition, implementation);
    port = await new Promise<number>((resolve, reject) =>
      next.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    server = next;
  }
  await start();

  return {
    address: `127.0.0.1:${port}`,
    namespace,
    calls: (method) => (method ? (counts.get(method) ?? 0) : [...counts.values()].reduce((sum, count) => sum + count, 0)),
    resetCalls: () => {
      counts = new Map();
      maxInFlight.clear();
    },
    setResponseDelay: (milliseconds) => {
      responseDelayMs = milliseconds;
    },
    maxInFlight: (method) => maxInFlight.get(method) ?? 0,
    addWorkflow: (workflow) => workflows.push(workflow),
    addRecentAction: (scheduleId, action) => findSchedule(scheduleId).recentActions.push(action),
    isPaused: (scheduleId) => (schedules.has(scheduleId) ? Boolean(schedules.get(scheduleId)?.schedule.state?.paused) : undefined),
    deleteSchedule: (scheduleId) => void schedules.delete(scheduleId),
    pauseRequests,
    start,
    async stop() {
      const current = server;
      server = undefined;
      current?.forceShutdown();
    },
  };
}
