import { loadConfig } from './config';
import { bootstrap } from './db/bootstrap';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrator';
import { startActivitySimulator } from './live/simulator';
import { createLogger } from './core/logger';
import { createGateway } from './server';
import { startOrExit } from './core/startup';

async function start() {
  const started = performance.now();
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  const { adminApiKey, seeded } = await bootstrap(database, config);
  const gateway = createGateway({ config, database, log, demoApiKey: database.driver.kind === 'pglite' ? adminApiKey : undefined });
  const url = await gateway.start();
  const simulator =
    database.driver.kind === 'pglite' && config.events.simulateActivity
      ? startActivitySimulator({ db: database.db, log: log.child({ component: 'simulator' }), intervalMs: config.events.simulateIntervalMs })
      : undefined;

  log.info({ url, database: database.driver.kind, seeded, ms: Math.round(performance.now() - started) }, 'gateway started');
  console.log(`
  Admin gateway ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${database.driver.kind === 'pglite' ? 'embedded database' : 'PostgreSQL'}${seeded ? ', demo data seeded' : ''})
  GraphiQL:      ${url}/graphql
  Admin API key: ${adminApiKey ?? '(none shown: set ADMIN_API_KEY or create one with npm run apikey -- create --email …)'}
`);
  return { log, database, gateway, simulator };
}

const { log, database, gateway, simulator } = await startOrExit(start);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  await simulator?.stop();
  await gateway.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
