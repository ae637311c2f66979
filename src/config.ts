import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value));

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
    .optional()
    .transform((value) => (value === undefined || value === '' ? fallback : ['true', '1', 'yes', 'on'].includes(value)));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /** Directory of the embedded database; "memory" keeps it in memory only. */
  PGLITE_DATA_DIR: z.string().default('./.data/pglite'),
  /** Seed demo data when the database has no users yet. */
  DEMO_DATA: booleanFlag(true),
  /** Provision this exact key for a bootstrap admin user. */
  ADMIN_API_KEY: optionalString.pipe(
    z.string().regex(/^sk_[A-Za-z0-9_-]{32,}$/, 'must be sk_ followed by at least 32 URL-safe characters').optional(),
  ),
  ADMIN_EMAIL: z.email().default('admin@example.com'),
  MAX_REQUEST_BYTES: positiveInt(1_000_000),
  /** Write demo activity every few seconds (embedded database only). */
  SIMULATE_ACTIVITY: booleanFlag(true),
  SIMULATE_INTERVAL_MS: positiveInt(3_000),
  SUBSCRIBER_QUEUE_LIMIT: positiveInt(1_000),
  SUBSCRIBER_MAX_BACKLOG_BYTES: positiveInt(1_048_576),
  WS_KEEPALIVE_MS: positiveInt(12_000),
  AUTH_RECHECK_MS: positiveInt(5_000),
});

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env) {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    database: env.DATABASE_URL
      ? ({ kind: 'postgres', url: env.DATABASE_URL } as const)
      : ({ kind: 'pglite', dataDir: env.PGLITE_DATA_DIR === 'memory' ? undefined : env.PGLITE_DATA_DIR } as const),
    demoData: env.DEMO_DATA,
    adminApiKey: env.ADMIN_API_KEY,
    adminEmail: env.ADMIN_EMAIL,
    maxRequestBytes: env.MAX_REQUEST_BYTES,
    events: {
      simulateActivity: env.SIMULATE_ACTIVITY,
      simulateIntervalMs: env.SIMULATE_INTERVAL_MS,
      subscriberQueueLimit: env.SUBSCRIBER_QUEUE_LIMIT,
      subscriberMaxBacklogBytes: env.SUBSCRIBER_MAX_BACKLOG_BYTES,
      keepAliveMs: env.WS_KEEPALIVE_MS,
      authRecheckMs: env.AUTH_RECHECK_MS,
    },
  };
}
