import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { provisionAdmin } from '../access/bootstrap-admin';
import type { Config } from '../config';
import type { Database } from './database';
import { DEMO_EXECUTIONS, isDatabaseEmpty, seed, seedSizeFor } from './seed';

export interface Bootstrapped {
  /** An admin key to show the operator: ADMIN_API_KEY, or the embedded demo key. */
  adminApiKey?: string;
  /** Whether adminApiKey is the generated demo key (not one the operator chose): only that one is shown in full. */
  generated: boolean;
  seeded: boolean;
}

/**
 * Start-up provisioning. ADMIN_API_KEY provisions that key for the bootstrap admin on any database.
 * An empty embedded database gets demo data and a demo admin key, kept beside the data
 * (readable only by its owner) so that every later start can show it again.
 */
export async function bootstrap({ db, driver }: Database, config: Config): Promise<Bootstrapped> {
  let seeded = false;
  const chosenKey = config.adminApiKey;
  // Emptiness is judged before the bootstrap admin exists, so that ADMIN_API_KEY does not cost a first start its demo data.
  if (driver.kind === 'pglite' && config.demoData && (await isDatabaseEmpty(db))) {
    await seed(db, seedSizeFor(DEMO_EXECUTIONS));
    seeded = true;
  }
  if (chosenKey) await provisionAdmin(db, config.adminEmail, chosenKey);
  if (driver.kind !== 'pglite' || chosenKey) return { adminApiKey: chosenKey, generated: false, seeded };

  const dataDir = config.database.kind === 'pglite' ? config.database.dataDir : undefined;
  const keyFile = dataDir ? path.join(dataDir, '..', 'demo-admin-key') : undefined;
  let adminApiKey: string | undefined;
  if (seeded) {
    adminApiKey = (await provisionAdmin(db, config.adminEmail)).key;
    if (keyFile && adminApiKey) {
      writeFileSync(keyFile, `${adminApiKey}\n`);
      chmodSync(keyFile, 0o600);
    }
  }
  if (!adminApiKey && keyFile && existsSync(keyFile)) adminApiKey = readFileSync(keyFile, 'utf8').trim();
  return { adminApiKey, generated: adminApiKey !== undefined, seeded };
}
