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
  // Access control (src/access): Clerk session JWTs, rate limits, query limits, data-access audit.
  CLERK_JWT_KEY: optionalString.pipe(
    z.string().regex(/-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/, 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)').optional(),
  ),
  CLERK_ISSUER: optionalString,
  CLERK_AUTHORIZED_PARTIES: optionalString,
  CLERK_ROLE_CLAIM: z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'must be a dotted claim path such as metadata.role').default('metadata.role'),
  CLERK_ADMIN_ROLE: z.string().min(1).default('admin'),
  CLERK_SECRET_KEY: optionalString,
  CLERK_API_URL: optionalString.pipe(z.url().optional()),
  CLERK_METADATA_CACHE_SECONDS: z.coerce.number().int().min(0).default(60),
  REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  RATE_LIMIT_PER_MINUTE: positiveInt(1_000),
  RATE_LIMIT_PER_HOUR: positiveInt(10_000),
  MAX_QUERY_DEPTH: positiveInt(12),
  MAX_QUERY_COST: positiveInt(50_000),
  MAX_QUERY_ALIASES: positiveInt(30),
  MAX_QUERY_TOKENS: positiveInt(2_000),
  MAX_QUERY_DIRECTIVES: positiveInt(20),
  AUDIT_DATA_ACCESS: booleanFlag(true),
  /** Write demo activity every few seconds (embedded database only). */
  SIMULATE_ACTIVITY: booleanFlag(true),
  SIMULATE_INTERVAL_MS: positiveInt(3_000),
  SUBSCRIBER_QUEUE_LIMIT: positiveInt(1_000),
  SUBSCRIBER_MAX_BACKLOG_BYTES: positiveInt(1_048_576),
  WS_KEEPALIVE_MS: positiveInt(12_000),
  AUTH_RECHECK_MS: positiveInt(5_000),
  /** How long an API key and its owner are served from memory; changes announced on the bus end it at once. 0: never. */
  PRINCIPAL_CACHE_MS: z.coerce.number().int().min(0).default(30_000),
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
    clerk: env.CLERK_JWT_KEY
      ? {
          jwtKey: env.CLERK_JWT_KEY.replaceAll('\\n', '\n'),
          issuer: env.CLERK_ISSUER,
          authorizedParties: env.CLERK_AUTHORIZED_PARTIES?.split(',').map((party) => party.trim()).filter(Boolean),
          roleClaim: env.CLERK_ROLE_CLAIM,
          adminRole: env.CLERK_ADMIN_ROLE,
          secretKey: env.CLERK_SECRET_KEY,
          apiUrl: env.CLERK_API_URL,
          metadataCacheSeconds: env.CLERK_METADATA_CACHE_SECONDS,
        }
      : undefined,
    rateLimit: { redisUrl: env.REDIS_URL, perMinute: env.RATE_LIMIT_PER_MINUTE, perHour: env.RATE_LIMIT_PER_HOUR },
    queryLimits: {
      maxDepth: env.MAX_QUERY_DEPTH,
      maxCost: env.MAX_QUERY_COST,
      maxAliases: env.MAX_QUERY_ALIASES,
      maxTokens: env.MAX_QUERY_TOKENS,
      maxDirectives: env.MAX_QUERY_DIRECTIVES,
    },
    auditDataAccess: env.AUDIT_DATA_ACCESS,
    principalCacheMs: env.PRINCIPAL_CACHE_MS,
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
