import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import { CLASSIFIER_VERSION, classifyReport } from './classifier/index';

const BATCH = 500;

interface Pending {
  id: string;
  body: string;
}

async function writeClassifications(db: Kysely<Database>, rows: Pending[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((row) => {
    const result = classifyReport(row.body);
    return sql`(${row.id}::uuid, ${result.classification}::text, ${result.signalCategory}::text, ${result.severity}::smallint, ${result.fingerprint}::text)`;
  });
  await sql`
    update feedback set classification = v.classification, signal_category = v.signal_category, severity = v.severity,
                        duplicate_fingerprint = v.fingerprint, classified_at = now(), classifier_version = ${CLASSIFIER_VERSION}
      from (values ${sql.join(values)}) as v (id, classification, signal_category, severity, fingerprint)
     where feedback.id = v.id`.execute(db);
}

/**
 * Classifies every report stored without a classification, a batch per transaction. Rows another
 * gateway is classifying at the same moment are skipped (SKIP LOCKED), so instances share the work.
 * Returns how many rows this call classified.
 */
export async function classifyPendingFeedback(db: Kysely<Database>): Promise<number> {
  // The usual answer is "nothing to do": one index probe, without a transaction.
  const pending = await db.selectFrom('feedback').select('id').where('classified_at', 'is', null).limit(1).executeTakeFirst();
  if (!pending) return 0;
  let total = 0;
  for (;;) {
    const classified = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('feedback')
        .select(['id', 'body'])
        .where('classified_at', 'is', null)
        .orderBy('created_at')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      await writeClassifications(trx, rows);
      return rows.length;
    });
    total += classified;
    if (classified < BATCH) return total;
  }
}

/**
 * Re-runs the classifier over every stored report (`npm run classify`), in id order, a batch per
 * transaction; triage state is left alone. Returns how many rows it read and how many changed.
 */
export async function reclassifyAllFeedback(db: Kysely<Database>): Promise<{ read: number; changed: number }> {
  let after: string | undefined;
  let read = 0;
  let changed = 0;
  for (;;) {
    const rows = await db
      .selectFrom('feedback')
      .select(['id', 'body', 'classification', 'signal_category', 'severity', 'duplicate_fingerprint'])
      .$if(after !== undefined, (query) => query.where('id', '>', after!))
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return { read, changed };
    read += rows.length;
    const different = rows.filter((row) => {
      const result = classifyReport(row.body);
      return result.classification !== row.classification || result.signalCategory !== row.signal_category
        || result.severity !== row.severity || result.fingerprint !== row.duplicate_fingerprint;
    });
    changed += different.length;
    await db.transaction().execute((trx) => writeClassifications(trx, different));
    after = rows.at(-1)!.id;
  }
}
