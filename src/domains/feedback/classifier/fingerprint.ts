import { createHash } from 'node:crypto';

/**
 * The key duplicate and burst groups share: the decoded body lower-cased, numbers and whitespace
 * collapsed and trailing punctuation dropped, so `<ScRiPt>alert(1)</script>` and
 * `%3Cscript%3Ealert(2)%3C/script%3E` (or "Dark mode please" and "dark mode please!!") meet.
 */
export function fingerprintOf(decoded: string): string {
  const normalised = decoded
    .toLowerCase()
    .replace(/\d+/g, '0')
    .replace(/\s+/g, ' ')
    .replace(/[\s.!?,;:]+$/u, '')
    .trim();
  return createHash('sha256').update(normalised).digest('hex').slice(0, 16);
}
