import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** Events of one subscription, read with a timeout. */
export interface EventStream<T = any> {
  next(timeoutMs?: number): Promise<T>;
  /** Every payload received and not yet read. */
  pending: T[];
  close(): Promise<void>;
}

function queueOf<T>() {
  const pending: T[] = [];
  let waiter: ((value: T) => void) | undefined;
  let failure: unknown;
  let failWaiter: ((error: unknown) => void) | undefined;
  return {
    pending,
    push(value: T) {
      if (waiter) {
        const resolve = waiter;
        waiter = undefined;
        resolve(value);
      } else pending.push(value);
    },
    fail(error: unknown) {
      failure = error;
      failWaiter?.(error);
    },
    next(timeoutMs = 5_000): Promise<T> {
      if (pending.length > 0) return Promise.resolve(pending.shift() as T);
      if (failure) return Promise.reject(failure);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
        waiter = (value) => {
          clearTimeout(timer);
          resolve(value);
        };
        failWaiter = (error) => {
          clearTimeout(timer);
          reject(error);
        };
      });
    },
  };
}

export function wsUrl(httpUrl: string) {
  return `${httpUrl.replace(/^http/, 'ws')}/graphql`;
}

/** A graphql-ws client (the real one) with the key in connection_init; resolves once the server acknowledged it. */
export async function connectWs(httpUrl: string, key: string | null): Promise<{ client: Client; closed: Promise<{ code: number; reason: string }> }> {
  let closedResolve: (event: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (closedResolve = resolve));
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    connectionParams: key ? { Authorization: `Bearer ${key}` } : {},
    on: { closed: (event) => closedResolve(event as { code: number; reason: string }) },
  });
  await new Promise<void>((resolve) => {
    const offConnected = client.on('connected', () => {
      offConnected();
      resolve();
    });
    void closed.then(() => resolve());
  });
  return { client, closed };
}

export function subscribeWs<T = any>(client: Client, query: string, variables?: Record<string, unknown>): EventStream<T> {
  const queue = queueOf<T>();
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => (result.errors ? queue.fail(result.errors) : queue.push(result.data as T)),
      error: (error) => queue.fail(error),
      complete: () => queue.fail(new Error('subscription completed')),
    },
  );
  return { next: queue.next, pending: queue.pending, close: async () => unsubscribe() };
}

/** A subscription over Yoga's SSE (`Accept: text/event-stream`); `status` is the HTTP status of the response. */
export async function subscribeSse<T = any>(httpUrl: string, key: string | null, query: string, variables?: Record<string, unknown>) {
  const abort = new AbortController();
  const response = await fetch(`${httpUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const queue = queueOf<T>();
  const errors: unknown[] = [];
  let ended = false;
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let boundary: number;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
          if (!data) continue;
          const result = JSON.parse(data);
          if (result.errors) {
            errors.push(...result.errors);
            queue.fail(result.errors);
          } else if (result.data) queue.push(result.data as T);
        }
      }
    } catch {
      // aborted or dropped
    }
    ended = true;
    queue.fail(new Error('stream ended'));
  })();
  return {
    status: response.status,
    errors,
    ended: () => ended,
    next: queue.next,
    pending: queue.pending,
    async close() {
      abort.abort();
      await reading;
    },
  };
}
