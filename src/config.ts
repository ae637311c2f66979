import { loadTrustedDocuments } from './access/trusted-documents';
import { z } from 'zod';
import { schedulePauseDeliverySettings, temporalEnvironment, temporalSettings } from './core/temporal-settings';

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
  /** Unset: 127.0.0.1 on the embedded database (demo mode), 0.0.0.0 with DATABASE_URL. */
  HOST: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_POOL_SIZE: positiveInt(10),
  DATABASE_ACQUIRE_TIMEOUT_MS: positiveInt(2_000),
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
  /** Comma-separated origins allowed to call from a browser (CORS); unset allows none. */
  CORS_ORIGINS: optionalString.pipe(
    z
      .string()
      .regex(/^\s*https?:\/\/[^/\s,]+(\s*,\s*https?:\/\/[^/\s,]+)*\s*,?\s*$/, 'must be comma-separated origins like https://admin.example.com (scheme://host[:port], no path)')
      .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
      .optional(),
  ),
  // Access control (src/access): Clerk session JWTs, rate limits, query limits, data-access audit.
  CLERK_JWT_KEY: optionalString.pipe(
    z.string().regex(/-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/, 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)').optional(),
  ),
  CLERK_ISSUER: optionalString,
  CLERK_AUTHORIZED_PARTIES: optionalString,
  CLERK_ROLE_CLAIM: z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'must be a dotted claim path such as metadata.role').default('metadata.role'),
  CLERK_ADMIN_ROLE: z.string().min(1).default('admin'),
  CLERK_EMAIL_CLAIM: z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'must be a dotted claim path such as email').default('email'),
  CLERK_SECRET_KEY: optionalString,
  CLERK_API_URL: optionalString.pipe(z.url().optional()),
  CLERK_METADATA_CACHE_SECONDS: z.coerce.number().int().min(0).default(60),
  REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  RATE_LIMIT_PER_MINUTE: positiveInt(1_000),
  RATE_LIMIT_PER_HOUR: positiveInt(10_000),
  AUTH_FAILURES_PER_MINUTE: positiveInt(30),
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
  MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt(100),
  AUTH_RECHECK_MS: positiveInt(5_000),
  /** off | allow | require: see README "Trusted documents". */
  TRUSTED_DOCUMENTS: z.enum(['off', 'allow', 'require']).default('off'),
  TRUSTED_DOCUMENTS_MANIFEST: z.string().default('./src/generated/gql/persisted-documents.json'),
  /** OTLP/HTTP endpoint of a collector (traces to <endpoint>/v1/traces); unset: no tracing at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  OTEL_SERVICE_NAME: z.string().min(1).default('admin-gateway'),
  ...temporalEnvironment,
  /** How long an API key and its owner are served from memory; changes announced on the bus end it at once. 0: never. */
  PRINCIPAL_CACHE_MS: z.coerce.number().int().min(0).default(30_000),
});

function trustedDocuments(mode: 'off' | 'allow' | 'require', manifestPath: string) {
  if (mode === 'off') return { mode, documents: new Map<string, string>() };
  try {
    return { mode, documents: loadTrustedDocuments(manifestPath) };
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  TRUSTED_DOCUMENTS_MANIFEST: cannot read ${manifestPath} (${error instanceof Error ? error.message : String(error)})`);
  }
}

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env) {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  let temporal: ReturnType<typeof temporalSettings>;
  try {
    temporal = temporalSettings(env);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${(error as Error).message}`);
  }
  return {
    port: env.PORT,
    host: env.HOST ?? (env.DATABASE_URL ? '0.0.0.0' : '127.0.0.1'),
    logLevel: env.LOG_LEVEL,
    database: env.DATABASE_URL
      ? ({ kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, acquireTimeoutMs: env.DATABASE_ACQUIRE_TIMEOUT_MS } as const)
      : ({ kind: 'pglite', dataDir: env.PGLITE_DATA_DIR === 'memory' ? undefined : env.PGLITE_DATA_DIR } as const),
    demoData: env.DEMO_DATA,
    adminApiKey: env.ADMIN_API_KEY,
    adminEmail: env.ADMIN_EMAIL,
    maxRequestBytes: env.MAX_REQUEST_BYTES,
    corsOrigins: env.CORS_ORIGINS ?? [],
    clerk: env.CLERK_JWT_KEY
      ? {
          jwtKey: env.CLERK_JWT_KEY.replaceAll('\\n', '\n'),
          issuer: env.CLERK_ISSUER,
          authorizedParties: env.CLERK_AUTHORIZED_PARTIES?.split(',').map((party) => party.trim()).filter(Boolean),
          roleClaim: env.CLERK_ROLE_CLAIM,
          adminRole: env.CLERK_ADMIN_ROLE,
          emailClaim: env.CLERK_EMAIL_CLAIM,
          secretKey: env.CLERK_SECRET_KEY,
          apiUrl: env.CLERK_API_URL,
          metadataCacheSeconds: env.CLERK_METADATA_CACHE_SECONDS,
        }
      : undefined,
    rateLimit: {
      redisUrl: env.REDIS_URL,
      perMinute: env.RATE_LIMIT_PER_MINUTE,
      perHour: env.RATE_LIMIT_PER_HOUR,
      authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
    },
    queryLimits: {
      maxDepth: env.MAX_QUERY_DEPTH,
      maxCost: env.MAX_QUERY_COST,
      maxAliases: env.MAX_QUERY_ALIASES,
      maxTokens: env.MAX_QUERY_TOKENS,
      maxDirectives: env.MAX_QUERY_DIRECTIVES,
    },
    auditDataAccess: env.AUDIT_DATA_ACCESS,
    trustedDocuments: trustedDocuments(env.TRUSTED_DOCUMENTS, env.TRUSTED_DOCUMENTS_MANIFEST),
    tracing: env.OTEL_EXPORTER_OTLP_ENDPOINT ? { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME } : undefined,
    principalCacheMs: env.PRINCIPAL_CACHE_MS,
    events: {
      simulateActivity: env.SIMULATE_ACTIVITY,
      simulateIntervalMs: env.SIMULATE_INTERVAL_MS,
      subscriberQueueLimit: env.SUBSCRIBER_QUEUE_LIMIT,
      subscriberMaxBacklogBytes: env.SUBSCRIBER_MAX_BACKLOG_BYTES,
      keepAliveMs: env.WS_KEEPALIVE_MS,
      maxSubscriptionsPerSocket: env.MAX_SUBSCRIPTIONS_PER_SOCKET,
      authRecheckMs: env.AUTH_RECHECK_MS,
    },
    temporal,
    schedulePauses: schedulePauseDeliverySettings(env),
  };
}
