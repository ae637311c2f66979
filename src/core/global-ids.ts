import { decodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The row UUID behind a global ID of `typename`; anything else is a BAD_USER_INPUT naming `argument`. */
export function databaseIdOf(argument: string, globalId: string, typename: string): string {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = undefined;
  }
  if (!decoded || decoded.typename !== typename || !UUID.test(decoded.id)) {
    throw badInput(argument, `is not a ${typename} ID (use the id field of a ${typename})`);
  }
  return decoded.id.toLowerCase();
}
