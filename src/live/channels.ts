import { executionFailed } from '../domains/executions/live';
import { feedbackAdded } from '../domains/feedback/live';
import { notificationAdded } from '../domains/notifications/live';

/** Every live channel, collected from the domains. */
export const LIVE_CHANNELS = [executionFailed, notificationAdded, feedbackAdded] as const;
