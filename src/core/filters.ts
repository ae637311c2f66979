import { z } from 'zod';

/**
 * Filter helpers shared by every list: time windows and text search, and the zod rules that input types and
 * arguments declare (`validate:`), so that a bad value fails before any resolver. A rule's message is the problem
 * without the name: the validation plugin names the field path (see builder.ts).
 */

export const HOUR_MS = 3_600_000;
export const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR_MS);

export const MAX_WINDOW_HOURS = 8760;
export const MAX_SEARCH_TEXT = 200;

/** An integer from `min` to `max`. */
export const between = (min: number, max: number) =>
  z.number().refine((value) => Number.isInteger(value) && value >= min && value <= max, { error: (issue) => `must be between ${min} and ${max}, got ${String(issue.input)}` });

export const atLeast = (min: number) => z.number().refine((value) => value >= min, { error: (issue) => `must be at least ${min}, got ${String(issue.input)}` });

/** Text of at most `max` characters (search text by default). */
export const textOfAtMost = (max = MAX_SEARCH_TEXT) =>
  z.string().refine((text) => text.length <= max, { error: (issue) => `must be at most ${max} characters, got ${(issue.input as string).length}` });

export const windowHours = between(1, MAX_WINDOW_HOURS);

/** The 16 hexadecimal digits of a feedback group (its fingerprint). */
export const groupKey = z.string().regex(/^[0-9a-f]{16}$/, { error: 'is not a group key (16 hexadecimal digits)' });

export interface TimeWindowInput {
  hours?: number | null;
  since?: Date | null;
  until?: Date | null;
}

/** The rules of a filter with hours and/or since/until: hours alone, or since before until. Other fields pass through. */
export const timeWindowRules = z
  .looseObject({ hours: z.number().nullish(), since: z.date().nullish(), until: z.date().nullish() })
  .refine((filter) => filter.hours == null || (!filter.since && !filter.until), { path: ['hours'], error: 'cannot be combined with filter.since or filter.until' })
  .refine((filter) => !filter.since || !filter.until || filter.since < filter.until, { path: ['until'], error: 'must be later than filter.since' });

/** The [from, to) window of a validated filter: the last `hours` before now, or since/until; `defaultHours` when none is given. */
export function timeWindow(filter: TimeWindowInput, now: Date, defaultHours?: number): { from?: Date; to?: Date } {
  const { hours, since, until } = filter;
  if (hours != null) return { from: hoursBefore(now, hours) };
  if (!since && !until && defaultHours) return { from: hoursBefore(now, defaultHours) };
  return { from: since ?? undefined, to: until ?? undefined };
}

/** An ILIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally. */
export function containsPattern(text: string) {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
