import { defineLiveChannel } from '../../live/channel';

/** Every feedback report or security probe inserted (trigger of migration 0020). */
export const feedbackAdded = defineLiveChannel({ name: 'feedback_added', table: 'feedback', payload: { id: 'id' }, at: 'created_at' });
