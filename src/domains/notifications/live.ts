import { defineLiveChannel } from '../../live/channel';

/** Every notification inserted (trigger of migration 0020). */
export const notificationAdded = defineLiveChannel({ name: 'notification_added', table: 'notifications', payload: { id: 'id' }, at: 'created_at' });
