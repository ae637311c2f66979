/** An amount as stored (integer minor units beside an ISO 4217 code) and as a person reads it. */
export interface Money {
  minorUnits: number;
  currency: string;
  formatted: string;
}

const formats = new Map<string, Intl.NumberFormat>();

function formatFor(currency: string): Intl.NumberFormat {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format;
}

/** Minor units are scaled by the currency's own exponent (2 for USD, 0 for JPY, 3 for KWD), as Intl knows it. */
export function moneyOf(minorUnits: number, currency: string): Money {
  const code = currency.trim().toUpperCase();
  const format = formatFor(code);
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  return { minorUnits, currency: code, formatted: format.format(minorUnits / 10 ** exponent) };
}
