import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_users';
import * as m0002 from './0002_api_keys';
import * as m0003 from './0003_tasks';
import * as m0004 from './0004_executions';
import * as m0005 from './0005_notifications';
import * as m0006 from './0006_feedback';
import * as m0007 from './0007_agent_wallets';
import * as m0008 from './0008_connector_events';
import * as m0009 from './0009_audit_log';
import * as m0010 from './0010_task_execution_totals';
import * as m0011 from './0011_executions_started_at_covering';
import * as m0020 from './0020_live_event_triggers';
import * as m0021 from './0021_principal_changed_events';
import * as m0030 from './0030_schedule_pause_outbox';
import * as m0040 from './0040_feedback_classification';
import * as m0041 from './0041_feedback_groups';
import * as m0042 from './0042_notification_delivery';
import * as m0043 from './0043_connector_delivery';
import * as m0044 from './0044_platform_stat_totals';

/** Every migration, in order. Add a new file here; never edit one that has landed. */
export const migrations: Record<string, Migration> = {
  '0001_users': m0001,
  '0002_api_keys': m0002,
  '0003_tasks': m0003,
  '0004_executions': m0004,
  '0005_notifications': m0005,
  '0006_feedback': m0006,
  '0007_agent_wallets': m0007,
  '0008_connector_events': m0008,
  '0009_audit_log': m0009,
  '0010_task_execution_totals': m0010,
  '0011_executions_started_at_covering': m0011,
  '0020_live_event_triggers': m0020,
  '0021_principal_changed_events': m0021,
  '0030_schedule_pause_outbox': m0030,
  '0040_feedback_classification': m0040,
  '0041_feedback_groups': m0041,
  '0042_notification_delivery': m0042,
  '0043_connector_delivery': m0043,
  '0044_platform_stat_totals': m0044,
};
