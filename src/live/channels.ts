import { executionFailed } from '../domains/executions/live';
import { feedbackAdded, feedbackReceived } from '../domains/feedback/live';
import { notificationAdded } from '../domains/notifications/live';

/** Every live channel, collected from the domains. */
export const LIVE_CHANNELS = [executionFailed, notificationAdded, feedbackAdded, feedbackReceived] as const;
