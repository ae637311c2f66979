import { createRequire } from 'node:module';
import { decodeReport } from './decode';
import { fingerprintOf } from './fingerprint';
import { fuzzTrait } from './fuzz';
import { CLASS_OF_RULE, RULESET } from './rules';
import { signalCategoryOf } from './signal';
import { type Classification, type ProbeClass } from './types';

export { PROBE_CLASSES, type Classification, type ProbeClass, type SignalCategory } from './types';
export { decodeReport } from './decode';

/** Bumped whenever rules change, so `npm run classify` can tell stale rows from current ones. */
export const CLASSIFIER_VERSION = 1;

/** When a report matches several classes, the most specific wins (a template payload often looks like script too). */
const PRECEDENCE: ProbeClass[] = ['template', 'script', 'command', 'sql', 'path', 'fuzz'];
const PROBE_SEVERITY: Record<ProbeClass, number> = { script: 4, command: 4, sql: 4, template: 4, path: 3, fuzz: 2 };
const SIGNAL_SEVERITY = { actionable: 3, short_actionable: 2, product_signal: 1 } as const;
/**
 * libinjection's XSS tokenizer flags any tag it could run, including one quoted in a sentence ("the
 * docs use <script src=widget.js>"); in prose it counts only beside a sharper script signature.
 */
const WEAK_IN_PROSE = new Set(['script.libinjection']);
const PROSE_WORDS = 6;

function isProse(decoded: string): boolean {
  const outsideMarkup = decoded.replace(/<[^>]*>?/g, ' ');
  return (outsideMarkup.match(/\b[\p{L}]{2,}\b/gu)?.length ?? 0) >= PROSE_WORDS;
}

/** The engine's budget per report, in microseconds; longer reports are cut by the engine, not us. */
const WAF_TIMEOUT_MICROSECONDS = 100_000;

interface WafContext {
  run(payload: { persistent: Record<string, string> }, timeout: number): { events?: Array<{ rule: { id: string } }> };
  dispose(): void;
}
interface Waf {
  createContext(): WafContext;
}

let waf: Waf | undefined;
function engine(): Waf {
  if (!waf) {
    const { DDWAF } = createRequire(import.meta.url)('@datadog/native-appsec') as { DDWAF: new (rules: object, path: string) => Waf };
    waf = new DDWAF(RULESET, 'feedback-classifier');
  }
  return waf;
}

function matchedRules(raw: string, decoded: string, joined: string): string[] {
  const context = engine().createContext();
  try {
    const lower = (text: string) => text.toLowerCase();
    const result = context.run({ persistent: { 'report.raw': lower(raw), 'report.decoded': lower(decoded), 'report.joined': lower(joined) } }, WAF_TIMEOUT_MICROSECONDS);
    return [...new Set((result.events ?? []).map((event) => event.rule.id))];
  } finally {
    context.dispose();
  }
}

/** Classifies one report body: probe class (or none), signal category, severity and group fingerprint. */
export function classifyReport(body: string): Classification {
  const { raw, decoded, joined } = decodeReport(body);
  const prose = isProse(decoded);
  const rules = matchedRules(raw, decoded, joined).filter((rule) => !(prose && WEAK_IN_PROSE.has(rule)));
  const fuzz = fuzzTrait(raw, decoded);
  if (fuzz) rules.push(fuzz);
  const classes = new Set(rules.map((rule) => CLASS_OF_RULE.get(rule) ?? 'fuzz'));
  const classification = PRECEDENCE.find((candidate) => classes.has(candidate)) ?? null;
  const fingerprint = fingerprintOf(decoded);
  if (classification) {
    return { classification, signalCategory: 'security_probe', severity: PROBE_SEVERITY[classification], fingerprint, matchedRules: rules };
  }
  const signalCategory = signalCategoryOf(decoded);
  return { classification: null, signalCategory, severity: SIGNAL_SEVERITY[signalCategory], fingerprint, matchedRules: rules };
}
