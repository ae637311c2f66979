import { loadConfig } from '../config';
import { openDatabase } from './database';
import { migrateToLatest } from './migrator';
import { startOrExit } from '../core/startup';

const database = await startOrExit(() => openDatabase(loadConfig().database));
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await database.close();
}
