/**
 * A live channel, declared once in its domain: the NOTIFY channel's name, the table whose writes raise it,
 * the rule that makes a written row an event, the ids its payload carries, and when the event happened.
 * The event bus LISTENs on its name and builds the replay query (what the trigger would have sent while no
 * connection listened) from the same rule, so replay cannot drift from the declaration. The triggers
 * themselves live in migrations (0020), which say the same rule in SQL.
 */
export interface LiveChannel<Name extends string = string> {
  name: Name;
  table: string;
  /** SQL over the row: it is an event (omitted: every insert is). */
  rule?: string;
  /** Payload key to column; ids only (a NOTIFY payload is at most 8000 bytes and must not carry row contents). */
  payload: Record<string, string>;
  /** SQL over the row: when the event happened (database time), for replay. */
  at: string;
  /** An extra SQL bound on the replay scan for an index to use (`$1` is the replay start). */
  replayBound?: string;
}

export const defineLiveChannel = <Name extends string>(channel: LiveChannel<Name>) => channel;

/** A margin before the replay start: `now()` in a trigger is its transaction's start, not its commit. */
const REPLAY_MARGIN = "interval '5 seconds'";
const REPLAY_LIMIT = 10_000;

/** What the channels' triggers would have sent since `$1` (database time), oldest first. */
export function replayQuery(channels: readonly LiveChannel[]): string {
  const selects = channels.map((channel) => {
    const payload = Object.entries(channel.payload).map(([key, column]) => `'${key}', ${column}`).join(', ');
    const conditions = [channel.rule, channel.replayBound, `${channel.at} >= $1::timestamptz - ${REPLAY_MARGIN}`].filter(Boolean);
    return `select '${channel.name}' as channel, json_build_object(${payload})::text as payload, ${channel.at} as at
      from ${channel.table} where ${conditions.join(' and ')}`;
  });
  return `select channel, payload from (${selects.join('\n    union all ')}) missed order by at limit ${REPLAY_LIMIT}`;
}
