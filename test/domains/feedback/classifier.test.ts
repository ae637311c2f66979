import { describe, expect, it } from 'vitest';
import { classifyReport, decodeReport, PROBE_CLASSES } from '../../../src/domains/feedback/classifier/index';
import { corpus, evaluate } from './classifier-report';

describe('feedback classifier on its corpus', () => {
  const { groups, genuineAsProbe, categoryAccuracy } = evaluate();

  it('has at least 20 probes per group and 40 genuine reports', () => {
    for (const group of PROBE_CLASSES) expect(corpus.probes[group].length).toBeGreaterThanOrEqual(20);
    expect(corpus.genuine.length).toBeGreaterThanOrEqual(40);
  });

  it('classes no genuine report as a probe (reports that mention code, SQL and paths included)', () => {
    expect(genuineAsProbe.map((miss) => miss.body)).toEqual([]);
  });

  it.each(PROBE_CLASSES)('recognises %s probes with recall and precision of at least 90%%', (group) => {
    const figures = groups.find((g) => g.group === group)!;
    expect(figures.recall).toBeGreaterThanOrEqual(0.9);
    expect(figures.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('gives most genuine reports the expected signal category', () => {
    expect(categoryAccuracy).toBeGreaterThanOrEqual(0.85);
  });
});

describe('decoding before classifying', () => {
  it.each([
    ['percent', '%3Cscript%3E', '<script>'],
    ['double percent', '%253Cscript%253E', '<script>'],
    ['HTML entities', '&lt;svg onload=alert&#40;1&#41;&gt;', '<svg onload=alert(1)>'],
    ['JavaScript escapes', '\\u003cscript\\x3e', '<script>'],
    ['%u escapes', '%u003cscript%u003e', '<script>'],
    ['overlong UTF-8', '..%c0%af..%c0%afetc', '../../etc'],
    ['full-width letters', '＜ｓｃｒｉｐｔ＞', '<script>'],
    ['zero-width characters', 'sel\u200bect', 'select'],
  ])('undoes %s', (_name, raw, decoded) => {
    expect(decodeReport(raw).decoded).toBe(decoded);
  });

  it.each([
    ['SQL comments', "1'/**/UNION/**/SELECT/**/password", "1' UNION SELECT password"],
    ['quotes inside a word', "c'a't /etc/passwd", 'cat /etc/passwd'],
    ['${IFS}', 'cat${IFS}/etc/passwd', 'cat /etc/passwd'],
    ['string concatenation', "'ja'+'vascript:alert(1)'", "'javascript:alert(1)'"],
  ])('joins payloads split with %s', (_name, raw, joined) => {
    expect(decodeReport(raw).joined).toBe(joined);
  });

  it('sees a probe whatever its case or encoding', () => {
    for (const body of ['<ScRiPt>alert(1)</sCrIpT>', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '&#60;script&#62;alert(1)&#60;/script&#62;']) {
      expect(classifyReport(body).classification).toBe('script');
    }
  });
});

describe('fingerprints', () => {
  it('are shared by encodings, case and numbers of one probe, and by near-identical reports', () => {
    expect(classifyReport('<ScRiPt>alert(1)</sCrIpT>').fingerprint).toBe(classifyReport('%3Cscript%3Ealert(2)%3C/script%3E').fingerprint);
    expect(classifyReport('Dark mode please').fingerprint).toBe(classifyReport('dark   mode please!!').fingerprint);
    expect(classifyReport('Dark mode please').fingerprint).not.toBe(classifyReport('Light mode please').fingerprint);
  });
});

describe('severity', () => {
  it('ranks injection probes above path probes above fuzz, and actionable reports above sentiment', () => {
    expect(classifyReport("' OR 1=1 --").severity).toBe(4);
    expect(classifyReport('../../../../etc/shadow').severity).toBe(3);
    expect(classifyReport('%n%n%n%n%n').severity).toBe(2);
    expect(classifyReport('Export fails with error 500 when the task name has an emoji').severity).toBe(3);
    expect(classifyReport('Great product, thanks!').severity).toBe(1);
  });
});
