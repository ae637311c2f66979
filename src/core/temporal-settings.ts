import { readFileSync } from 'node:fs';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const milliseconds = (fallback: number) => z.coerce.number().int().min(1).max(600_000).default(fallback);

/** The Temporal part of the environment (spread into the schema of src/config.ts). */
export const temporalEnvironment = {
  /** host:port of Temporal's frontend; unset: no Temporal (its fields answer TEMPORAL_UNAVAILABLE). */
  TEMPORAL_ADDRESS: optionalString.pipe(z.string().regex(/^[A-Za-z0-9.[\]:-]+(:\d{1,5})?$/, 'must be host:port, e.g. localhost:7233').optional()),
  TEMPORAL_NAMESPACE: z.string().trim().min(1).default('default'),
  /** Temporal Cloud API key (sent as a bearer token; TLS is then on unless TEMPORAL_TLS=false). */
  TEMPORAL_API_KEY: optionalString,
  /** mTLS: PEM files of the client certificate and its key (both or neither). */
  TEMPORAL_TLS_CLIENT_CERT_PATH: optionalString,
  TEMPORAL_TLS_CLIENT_KEY_PATH: optionalString,
  /** A CA for a self-hosted server's certificate (default: the system's roots). */
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: optionalString,
  TEMPORAL_TLS_SERVER_NAME: optionalString,
  TEMPORAL_TLS: z.enum(['true', 'false', '']).optional(),
  TEMPORAL_UI_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Deadline of every Temporal call: an outage is answered within this time, not after the client's own retries. */
  TEMPORAL_CALL_TIMEOUT_MS: milliseconds(5_000),
  TEMPORAL_DESCRIBE_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  /** Outbox delivery of schedule pauses: poll interval, first retry delay and the retry cap. */
  SCHEDULE_PAUSE_POLL_MS: milliseconds(2_000),
  SCHEDULE_PAUSE_RETRY_BASE_MS: milliseconds(1_000),
  SCHEDULE_PAUSE_RETRY_MAX_MS: milliseconds(60_000),
};

type TemporalEnvironment = z.output<z.ZodObject<typeof temporalEnvironment>>;

export interface TemporalSettings {
  address: string;
  namespace: string;
  apiKey?: string;
  /** false: plain TCP; an object: TLS with these (possibly empty) materials. */
  tls: false | { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer; serverNameOverride?: string };
  uiUrl: string;
  callTimeoutMs: number;
  describeConcurrency: number;
}

export interface SchedulePauseDeliverySettings {
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** Temporal Cloud's namespace (mTLS) and regional (API key) endpoints. */
const CLOUD_ADDRESS = /(\.tmprl\.cloud|\.api\.temporal\.io)(:\d+)?$/;

function readPem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Temporal's settings, or undefined when TEMPORAL_ADDRESS is unset. Throws with the variable's name on a bad combination. */
export function temporalSettings(env: TemporalEnvironment): TemporalSettings | undefined {
  if (!env.TEMPORAL_ADDRESS) return undefined;
  const certPath = env.TEMPORAL_TLS_CLIENT_CERT_PATH;
  const keyPath = env.TEMPORAL_TLS_CLIENT_KEY_PATH;
  if (Boolean(certPath) !== Boolean(keyPath)) {
    throw new Error('TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH: give both or neither');
  }
  const wantsTls = env.TEMPORAL_TLS === 'true' || (env.TEMPORAL_TLS !== 'false' && Boolean(env.TEMPORAL_API_KEY || certPath || env.TEMPORAL_TLS_SERVER_CA_CERT_PATH));
  const cloud = CLOUD_ADDRESS.test(env.TEMPORAL_ADDRESS);
  return {
    address: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    apiKey: env.TEMPORAL_API_KEY,
    tls: wantsTls
      ? {
          ...(certPath && keyPath
            ? { clientCertPair: { crt: readPem('TEMPORAL_TLS_CLIENT_CERT_PATH', certPath), key: readPem('TEMPORAL_TLS_CLIENT_KEY_PATH', keyPath) } }
            : {}),
          ...(env.TEMPORAL_TLS_SERVER_CA_CERT_PATH ? { serverRootCACertificate: readPem('TEMPORAL_TLS_SERVER_CA_CERT_PATH', env.TEMPORAL_TLS_SERVER_CA_CERT_PATH) } : {}),
          ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
        }
      : false,
    // The dev server (`temporal server start-dev`) serves its UI on 8233; Temporal Cloud's UI is one site for every namespace.
    uiUrl: (env.TEMPORAL_UI_URL ?? (cloud ? 'https://cloud.temporal.io' : 'http://localhost:8233')).replace(/\/+$/, ''),
    callTimeoutMs: env.TEMPORAL_CALL_TIMEOUT_MS,
    describeConcurrency: env.TEMPORAL_DESCRIBE_CONCURRENCY,
  };
}

export function schedulePauseDeliverySettings(env: TemporalEnvironment): SchedulePauseDeliverySettings {
  return { pollMs: env.SCHEDULE_PAUSE_POLL_MS, retryBaseMs: env.SCHEDULE_PAUSE_RETRY_BASE_MS, retryMaxMs: Math.max(env.SCHEDULE_PAUSE_RETRY_MAX_MS, env.SCHEDULE_PAUSE_RETRY_BASE_MS) };
}
