// Money is kept exactly: amounts in 万元 are parsed to integer hundredths (bigint), summed, and
// formatted back with two decimals. Never floating point.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/**
 * A decimal string (any number of decimals) in hundredths, rounded half-up (away from zero) to
 * two decimals: '0.125' → 13n, '0.124' → 12n, '-0.125' → -13n, '12' → 1200n.
 */
export function toHundredths(value: string): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new RangeError(`Not a decimal amount: ${value}`);
  const [, sign, whole, fraction = ''] = m;
  const digits = fraction.padEnd(3, '0');
  let hundredths = BigInt(whole!) * 100n + BigInt(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) hundredths += 1n;
  return sign === '-' ? -hundredths : hundredths;
}

/** Hundredths of 万元 as a string with two decimals: 30n → '0.30', -5n → '-0.05'. */
export function formatHundredths(hundredths: bigint): string {
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const whole = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole.toString()}.${cents}`;
}

/** Rounds a decimal string half-up to two decimals: '10.005' → '10.01', '0.1' → '0.10'. */
export function roundWanYuan(value: string): string {
  return formatHundredths(toHundredths(value));
}

/** The exact sum of decimal amounts, with two decimals. */
export function sumWanYuan(values: readonly string[]): string {
  return formatHundredths(values.reduce((sum, v) => sum + toHundredths(v), 0n));
}
