import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrator';
import { startOrExit } from '../../core/startup';
import { classifyPendingFeedback, reclassifyAllFeedback } from './classify-rows';

const usage = 'Usage: npm run classify [-- --pending-only]';
const { values } = parseArgs({ options: { 'pending-only': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
if (values.help) {
  console.log(`${usage}\nRe-runs the feedback classifier over every stored report (or only the unclassified ones).`);
  process.exit(0);
}

const database = await startOrExit(() => openDatabase(loadConfig().database));
try {
  await migrateToLatest(database.db);
  const started = performance.now();
  const pending = await classifyPendingFeedback(database.db);
  const all = values['pending-only'] ? undefined : await reclassifyAllFeedback(database.db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    all
      ? `Classified ${pending} unclassified reports; re-read ${all.read}, ${all.changed} changed, in ${seconds} s`
      : `Classified ${pending} unclassified reports in ${seconds} s`,
  );
} finally {
  await database.close();
}
