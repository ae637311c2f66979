import type { SignalCategory } from './types';

/**
 * How useful a genuine report is to the product team. Actionable: it names a problem or asks for
 * something, in enough words to act on. Short actionable: a request or problem in a few words
 * ("Dark mode please", "Login loop on Safari"). Product signal: sentiment without a request.
 */
const SHORT_WORDS = 6;
const PROBLEM_OR_REQUEST =
  /\b(?:bugs?|errors?|fail(?:s|ed|ing|ure)?|broken?|breaks|crash(?:es|ed)?|stuck|loop|freez\w*|slow|wrong|missing|twice|duplicat\w*|charged|refund|denied|lost|cut off|nothing|empty|NaN|doesn'?t|does not|don'?t|didn'?t|can'?t|cannot|won'?t|isn'?t|not (?:working|found|shown|sent|escaped)|stopped|please|pls|could|would|can (?:you|we|i)|should|wish|want|need|add|allow|let me|support for|instead|but|weird(?:ly)?|how (?:do|can)|why|is there|too (?:many|much|aggressive|slow|long|often)|cramped|confusing|hard to)\b|\?/i;
const SENTIMENT = /\b(?:love|great|amazing|awesome|thanks?|thank you|nice|cool|works well|saved me|fine|meh|ok(?:ay)?|not sure how i feel|happy|brilliant|excellent)\b/i;

export function signalCategoryOf(text: string): Exclude<SignalCategory, 'security_probe'> {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  const asks = PROBLEM_OR_REQUEST.test(text);
  const feels = SENTIMENT.test(text);
  if (!asks && (feels || words > SHORT_WORDS)) return 'product_signal';
  return words <= SHORT_WORDS ? 'short_actionable' : 'actionable';
}
