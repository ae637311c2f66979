import { createHash } from 'node:crypto';
import { badInput } from './errors';
import { UUID } from './global-ids';
import type { Ordering, SortKeyType } from './ordering';

const KEYSET_VERSION = 'k2';
/** Far longer than any cursor we hand out; a longer one is refused before it is decoded. */
const MAX_CURSOR_LENGTH = 4096;
const MAX_TEXT_KEY_LENGTH = 1000;

type CursorArgument = 'after' | 'before';

const digests = new Map<string, string>();
/** Per ordering object (each list keeps one per orderBy): its digest and the start of its cursors' JSON. */
const prefixes = new WeakMap<Ordering, { digest: string; encodedPrefix: string }>();

/** A short digest of what an ordering sorts by, so a cursor of one orderBy is never read as another's. */
export function orderingDigest(ordering: Ordering): string {
  return described(ordering).digest;
}

function described(ordering: Ordering): { digest: string; encodedPrefix: string } {
  let known = prefixes.get(ordering);
  if (known) return known;
  const keys = ordering.keys.map((key) => `${key.negated ? `(-${key.column})` : key.column}:${key.type}`);
  const description = `${ordering.direction} ${keys.join(',')}`;
  // Orderings are few and fixed in code: hashed once each, not once per cursor.
  let digest = digests.get(description);
  if (digest === undefined) digests.set(description, (digest = createHash('sha256').update(description).digest('base64url').slice(0, 10)));
  // `["k2","list","digest"` without its closing bracket, padded with JSON whitespace to a whole number of base64
  // groups (3 bytes): its base64 is then the start of every cursor's, and only the values are encoded per cursor.
  const prefix = JSON.stringify([KEYSET_VERSION, ordering.list, digest]).slice(0, -1);
  const padded = prefix + ' '.repeat((3 - (Buffer.byteLength(prefix) % 3)) % 3);
  known = { digest, encodedPrefix: Buffer.from(padded).toString('base64url') };
  prefixes.set(ordering, known);
  return known;
}

/** What PostgreSQL prints for these key types is plain ASCII with nothing JSON escapes (digits, letters, - : . + space). */
const PLAIN_TYPES: ReadonlySet<SortKeyType> = new Set(['timestamptz', 'uuid', 'integer', 'bigint', 'numeric']);

/** An opaque keyset cursor: the list's name, its ordering's digest and the row's sort-key values (as SQL text). */
export function encodeCursor(ordering: Ordering, values: string[]): string {
  if (values.length === 0) return described(ordering).encodedPrefix + Buffer.from(']').toString('base64url');
  if (ordering.keys.every((key) => PLAIN_TYPES.has(key.type))) {
    // The same JSON as JSON.stringify would write, without its escaping pass, as latin1 (ASCII) bytes.
    let rest = '';
    for (const value of values) rest += `,"${value}"`;
    return described(ordering).encodedPrefix + Buffer.from(`${rest}]`, 'latin1').toString('base64url');
  }
  return described(ordering).encodedPrefix + Buffer.from(`,${JSON.stringify(values).slice(1)}`).toString('base64url');
}

const NOT_OURS = 'is not a cursor of this list (use a cursor returned by the same field)';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::\d{2})?$/;

/** Whether `value` is what PostgreSQL prints for a sort key of this type, so that casting it back cannot fail. */
function isSortKeyValue(type: SortKeyType, value: string): boolean {
  switch (type) {
    case 'uuid':
      return UUID.test(value);
    case 'integer':
      return /^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= 2 ** 31 - 1;
    case 'bigint':
      return /^-?\d{1,19}$/.test(value) && BigInt(value) <= 2n ** 63n - 1n && BigInt(value) >= -(2n ** 63n);
    case 'numeric':
      return /^-?\d{1,100}(\.\d{1,100})?$/.test(value);
    case 'text':
      return value.length <= MAX_TEXT_KEY_LENGTH && !value.includes('\u0000');
    case 'timestamptz': {
      const match = TIMESTAMP.exec(value);
      if (!match) return false;
      const [year, month, day, hour, minute, second, offset] = match.slice(1).map(Number) as number[];
      return year! >= 1 && month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysIn(year!, month!)
        && hour! <= 23 && minute! <= 59 && second! <= 59 && offset! <= 15;
    }
  }
}

function parse(cursor: string): unknown {
  if (cursor.length > MAX_CURSOR_LENGTH) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * A cursor of this list and ordering, checked before any SQL sees it: another list's cursor, another orderBy's,
 * or one whose values are not what PostgreSQL printed for the sort keys is BAD_USER_INPUT naming the argument.
 * The result is the row's sort-key values, in key order.
 */
export function decodeCursor(argument: CursorArgument, cursor: string, ordering: Ordering): string[] {
  const decoded = parse(cursor);
  if (!Array.isArray(decoded)) throw badInput(argument, NOT_OURS);
  const [version, list, digest, ...values] = decoded as unknown[];
  if (version !== KEYSET_VERSION || list !== ordering.list) throw badInput(argument, NOT_OURS);
  if (digest !== orderingDigest(ordering)) throw badInput(argument, 'was returned for another orderBy (use a cursor returned with the same orderBy)');
  const valid = values.length === ordering.keys.length
    && values.every((value, index) => typeof value === 'string' && isSortKeyValue(ordering.keys[index]!.type, value));
  if (!valid) throw badInput(argument, NOT_OURS);
  return values as string[];
}
