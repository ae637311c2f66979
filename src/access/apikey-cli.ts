import { userInfo } from 'node:os';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrator';
import { describeStartupFailure } from '../core/startup';
import { API_KEY_USAGE, CommandError, runApiKeyCommand } from './api-key-commands';

// Uses the same DATABASE_URL / PGLITE_DATA_DIR as the server. The embedded database is single-process:
// while `npm start` holds ./.data this refuses to open it.
async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help')) {
    console.log(API_KEY_USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  const config = loadConfig();
  const database = await openDatabase(config.database, { poolSize: 1 });
  try {
    await migrateToLatest(database.db);
    const lines = await runApiKeyCommand(database.db, argv, `apikey-cli:${userInfo().username}`);
    console.log(lines.join('\n'));
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CommandError || error instanceof ConfigError) {
      console.error(`${error.message}\n\n${API_KEY_USAGE}`);
      process.exit(2);
    }
    console.error(describeStartupFailure(error) ?? error);
    process.exit(1);
  },
);
