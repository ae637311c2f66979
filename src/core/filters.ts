import { badInput } from './errors';

/** Filter helpers shared by every list: time windows and text search. Each names the argument it refuses. */

export const HOUR_MS = 3_600_000;
export const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR_MS);

export const MAX_WINDOW_HOURS = 8760;

export interface TimeWindowInput {
  hours?: number | null;
  since?: Date | null;
  until?: Date | null;
}

/** The [from, to) window of a filter: the last `hours` before now, or since/until; `defaultHours` when none is given. */
export function timeWindow(filter: TimeWindowInput, now: Date, defaultHours?: number): { from?: Date; to?: Date } {
  const { hours, since, until } = filter;
  if (hours != null) {
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_WINDOW_HOURS) throw badInput('filter.hours', `must be between 1 and ${MAX_WINDOW_HOURS}, got ${hours}`);
    if (since || until) throw badInput('filter.hours', 'cannot be combined with filter.since or filter.until');
    return { from: hoursBefore(now, hours) };
  }
  if (since && until && since.getTime() >= until.getTime()) throw badInput('filter.until', 'must be later than filter.since');
  if (!since && !until && defaultHours) return { from: hoursBefore(now, defaultHours) };
  return { from: since ?? undefined, to: until ?? undefined };
}

export const MAX_SEARCH_TEXT = 200;

/** An ILIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally; `argument` names it when too long. */
export function containsPattern(argument: string, text: string) {
  if (text.length > MAX_SEARCH_TEXT) throw badInput(argument, `must be at most ${MAX_SEARCH_TEXT} characters, got ${text.length}`);
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
