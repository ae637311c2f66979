// The fan-out case of npm run bench: N graphql-ws subscribers to errorAdded on one gateway, and failed executions
// inserted by plain SQL at a fixed rate. Delivery latency runs from just before an insert is sent to the event's
// arrival at a subscriber (one clock: this process both inserts and receives).
// Configured by one JSON argument {wsUrl, apiKey, databaseUrl, subscribers, rate, seconds, drainSeconds}.
// Prints {"phase":"ready"} once every subscriber has received a probe event, then waits for a line on stdin
// before the measured inserts, and prints the result as one JSON line.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import pg from 'pg';
import WebSocket from 'ws';

const options = JSON.parse(process.argv[2]);
const QUERY = 'subscription { errorAdded { executionId errorType errorMessage userEmail searchQuery occurredAt } }';
const EXECUTION_ID = Buffer.from('"executionId":"');
const sentAt = new Map();
const latencies = [];
const firstProbe = new Set();
let closed = 0;
let measuring = false;

function subscribe(index) {
  return new Promise((resolve, reject) => {
    // No UTF-8 check and no decoding of events (the id is found in the bytes): the subscribers' own CPU per message
    // stays small beside the gateway's, which shares the machine's cores with it.
    const socket = new WebSocket(options.wsUrl, 'graphql-transport-ws', { skipUTF8Validation: true, perMessageDeflate: false });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${options.apiKey}` } })));
    socket.on('error', reject);
    socket.on('close', () => (closed += 1));
    socket.on('message', (data) => {
      const at = data.indexOf(EXECUTION_ID);
      if (at >= 0) {
        const id = data.toString('latin1', at + EXECUTION_ID.length, at + EXECUTION_ID.length + 36);
        const started = sentAt.get(id);
        if (measuring && started !== undefined) latencies.push(performance.now() - started);
        else firstProbe.add(index);
        return;
      }
      const text = data.toString();
      const message = JSON.parse(text);
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
        resolve(socket);
      } else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'error') reject(new Error(text));
    });
  });
}

const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
const { rows: [task] } = await pool.query('select id, user_id from tasks order by id limit 1');
const insertFailure = (probe) => {
  const id = randomUUID();
  if (!probe) sentAt.set(id, performance.now());
  return pool.query(
    `insert into executions (id, task_id, user_id, status, error_type, error_message) values ($1, $2, $3, 'failed', 'TimeoutError', 'bench fan-out')`,
    [id, task.id, task.user_id],
  );
};

const sockets = [];
for (let start = 0; start < options.subscribers; start += 50) {
  const batch = Array.from({ length: Math.min(50, options.subscribers - start) }, (_, offset) => subscribe(start + offset));
  sockets.push(...(await Promise.all(batch)));
}
// One probe event (another every 10 s) until every subscriber has had one, then quiet until nothing arrives for a second.
const waitUntil = Date.now() + 120_000;
let lastMessageAt = Date.now();
for (let probedAt = 0; firstProbe.size < options.subscribers && Date.now() < waitUntil; await new Promise((resolve) => setTimeout(resolve, 100))) {
  if (Date.now() - probedAt >= 10_000) {
    probedAt = Date.now();
    await insertFailure(true);
  }
}
const countMessages = () => (lastMessageAt = Date.now());
for (const socket of sockets) socket.on('message', countMessages);
while (Date.now() - lastMessageAt < 1000) await new Promise((resolve) => setTimeout(resolve, 100));
for (const socket of sockets) socket.off('message', countMessages);
console.log(JSON.stringify({ phase: 'ready', subscribed: firstProbe.size }));
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
await lines.next();

measuring = true;
const events = Math.round(options.rate * options.seconds);
const began = performance.now();
const inserts = [];
for (let index = 0; index < events; index += 1) {
  const due = began + (index * 1000) / options.rate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  inserts.push(insertFailure(false));
}
await Promise.all(inserts);
const insertSeconds = (performance.now() - began) / 1000;
const expected = events * options.subscribers;
const drainUntil = performance.now() + options.drainSeconds * 1000;
while (latencies.length < expected && closed < options.subscribers && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 100));

const sorted = latencies.slice().sort((a, b) => a - b);
const at = (fraction) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? null;
console.log(JSON.stringify({
  events, insertSeconds, expected, delivered: latencies.length, closed, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1),
}));
for (const socket of sockets) socket.terminate();
await pool.end();
process.exit(0);
