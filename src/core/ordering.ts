import { builder } from './builder';
import type { Ordering } from './pagination';

export const TimeOrderEnum = builder.enumType('TimeOrder', {
  description: 'Order of a list by its main timestamp (ties by id).',
  values: { NEWEST_FIRST: { value: 'newest' }, OLDEST_FIRST: { value: 'oldest' } } as const,
});

/** A list keyed on one timestamp column and the row's id, newest first unless asked otherwise. */
export function byTimestamp(list: string, timestampExpression: string, idExpression: string, order: 'newest' | 'oldest' | null | undefined): Ordering {
  return {
    list,
    direction: order === 'oldest' ? 'asc' : 'desc',
    keys: [{ expression: timestampExpression, type: 'timestamptz' }, { expression: idExpression, type: 'uuid' }],
  };
}
