/**
 * For the Temporal stand-in: a five-field cron text becomes a structured calendar the way a real
 * server stores it (DescribeSchedule and ListSchedules return the calendar, not the cron text), and
 * the calendar gives the next action times (UTC only). Cron syntax here: `*`, `n`, `a-b`, `*\/s`,
 * `a-b/s` and comma lists.
 */
export interface CalendarRange {
  start: number;
  end: number;
  step: number;
}

export interface StructuredCalendar {
  second: CalendarRange[];
  minute: CalendarRange[];
  hour: CalendarRange[];
  dayOfMonth: CalendarRange[];
  month: CalendarRange[];
  dayOfWeek: CalendarRange[];
}

const FIELDS = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['dayOfMonth', 1, 31],
  ['month', 1, 12],
  ['dayOfWeek', 0, 6],
] as const;

function parseField(text: string, low: number, high: number): CalendarRange[] {
  return text.split(',').map((part) => {
    const [span = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const [start = NaN, end = NaN] = span === '*' ? [low, high] : span.includes('-') ? span.split('-').map(Number) : [Number(span), stepText ? high : Number(span)];
    if (![start, end, step].every(Number.isInteger) || start < low || end > high || start > end || step < 1) {
      throw new Error(`invalid cron field "${text}"`);
    }
    return { start, end, step };
  });
}

export function cronToCalendar(cron: string): StructuredCalendar {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`invalid cron string "${cron}"`);
  const calendar: StructuredCalendar = { second: [{ start: 0, end: 0, step: 1 }] } as StructuredCalendar;
  FIELDS.forEach(([name, low, high], index) => {
    calendar[name] = parseField(parts[index] ?? '', low, high);
  });
  return calendar;
}

/** A range as protobuf sends it: end 0 means "same as start", step 0 means 1. */
function inRanges(value: number, ranges: Partial<CalendarRange>[] | undefined, fallbackAll: boolean): boolean {
  if (!ranges || ranges.length === 0) return fallbackAll || value === 0;
  return ranges.some(({ start = 0, end, step }) => {
    const last = end && end > start ? end : start;
    const stride = step && step > 0 ? step : 1;
    return value >= start && value <= last && (value - start) % stride === 0;
  });
}

/** The next `count` minutes after `from` that the calendar selects (seconds are taken as 0). */
export function nextTimes(calendar: Partial<Record<keyof StructuredCalendar, Partial<CalendarRange>[]>>, from: Date, count: number): Date[] {
  const times: Date[] = [];
  const cursor = new Date(from);
  cursor.setUTCSeconds(0, 0);
  cursor.setUTCMinutes(cursor.getUTCMinutes() + 1);
  const limit = from.getTime() + 366 * 24 * 3600_000;
  while (times.length < count && cursor.getTime() < limit) {
    const dayMatches =
      inRanges(cursor.getUTCMonth() + 1, calendar.month, true) &&
      inRanges(cursor.getUTCDate(), calendar.dayOfMonth, true) &&
      inRanges(cursor.getUTCDay(), calendar.dayOfWeek, true);
    if (!dayMatches) {
      cursor.setUTCHours(24, 0, 0, 0);
    } else if (!inRanges(cursor.getUTCHours(), calendar.hour, false)) {
      cursor.setUTCHours(cursor.getUTCHours() + 1, 0, 0, 0);
    } else {
      if (inRanges(cursor.getUTCMinutes(), calendar.minute, false)) times.push(new Date(cursor));
      cursor.setUTCMinutes(cursor.getUTCMinutes() + 1);
    }
  }
  return times;
}
