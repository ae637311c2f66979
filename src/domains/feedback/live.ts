import { defineLiveChannel } from '../../live/channel';

/** A channel of feedback rows whose payload is the row id; `rule` says which rows, `at` when (for replay). */
const feedbackChannel = <Name extends string>(name: Name, rule: string, at: 'classified_at' | 'created_at') =>
  defineLiveChannel({ name, table: 'feedback', rule, payload: { id: 'id' }, at });

/**
 * A report or probe is ready to show: inserted already classified, or classified after it was stored
 * (triggers of migrations 0020 and 0040), so subscribers always get its classification.
 */
export const feedbackAdded = feedbackChannel('feedback_added', 'classified_at is not null', 'classified_at');

/**
 * A report was stored unclassified (trigger of migration 0040): wakes the classifier worker. Its replay
 * reads the partial index of unclassified rows; the worker's own sweep catches the rest anyway.
 */
export const feedbackReceived = feedbackChannel('feedback_received', 'classified_at is null', 'created_at');
