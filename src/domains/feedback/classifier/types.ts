export const PROBE_CLASSES = ['script', 'command', 'sql', 'template', 'path', 'fuzz'] as const;
export type ProbeClass = (typeof PROBE_CLASSES)[number];
export type SignalCategory = 'product_signal' | 'short_actionable' | 'actionable' | 'security_probe';

export interface Classification {
  classification: ProbeClass | null;
  signalCategory: SignalCategory;
  /** 1 (lowest) to 4. */
  severity: number;
  /** Normalised-body hash that duplicate and burst groups share. */
  fingerprint: string;
  /** Rules that matched, for the record and for tuning. */
  matchedRules: string[];
}
