/**
 * Fuzz noise: input made to break parsers rather than to say anything. RE2 (the rule engine's
 * regex dialect) has no back-references, so the repetition checks live here.
 */
const REPEATED_RUN = /(.{1,4}?)\1{11,}/su;
const FORMAT_SPECIFIERS = /%(?:\d+\$)?[snxdpu]/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const BIDI_OVERRIDE = /[\u202a-\u202e\u2066-\u2069]/;
const NONCHARACTER = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const COMBINING = /\p{M}/gu;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const BOUNDARY_NUMBER = /^[+-]?(?:\d{12,}|\d+(?:\.\d+)?e[+-]?\d{3,}|2147483648|2147483649|4294967296|9223372036854775808)$/i;
/** A UTF-16 or UTF-8 byte-order mark read as Latin-1, repeated: bytes thrown at a parser. */
const MOJIBAKE_BOM = /(?:ÿþ|þÿ|ï»¿)/g;
const SPECIAL_VALUES = /\b(?:NaN|undefined|null|Infinity|-0|0x0|true|false|None|nil)\b/g;

/** Which fuzz trait a report shows, or undefined. Reads the raw and the decoded text. */
export function fuzzTrait(raw: string, decoded: string): string | undefined {
  for (const text of [raw, decoded]) {
    if (REPEATED_RUN.test(text)) return 'fuzz.repetition';
    if ((text.match(FORMAT_SPECIFIERS)?.length ?? 0) >= 3) return 'fuzz.format-string';
    if (CONTROL.test(text)) return 'fuzz.control-characters';
    if (BIDI_OVERRIDE.test(text)) return 'fuzz.bidi-override';
    if (NONCHARACTER.test(text)) return 'fuzz.noncharacter';
    if ((text.match(MOJIBAKE_BOM)?.length ?? 0) >= 2) return 'fuzz.byte-order-marks';
    if ((text.match(ZERO_WIDTH)?.length ?? 0) >= 4) return 'fuzz.zero-width';
  }
  const trimmed = decoded.trim();
  const letters = trimmed.replace(/[^\p{L}]/gu, '').length;
  if ((trimmed.match(COMBINING)?.length ?? 0) > Math.max(6, letters)) return 'fuzz.combining-marks';
  if (BOUNDARY_NUMBER.test(trimmed)) return 'fuzz.boundary-number';
  const words = trimmed.split(/\s+/).filter(Boolean);
  if (words.length >= 3 && (trimmed.match(SPECIAL_VALUES)?.length ?? 0) >= Math.max(3, words.length - 1)) return 'fuzz.special-values';
  if (trimmed.length >= 12 && symbolShare(trimmed) >= 0.4) return 'fuzz.symbol-soup';
  if (isRandomToken(trimmed)) return 'fuzz.random-token';
  return undefined;
}

/** Share of characters that are neither letters, digits nor spaces. */
function symbolShare(text: string): number {
  const symbols = text.replace(/[\p{L}\p{N}\s]/gu, '').length;
  return symbols / text.length;
}

/** One long token mixing upper and lower case, digits and symbols, with no word in it: a generated string. */
function isRandomToken(text: string): boolean {
  return text.length >= 16 && !/\s/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text) && symbolShare(text) >= 0.25;
}
