import { decodeHTML } from 'entities';

/**
 * The forms a report is examined in. Probes hide behind encodings (percent, double percent, HTML
 * entities, JavaScript escapes, overlong UTF-8, full-width letters) and behind payloads split with
 * comments, quotes or concatenation; the detectors see every form, so one spelling is enough to match.
 */
export interface DecodedReport {
  /** As written. */
  raw: string;
  /** Every encoding layer removed (up to four rounds), NFKC-normalised, invisible characters dropped. */
  decoded: string;
  /** `decoded` with the pieces of a split payload joined again (comments, quote tricks, concatenation, ${IFS}). */
  joined: string;
}

const MAX_ROUNDS = 4;
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;

/** Overlong UTF-8 encodings of '/', '\' and '.' that old servers accepted (e.g. %c0%af). */
const OVERLONG: Record<string, string> = { '%c0%af': '/', '%e0%80%af': '/', '%c1%9c': '\\', '%c0%ae': '.', '%c0%2e': '.' };

function percentDecode(text: string): string {
  let out = text.replace(/%(?:c0%af|e0%80%af|c1%9c|c0%ae|c0%2e)/gi, (match) => OVERLONG[match.toLowerCase()] ?? match);
  out = out.replace(/%u([0-9a-f]{4})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  // Runs of %XX are decoded together so multi-byte UTF-8 survives; an invalid run is decoded byte by byte.
  return out.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

function escapeDecode(text: string): string {
  return text
    .replace(/\\u\{([0-9a-f]{1,6})\}/gi, (match, hex: string) => safeCodePoint(parseInt(hex, 16)) ?? match)
    .replace(/\\u([0-9a-f]{4})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\x([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function safeCodePoint(codePoint: number): string | undefined {
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : undefined;
}

function decodeLayers(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const next = escapeDecode(decodeHTML(percentDecode(current)));
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Undoes the tricks that split a keyword so a signature no longer sees it. */
function joinSplitPayload(text: string): string {
  return text
    .replace(/\/\*.*?\*\//g, ' ')
    .replace(/\$\{IFS\}|\$IFS\b/g, ' ')
    .replace(/(['"])\s*(?:\+|\|\||\.)\s*\1/g, '')
    .replace(/\b(\w+)(?:''|"")(\w+)/g, '$1$2')
    .replace(/\b(\w*)'(\w)'(\w*)/g, (match, before: string, letter: string, after: string) => (before && after ? before + letter + after : match))
    .replace(/(\w)\\(\w)/g, (match, before: string, after: string) => (/[nrtux]/.test(after) ? match : before + after))
    .replace(/(\w)\t+(\w)/g, '$1$2')
    .replace(/\s+/g, ' ');
}

export function decodeReport(body: string): DecodedReport {
  const decoded = decodeLayers(body).normalize('NFKC').replace(INVISIBLE, '');
  return { raw: body, decoded, joined: joinSplitPayload(decoded) };
}
