import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { provisionAdmin } from '../access/bootstrap-admin';
import type { Config } from '../config';
import type { Database } from './database';
import { DEMO_EXECUTIONS, isDatabaseEmpty, seed, seedSizeFor } from './seed';

export interface Bootstrapped {
  /** An admin key to show the operator: ADMIN_API_KEY, or the embedded demo key. */
  adminApiKey?: string;
  seeded: boolean;
}

/**
 * Start-up provisioning. ADMIN_API_KEY provisions that key for the bootstrap admin on any database.
 * An empty embedded database gets demo data and a demo admin key, kept beside the data
 * (readable only by its owner) so that every later start can show it again.
 */
export async function bootstrap({ db, driver }: Database, config: Config): Promise<Bootstrapped> {
  let seeded = false;
  let adminApiKey = config.adminApiKey;
  if (adminApiKey) await provisionAdmin(db, config.adminEmail, adminApiKey);

  if (driver.kind !== 'pglite') return { adminApiKey, seeded };

  const dataDir = config.database.kind === 'pglite' ? config.database.dataDir : undefined;
  const keyFile = dataDir ? path.join(dataDir, '..', 'demo-admin-key') : undefined;
  if (config.demoData && (await isDatabaseEmpty(db))) {
    await seed(db, seedSizeFor(DEMO_EXECUTIONS));
    seeded = true;
    if (!adminApiKey) {
      adminApiKey = (await provisionAdmin(db, config.adminEmail)).key;
      if (keyFile && adminApiKey) {
        writeFileSync(keyFile, `${adminApiKey}\n`);
        chmodSync(keyFile, 0o600);
      }
    }
  }
  if (!adminApiKey && keyFile && existsSync(keyFile)) adminApiKey = readFileSync(keyFile, 'utf8').trim();
  return { adminApiKey, seeded };
}
