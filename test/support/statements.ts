import type { Database } from '../../src/db/database';

// Written off the request path by the access layer (batched data-access audit rows, a key's
// last_used_at at most once a minute) or the feedback classifier's sweep for unclassified reports,
// so they land in a measuring window by timing, not by the request.
const BACKGROUND_BOOKKEEPING = /^(insert into "audit_log"|update "api_keys" set "last_used_at"|select "id" from "feedback" where "classified_at" is null limit \$1)/;

export const isBackgroundBookkeeping = (sql: string) => BACKGROUND_BOOKKEEPING.test(sql);

/** The SQL statements the database runs while `run` runs, less the access layer's background bookkeeping. */
export async function statementsDuring<T>(database: Database, run: () => Promise<T>): Promise<{ statements: string[]; result: T }> {
  const statements: string[] = [];
  const stop = database.onQuery((event) => {
    if (!isBackgroundBookkeeping(event.query.sql)) statements.push(event.query.sql);
  });
  try {
    return { statements, result: await run() };
  } finally {
    stop();
  }
}
