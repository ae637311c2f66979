import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from './database';
import { migrateToLatest } from './migrator';
import { startOrExit } from '../core/startup';
import { clearSeededTables, DEMO_EXECUTIONS, isDatabaseEmpty, seed, seedSizeFor } from './seed';

const usage = 'Usage: npm run seed -- [--executions N] [--reset]';
const { values } = parseArgs({
  options: { executions: { type: 'string', default: String(DEMO_EXECUTIONS) }, reset: { type: 'boolean', default: false } },
});
const executions = Number(values.executions);
if (!Number.isInteger(executions) || executions < 1) {
  console.error(`--executions must be a positive whole number, got "${values.executions}"\n${usage}`);
  process.exit(2);
}

const database = await startOrExit(() => openDatabase(loadConfig().database));
try {
  await migrateToLatest(database.db);
  if (!(await isDatabaseEmpty(database.db))) {
    if (!values.reset) {
      console.error(`The database already has data; pass --reset to replace all of it.\n${usage}`);
      process.exitCode = 2;
    } else {
      await clearSeededTables(database.db);
    }
  }
  if (process.exitCode === undefined) {
    const size = seedSizeFor(executions);
    const started = performance.now();
    await seed(database.db, size);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Seeded ${JSON.stringify(size)} in ${seconds} s`);
  }
} finally {
  await database.close();
}
