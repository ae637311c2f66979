import type { temporal as proto } from '@temporalio/proto';
import pLimit from 'p-limit';
import { type Temporal, TemporalNotFound } from '../../core/temporal-connection';
import { dateOf } from '../workflows/visibility';

type Range = proto.api.schedule.v1.IRange;
type Calendar = proto.api.schedule.v1.IStructuredCalendarSpec;
type Spec = proto.api.schedule.v1.IScheduleSpec;
type ActionResult = proto.api.schedule.v1.IScheduleActionResult;

export interface ScheduleAction {
  scheduledAt: Date | null;
  takenAt: Date | null;
  workflowId: string | null;
  runId: string | null;
}

/** What the gateway shows of a Temporal schedule; ListSchedules and DescribeSchedule both give all of it. */
export interface ScheduleSummary {
  scheduleId: string;
  isPaused: boolean;
  notes: string | null;
  workflowType: string | null;
  spec: string | null;
  recentActions: ScheduleAction[];
  futureRunTimes: Date[];
}

/** A calendar field as cron text: `*` for everything, else ranges like 1-5, steps like *\/6. */
function fieldText(ranges: Range[] | null | undefined, low: number, high: number): string {
  if (!ranges || ranges.length === 0) return '*';
  return ranges
    .map(({ start = 0, end, step }) => {
      const first = start ?? 0;
      const last = end && end > first ? end : first;
      const stride = step && step > 1 ? `/${step}` : '';
      if (first === low && last === high) return `*${stride}`;
      if (first === last) return String(first);
      return stride && last === high ? `${first}${stride}` : `${first}-${last}${stride}`;
    })
    .join(',');
}

function calendarText(calendar: Calendar): string {
  const fields = [
    fieldText(calendar.minute, 0, 59),
    fieldText(calendar.hour, 0, 23),
    fieldText(calendar.dayOfMonth, 1, 31),
    fieldText(calendar.month, 1, 12),
    fieldText(calendar.dayOfWeek, 0, 6),
  ];
  return fields.join(' ');
}

/** Temporal's spec as text: calendars in cron notation, intervals as "every Ns", joined by "; ". */
export function specText(spec: Spec | null | undefined): string | null {
  if (!spec) return null;
  const parts = [
    ...(spec.cronString ?? []),
    ...(spec.structuredCalendar ?? []).map(calendarText),
    ...(spec.interval ?? []).map((interval) => `every ${Number(interval.interval?.seconds ?? 0)}s`),
  ];
  const text = parts.join('; ');
  return text ? `${text}${spec.timezoneName ? ` (${spec.timezoneName})` : ''}` : null;
}

const actionOf = (result: ActionResult): ScheduleAction => ({
  scheduledAt: dateOf(result.scheduleTime),
  takenAt: dateOf(result.actualTime),
  workflowId: result.startWorkflowResult?.workflowId ?? null,
  runId: result.startWorkflowResult?.runId ?? null,
});

const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The ListSchedules query of a filter: paused state and a set of schedule ids (null: any). */
export function scheduleQuery(filter: { paused?: boolean | null; scheduleIds?: string[] | null }): string {
  const conditions: string[] = [];
  if (filter.paused != null) conditions.push(`TemporalSchedulePaused = ${filter.paused}`);
  if (filter.scheduleIds) conditions.push(`ScheduleId IN (${filter.scheduleIds.map(literal).join(', ')})`);
  return conditions.join(' AND ');
}

/** One page of schedules with spec, state, recent actions and next run times: one ListSchedules call. */
export async function listSchedules(temporal: Temporal, query: string, pageSize: number, pageToken: Uint8Array | null) {
  const response = await temporal.call('ListSchedules', (service, namespace) =>
    service.listSchedules({ namespace, maximumPageSize: pageSize, nextPageToken: pageToken, query }),
  );
  const items = (response.schedules ?? []).map((entry): ScheduleSummary => ({
    scheduleId: entry.scheduleId ?? '',
    isPaused: Boolean(entry.info?.paused),
    notes: entry.info?.notes || null,
    workflowType: entry.info?.workflowType?.name ?? null,
    spec: specText(entry.info?.spec),
    recentActions: (entry.info?.recentActions ?? []).map(actionOf),
    futureRunTimes: (entry.info?.futureActionTimes ?? []).map(dateOf).filter((time): time is Date => time !== null),
  }));
  const next = response.nextPageToken;
  return { items, nextPageToken: next && next.length > 0 ? next : null };
}

/** One schedule through DescribeSchedule; null when Temporal does not know it. */
export async function describeSchedule(temporal: Temporal, scheduleId: string): Promise<ScheduleSummary | null> {
  try {
    const response = await temporal.call('DescribeSchedule', (service, namespace) => service.describeSchedule({ namespace, scheduleId }));
    const state = response.schedule?.state;
    return {
      scheduleId,
      isPaused: Boolean(state?.paused),
      notes: state?.notes || null,
      workflowType: response.schedule?.action?.startWorkflow?.workflowType?.name ?? null,
      spec: specText(response.schedule?.spec),
      recentActions: (response.info?.recentActions ?? []).map(actionOf),
      futureRunTimes: (response.info?.futureActionTimes ?? []).map(dateOf).filter((time): time is Date => time !== null),
    };
  } catch (error) {
    if (error instanceof TemporalNotFound) return null;
    throw error;
  }
}

/** DescribeSchedule for many ids, at most `concurrency` at a time; each result or error in id order. */
export function describeSchedules(temporal: Temporal, scheduleIds: readonly string[], concurrency: number): Promise<(ScheduleSummary | null | Error)[]> {
  const limit = pLimit(concurrency);
  return Promise.all(scheduleIds.map((scheduleId) => limit(() => describeSchedule(temporal, scheduleId).catch((error: Error) => error))));
}
