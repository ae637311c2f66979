import { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { WebSocket } from 'ws';
import { AccessDenied, type Principal } from '../access/principal';
import { closeCodeOf, gatewayError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Channel, EventBus, EventIds } from './bus';
import { flushSocket, unflushedMessages } from './ws-server';

/** Close code for a subscriber that fell behind. */
export const SUBSCRIBER_TOO_SLOW = closeCodeOf('SUBSCRIBER_TOO_SLOW');
/** Sent when the principal is revoked or deactivated (Forbidden, whatever the re-check's own code). */
export const PRINCIPAL_REVOKED = closeCodeOf('FORBIDDEN');

export interface LiveFeedOptions {
  /** Events waiting for one subscriber; one more and that subscriber is disconnected. */
  queueLimit: number;
  /** Bytes waiting in a subscriber's socket; more and that subscriber is disconnected. */
  maxBacklogBytes: number;
  /** How often an open subscription re-checks that its principal may still read. */
  authRecheckMs: number;
  /** The same check the HTTP context runs, for an Authorization header value. */
  authenticate: (authorization: string | null | undefined) => Promise<Principal>;
}

export interface LiveFeedStats {
  subscribers: number;
  /** The most events ever waiting for one subscriber at once. */
  peakQueued: number;
  /** Subscribers disconnected for falling behind. */
  slowDisconnects: number;
  delivered: number;
}

/** The socket a subscription is delivered over, found in its context (graphql-ws puts `socket`, Yoga's node adapter `res`). */
interface Transport {
  backlogBytes(): number;
  /** Events already sent that the kernel has not taken yet (they count as waiting). */
  unflushed(): number;
  close(code: number, reason: string): void;
}

/**
 * Closes a WebSocket after the messages already sent to it this turn, and drops it a second later if the peer never
 * answers (a stalled one does not).
 */
export function closeWebSocket(socket: WebSocket, code: number, reason: string) {
  if (socket.readyState !== WebSocket.OPEN) return;
  flushSocket(socket);
  socket.close(code, reason);
  setTimeout(() => socket.terminate(), 1_000).unref();
}

function transportOf(context: object): Transport | undefined {
  const { socket, res } = context as { socket?: unknown; res?: unknown };
  if (socket instanceof WebSocket) {
    return {
      backlogBytes: () => socket.bufferedAmount,
      unflushed: () => unflushedMessages(socket),
      close: (code, reason) => closeWebSocket(socket, code, reason),
    };
  }
  if (res instanceof ServerResponse) {
    return {
      backlogBytes: () => res.writableLength,
      unflushed: () => 0,
      // Give the error event a moment to leave, then drop the stream.
      close: () => void setTimeout(() => res.destroy(), 200).unref(),
    };
  }
  return undefined;
}

function authorizationOf(context: object): string | null {
  const { request } = context as { request?: { headers?: { get(name: string): string | null } } };
  return request?.headers?.get('authorization') ?? null;
}

/**
 * One subscription's events: ids from the bus queue here (at most `queueLimit`), each is turned into a row by
 * `resolve` (through the request's loaders; undefined skips it) when the consumer asks for the next one.
 * A plain iterator rather than an async generator, so that `return()` ends an idle subscription at once.
 */
class LiveSubscription<Row> implements AsyncIterableIterator<Row> {
  private readonly queue: EventIds[] = [];
  private waiter: (() => void) | undefined;
  private failure: GraphQLError | undefined;
  private done = false;
  private readonly cleanups: (() => void)[] = [];
  /** Found once: the transport never changes, and every event of every subscriber asks for it. */
  private readonly transport: Transport | undefined;

  constructor(
    private readonly feed: LiveFeed,
    private readonly context: object,
    channel: Channel,
    private readonly resolve: (event: EventIds) => Promise<Row | undefined>,
  ) {
    this.transport = transportOf(context);
    const stats = feed.stats;
    stats.subscribers += 1;
    feed.open.add(this);
    this.cleanups.push(() => {
      stats.subscribers -= 1;
      feed.open.delete(this);
    });
    this.cleanups.push(feed.bus.subscribe(channel, (event) => this.push(event)));
    const authorization = authorizationOf(context);
    const recheck = setInterval(() => {
      feed.recheck(authorization).catch((error: unknown) => {
        // Only a refusal ends the subscription; a database that is briefly away does not.
        if (!(error instanceof AccessDenied)) return feed.log.warn({ err: error }, 'could not re-check a subscriber; keeping it');
        this.fail(gatewayError(error.code, error.detail), PRINCIPAL_REVOKED);
      });
    }, feed.options.authRecheckMs);
    recheck.unref();
    this.cleanups.push(() => clearInterval(recheck));
  }

  private push(event: EventIds) {
    if (this.done || this.failure) return;
    const transport = this.transport;
    if (this.queue.length + (transport?.unflushed() ?? 0) >= this.feed.options.queueLimit || (transport?.backlogBytes() ?? 0) > this.feed.options.maxBacklogBytes) {
      this.feed.stats.slowDisconnects += 1;
      this.feed.log.warn({ queued: this.queue.length, backlogBytes: transport?.backlogBytes() }, 'subscriber fell behind; disconnecting it');
      this.fail(
        gatewayError('SUBSCRIBER_TOO_SLOW', `Subscriber fell behind by more than ${this.feed.options.queueLimit} events; subscribe again`),
        SUBSCRIBER_TOO_SLOW,
      );
      return;
    }
    this.queue.push(event);
    this.feed.stats.peakQueued = Math.max(this.feed.stats.peakQueued, this.queue.length);
    this.wake();
  }

  private fail(error: GraphQLError, closeCode: number) {
    if (this.done || this.failure) return;
    this.failure = error;
    this.queue.length = 0;
    this.stopListening();
    this.wake();
    this.transport?.close(closeCode, error.message.slice(0, 100));
  }

  private wake() {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  private stopListening() {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  async next(): Promise<IteratorResult<Row>> {
    for (;;) {
      if (this.done) return { done: true, value: undefined };
      if (this.failure) {
        this.done = true;
        throw this.failure;
      }
      const event = this.queue.shift();
      if (!event) {
        await new Promise<void>((resolve) => (this.waiter = resolve));
        continue;
      }
      const row = await this.resolve(event);
      if (row !== undefined && !this.done) {
        this.feed.stats.delivered += 1;
        return { done: false, value: row };
      }
    }
  }

  async return(): Promise<IteratorResult<Row>> {
    this.done = true;
    this.queue.length = 0;
    this.stopListening();
    this.wake();
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/** What subscriptions read: this instance's event bus, with per-subscriber bounds and principal re-checks. */
export class LiveFeed {
  readonly stats: LiveFeedStats = { subscribers: 0, peakQueued: 0, slowDisconnects: 0, delivered: 0 };
  /** Subscriptions not yet ended, so that shutdown can complete them. */
  readonly open = new Set<{ return(): Promise<unknown> }>();
  private readonly rechecks = new Map<string, { at: number; principal: Promise<Principal> }>();
  /** The rows of the latest events (as many as one subscriber may have queued), read once for every subscriber. */
  private readonly eventRows = new Map<string, Promise<unknown>>();

  constructor(
    readonly bus: EventBus,
    readonly options: LiveFeedOptions,
    readonly log: Logger,
  ) {}

  /** Rows for the events of `channel`, in order; `resolve` loads one (undefined: not for this subscriber). */
  subscribe<Row>(context: object, channel: Channel, resolve: (event: EventIds) => Promise<Row | undefined>): AsyncIterableIterator<Row> {
    return new LiveSubscription(this, context, channel, resolve);
  }

  /**
   * An event's row, read by the first subscriber that asks and shared with every other (so one statement per event,
   * however many subscribe, and one row object, so that equal selections over it are executed once: see
   * shared-execution.ts). Subscribers apply their own filters to it in memory. A failed read is not kept.
   */
  readOnce<Row>(channel: Channel, id: string, read: () => Promise<Row | undefined>): Promise<Row | undefined> {
    const key = `${channel}:${id}`;
    let row = this.eventRows.get(key) as Promise<Row | undefined> | undefined;
    if (!row) {
      row = read();
      row.catch(() => this.eventRows.delete(key));
      this.eventRows.set(key, row);
      if (this.eventRows.size > this.options.queueLimit) this.eventRows.delete(this.eventRows.keys().next().value as string);
    }
    return row;
  }

  /**
   * The principal behind a credential, checked again at most once per half re-check interval however many
   * sockets and subscriptions share it (a thousand subscribers on one key cost one query per interval).
   */
  recheck(authorization: string | null | undefined): Promise<Principal> {
    const key = authorization ?? '';
    const now = Date.now();
    const fresh = this.rechecks.get(key);
    if (fresh && now - fresh.at < this.options.authRecheckMs / 2) return fresh.principal;
    if (this.rechecks.size > 1_000) {
      for (const [stale, entry] of this.rechecks) if (now - entry.at >= this.options.authRecheckMs) this.rechecks.delete(stale);
    }
    const principal = this.options.authenticate(authorization);
    principal.catch(() => {});
    this.rechecks.set(key, { at: now, principal });
    return principal;
  }

  /** Completes every open subscription (SSE streams end, graphql-ws sends complete): used on shutdown. */
  async completeAll(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.return()));
  }
}

/** The feed a resolver reaches through its context (set by the gateway for HTTP and WebSocket alike, not for REST). */
export function liveFeedOf(context: { liveFeed?: LiveFeed }): LiveFeed {
  if (!context.liveFeed) throw new Error('this gateway has no live feed');
  return context.liveFeed;
}
