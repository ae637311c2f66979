import { defineLiveChannel } from '../../live/channel';

/**
 * A report or probe is ready to show: inserted already classified, or classified after it was stored
 * (triggers of migrations 0020 and 0040), so subscribers always get its classification.
 */
export const feedbackAdded = defineLiveChannel({
  name: 'feedback_added',
  table: 'feedback',
  rule: 'classified_at is not null',
  payload: { id: 'id' },
  at: 'classified_at',
});

/**
 * A report was stored unclassified (trigger of migration 0040): wakes the classifier worker. Its replay
 * reads the partial index of unclassified rows; the worker's own sweep catches the rest anyway.
 */
export const feedbackReceived = defineLiveChannel({
  name: 'feedback_received',
  table: 'feedback',
  rule: 'classified_at is null',
  payload: { id: 'id' },
  at: 'created_at',
});
