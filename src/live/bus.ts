import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from '../db/database';
import type { Logger } from '../core/logger';
import { replayQuery } from './channel';
import { LIVE_CHANNELS } from './channels';

/** Changes to API keys and their owners (triggers in migration 0021), for the principal cache; never replayed. */
export const PRINCIPAL_CHANGED = 'principal_changed' as const;
/** The NOTIFY channels: those the domains declare (their triggers are in migration 0020), and principal changes. */
export const CHANNELS = [...LIVE_CHANNELS.map((channel) => channel.name), PRINCIPAL_CHANGED];
export type Channel = (typeof LIVE_CHANNELS)[number]['name'] | typeof PRINCIPAL_CHANGED;

/** What a trigger sends: ids only. `userId`/`taskId` come with execution_failed, `userId` with principal_changed. */
export interface EventIds {
  id: string;
  userId?: string;
  taskId?: string;
}

export type BusState = 'starting' | 'listening' | 'reconnecting' | 'stopped';
export type EventListener = (event: EventIds) => void;

/** Database events for this process: one listening connection, fanned out to any number of subscribers. */
export interface EventBus {
  readonly kind: 'postgres' | 'pglite';
  state(): BusState;
  /** How many times the bus has started listening: a change means events may have been missed in between. */
  generation(): number;
  subscribe(channel: Channel, listener: EventListener): () => void;
  /**
   * True once every announcement committed before the call has been dispatched to the subscribers; false when that
   * cannot be confirmed within a second (not listening, or the connection does not answer).
   */
  caughtUp(): Promise<boolean>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function parsePayload(payload: string | undefined): EventIds | undefined {
  try {
    const parsed: unknown = JSON.parse(payload ?? '');
    if (parsed && typeof parsed === 'object' && typeof (parsed as EventIds).id === 'string') return parsed as EventIds;
  } catch {
    // reported by the caller
  }
  return undefined;
}

const REMEMBERED_EVENTS = 10_000;

function createFanOut(log: Logger) {
  const listeners = new Map<Channel, Set<EventListener>>(CHANNELS.map((channel) => [channel, new Set()]));
  // The latest events dispatched, so that a replay after a reconnect does not repeat them.
  const recent = new Set<string>();
  return {
    subscribe(channel: Channel, listener: EventListener) {
      listeners.get(channel)!.add(listener);
      return () => void listeners.get(channel)!.delete(listener);
    },
    /** Returns whether the event went out (a replayed one that was already dispatched does not). */
    dispatch(channel: string, payload: string | undefined, { replayed = false } = {}): boolean {
      const event = parsePayload(payload);
      const targets = listeners.get(channel as Channel);
      if (!event || !targets) {
        log.warn({ channel, payload }, 'ignored a malformed database event');
        return false;
      }
      const key = `${channel}:${event.id}`;
      if (replayed && recent.has(key)) return false;
      recent.add(key);
      if (recent.size > REMEMBERED_EVENTS) recent.delete(recent.values().next().value as string);
      for (const listener of targets) listener(event);
      return true;
    },
  };
}

/**
 * What the triggers would have sent since the last moment the bus knew it was listening; a failure is looked up
 * by start time within the hour before (see each channel's declaration).
 */
const REPLAY_SQL = replayQuery(LIVE_CHANNELS);

export interface PostgresBusOptions {
  /** First reconnect delay; doubled per failed attempt up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** How often the listening connection is probed (which also notes the database's clock for replays). */
  heartbeatMs?: number;
}

/** LISTEN on a dedicated connection (never a pooled one), reconnecting with backoff when it is lost. */
export function createPostgresEventBus(url: string, log: Logger, { initialDelayMs = 100, maxDelayMs = 5_000, heartbeatMs = 15_000 }: PostgresBusOptions = {}): EventBus {
  const fanOut = createFanOut(log);
  let state: BusState = 'starting';
  let generation = 0;
  let client: pg.Client | undefined;
  let attempt = 0;
  let lostAt: number | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopHeartbeat: (() => void) | undefined;
  /** The database's clock at the last moment this bus is sure it was listening. */
  let lastDatabaseTime: string | undefined;

  function scheduleReconnect(reason: unknown) {
    if (state === 'stopped' || retryTimer) return;
    const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt) * (0.8 + Math.random() * 0.4);
    attempt += 1;
    lostAt ??= Date.now();
    state = 'reconnecting';
    log.warn({ attempt, delayMs: Math.round(delayMs), err: reason }, 'event bus: database connection lost, reconnecting');
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delayMs);
  }

  async function connect() {
    const candidate = new pg.Client({
      connectionString: url,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: 'admin-gateway events',
    });
    let failed = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const onLost = (reason: unknown) => {
      if (failed) return;
      failed = true;
      clearInterval(heartbeat);
      candidate.removeAllListeners('notification');
      candidate.end().catch(() => {});
      if (client === candidate) client = undefined;
      scheduleReconnect(reason);
    };
    candidate.on('error', onLost);
    candidate.on('end', () => onLost(new Error('connection ended')));
    candidate.on('notification', (message) => fanOut.dispatch(message.channel, message.payload));
    let replayed = 0;
    try {
      await candidate.connect();
      for (const channel of CHANNELS) await candidate.query(`listen ${channel}`);
      // Listening again: send what was written while nobody listened (already-sent events are skipped).
      if (lostAt !== undefined && lastDatabaseTime) {
        const missed = await candidate.query<{ channel: string; payload: string }>(REPLAY_SQL, [lastDatabaseTime]);
        for (const row of missed.rows) if (fanOut.dispatch(row.channel, row.payload, { replayed: true })) replayed += 1;
      }
      lastDatabaseTime = (await candidate.query<{ now: string }>('select now()::text as now')).rows[0]!.now;
    } catch (error) {
      onLost(error);
      return;
    }
    if (state === 'stopped') {
      failed = true;
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
    // A connection that silently stopped answering (a partition, no RST) is noticed within heartbeatMs + 5 s.
    heartbeat = setInterval(() => {
      const timeout = setTimeout(() => onLost(new Error('heartbeat timed out')), 5_000).unref();
      candidate.query<{ now: string }>('select now()::text as now').then(
        ({ rows }) => {
          clearTimeout(timeout);
          lastDatabaseTime = rows[0]!.now;
        },
        (error: unknown) => {
          clearTimeout(timeout);
          onLost(error);
        },
      );
    }, heartbeatMs);
    heartbeat.unref();
    stopHeartbeat = () => clearInterval(heartbeat);
    if (lostAt !== undefined) log.info({ attempts: attempt, downMs: Date.now() - lostAt, replayed }, 'event bus: listening again');
    else log.info({ channels: CHANNELS }, 'event bus: listening');
    state = 'listening';
    generation += 1;
    attempt = 0;
    lostAt = undefined;
  }

  // PostgreSQL writes a listening session's pending notifications before it answers any query on it, so one empty
  // query there (no statement, no pooled connection) is enough; callers that arrive while one is in flight share the next.
  let inFlight: Promise<boolean> | undefined;
  let queued: Promise<boolean> | undefined;
  function caughtUp(): Promise<boolean> {
    if (!inFlight) {
      const current = client;
      if (!current || state !== 'listening') return Promise.resolve(false);
      let timer: NodeJS.Timeout | undefined;
      const answered = current.query('').then(() => true, () => false);
      const tooLate = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 1_000)));
      inFlight = Promise.race([answered, tooLate]).finally(() => {
        clearTimeout(timer);
        inFlight = undefined;
      });
      return inFlight;
    }
    queued ??= inFlight.then(() => {
      queued = undefined;
      return caughtUp();
    });
    return queued;
  }

  return {
    kind: 'postgres',
    state: () => state,
    generation: () => generation,
    subscribe: fanOut.subscribe,
    caughtUp,
    start: connect,
    async stop() {
      state = 'stopped';
      clearTimeout(retryTimer);
      retryTimer = undefined;
      const current = client;
      client = undefined;
      stopHeartbeat?.();
      current?.removeAllListeners();
      current?.on('error', () => {});
      await current?.end().catch(() => {});
    },
  };
}

/** Embedded mode: PGlite delivers NOTIFYs of its single in-process session to listen() callbacks. */
export function createPgliteEventBus(pglite: PGlite, log: Logger): EventBus {
  const fanOut = createFanOut(log);
  let state: BusState = 'starting';
  const unlisteners: (() => Promise<void>)[] = [];
  return {
    kind: 'pglite',
    state: () => state,
    generation: () => (state === 'listening' ? 1 : 0),
    subscribe: fanOut.subscribe,
    // PGlite's session is in this process: its notifications are dispatched within the turn that wrote them.
    caughtUp: () => new Promise((resolve) => setImmediate(() => resolve(state === 'listening'))),
    async start() {
      for (const channel of CHANNELS) unlisteners.push(await pglite.listen(channel, (payload) => fanOut.dispatch(channel, payload)));
      state = 'listening';
    },
    async stop() {
      state = 'stopped';
      for (const unlisten of unlisteners.splice(0)) await unlisten().catch(() => {});
    },
  };
}

export function createEventBus(database: Database, log: Logger, options?: PostgresBusOptions): EventBus {
  const busLog = log.child({ component: 'events' });
  return database.driver.kind === 'postgres'
    ? createPostgresEventBus(database.driver.url, busLog, options)
    : createPgliteEventBus(database.driver.pglite, busLog);
}
