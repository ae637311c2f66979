// The documented response shapes of the REST contract. Run by curl-examples.sh on a JSON body read from stdin
// (SHAPE names the shape; prints the first problem and exits 1); the contract test requires it for the same shapes.
const int = 'integer';
const page = (key, item) => ({ [key]: [item], total: int, page: int, limit: int });
const SHAPES = {
  stats: {
    users: { total: int, active_30d: int, new_7d: int },
    tasks: { total: int, active: int, paused: int },
    executions: { total_24h: int, success_24h: int, failed_24h: int, avg_duration_ms: 'integer?' },
    notifications: { sent_24h: int, sent_7d: int },
    popular_queries: [{ query: 'string', count: int }],
  },
  queries: page('queries', {
    search_query: 'string', total_tasks: int, active_tasks: int, total_executions: int, success_rate: 'fraction?', avg_duration_ms: 'integer?',
  }),
  executions: page('executions', {
    id: 'uuid', task_id: 'uuid', user_email: 'string', search_query: 'string', status: 'string', condition_met: 'boolean?',
    duration_ms: 'integer?', started_at: 'date-time', completed_at: 'date-time?',
  }),
  errors: {
    errors: [{
      execution_id: 'uuid', task_id: 'uuid', user_email: 'string', search_query: 'string', error_message: 'string', error_type: 'string',
      retry_count: int, will_retry: 'boolean', occurred_at: 'date-time',
    }],
    total: int,
    error_types: 'counts',
  },
  users: page('users', {
    id: 'uuid', email: 'string', clerk_user_id: 'string?', state: 'string', tasks_count: int, active_tasks_count: int,
    executions_24h: int, notifications_7d: int, created_at: 'date-time', last_login: 'date-time?',
  }),
  // schedule_pauses_pending: added by the gateway (pauses of the user's Temporal schedules still owed to Temporal).
  deactivate: { message: 'string', user_id: 'uuid', tasks_paused: int, schedule_pauses_pending: int },
  temporal_workflows: {
    workflows: [{
      workflow_id: 'string', workflow_type: 'string', status: 'string', start_time: 'date-time?', close_time: 'date-time?',
      execution_duration_ms: 'integer?', temporal_ui_url: 'string?',
    }],
    total: int,
  },
  temporal_schedules: {
    schedules: [{
      schedule_id: 'string', task_id: 'uuid?', user_email: 'string?', cron: 'string?', is_paused: 'boolean', recent_executions: int,
      next_run_time: 'date-time?', temporal_ui_url: 'string?',
    }],
    total: int,
  },
  detail: { detail: 'string' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const KINDS = {
  integer: (v) => Number.isInteger(v),
  fraction: (v) => typeof v === 'number' && v >= 0 && v <= 1,
  string: (v) => typeof v === 'string',
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  'date-time': (v) => typeof v === 'string' && ISO.test(v),
  boolean: (v) => typeof v === 'boolean',
};

function problem(value, shape, where) {
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return `${where} is not an array`;
    for (const [index, item] of value.entries()) {
      const found = problem(item, shape[0], `${where}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (shape === 'counts') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return `${where} is not an object`;
    const bad = Object.entries(value).find(([, count]) => !Number.isInteger(count));
    return bad ? `${where}.${bad[0]} is not an integer` : undefined;
  }
  if (typeof shape === 'object') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return `${where} is not an object`;
    const missing = Object.keys(shape).filter((key) => !(key in value));
    const extra = Object.keys(value).filter((key) => !(key in shape));
    if (missing.length || extra.length) return `${where}: missing [${missing}] undocumented [${extra}]`;
    for (const [key, inner] of Object.entries(shape)) {
      const found = problem(value[key], inner, `${where}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  if (shape.endsWith('?') && value === null) return undefined;
  return KINDS[shape.replace('?', '')](value) ? undefined : `${where} should be ${shape}, got ${JSON.stringify(value)}`;
}

module.exports = { SHAPES, problem };

if (require.main === module) {
  let input = '';
  process.stdin.on('data', (chunk) => (input += chunk));
  process.stdin.on('end', () => {
    let body;
    try {
      body = JSON.parse(input);
    } catch {
      console.log(`not JSON: ${input.slice(0, 200)}`);
      process.exit(1);
    }
    const found = problem(body, SHAPES[process.env.SHAPE], 'body');
    if (found) {
      console.log(found);
      process.exit(1);
    }
  });
}
