/**
 * Exact rational numbers with BigInt, for the conversions whose factor is not a finite decimal
 * (mg/wk → mg/d is 1/7) and for sums of doses that meet a threshold.
 */

/** `numerator / denominator`, reduced, with a positive denominator. */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduced(numerator: bigint, denominator: bigint): Rational {
  if (denominator === 0n) throw new RangeError("division by zero");
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = gcd(numerator, denominator) || 1n;
  return { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor };
}

/** The rational value of a decimal string (`0.5`, `-12`, `1e-3`). */
export function rationalOfDecimal(text: string): Rational {
  const match = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text.trim());
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new RangeError(`not a decimal number: ${text}`);
  const [, sign = "", whole = "", fraction = "", exponentText = "0"] = match;
  const digits = BigInt(`${sign === "-" ? "-" : ""}${whole}${fraction}` || "0");
  const exponent = Number(exponentText) - fraction.length;
  return exponent >= 0 ? reduced(digits * 10n ** BigInt(exponent), 1n) : reduced(digits, 10n ** BigInt(-exponent));
}

/** The exact value of a finite JavaScript number read as its shortest decimal (`0.1` is one tenth). */
export function rationalOfNumber(value: number): Rational {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  // A whole number that a double holds exactly needs no decimal text (-0 is 0).
  if (Number.isSafeInteger(value)) return { numerator: BigInt(value), denominator: 1n };
  return rationalOfDecimal(String(value));
}

/** a × b, exactly. */
export function multiplyRationals(a: Rational, b: Rational): Rational {
  return reduced(a.numerator * b.numerator, a.denominator * b.denominator);
}

/** a + b, exactly. */
export function addRationals(a: Rational, b: Rational): Rational {
  if (a.denominator === 1n && b.denominator === 1n) return { numerator: a.numerator + b.numerator, denominator: 1n };
  return reduced(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

/** 1 / a. */
export function reciprocal(a: Rational): Rational {
  return reduced(a.denominator, a.numerator);
}

/** Negative, zero or positive as a is below, equal to or above b, exactly. */
export function compareRationals(a: Rational, b: Rational): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The rational as a finite decimal string, or undefined when it has none (1/3). */
export function decimalOfRational(a: Rational): string | undefined {
  let rest = a.denominator;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos++;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives++;
  }
  if (rest !== 1n) return undefined;
  const scale = Math.max(twos, fives);
  const digits = (a.numerator * 10n ** BigInt(scale)) / a.denominator;
  const negative = digits < 0n;
  let text = (negative ? -digits : digits).toString().padStart(scale + 1, "0");
  if (scale > 0) text = `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, "");
  return `${negative ? "-" : ""}${text}`;
}

/** The nearest JavaScript number, to about 20 significant digits (exact for finite decimals). */
export function numberOfRational(a: Rational): number {
  const decimal = decimalOfRational(a);
  if (decimal !== undefined) return Number(decimal);
  const negative = a.numerator < 0n;
  const magnitude = negative ? -a.numerator : a.numerator;
  const shift = 25n;
  const scaled = (magnitude * 10n ** shift) / a.denominator;
  return (negative ? -1 : 1) * Number(`${scaled}e-${shift}`);
}

/**
 * The JavaScript number a rule engine should compare in place of `exact`: the nearest number,
 * moved by the least amount needed so that it lies on the same side of each threshold (above,
 * equal or below) as the exact value does. A comparison of the number with any of these
 * thresholds then gives the answer the exact value would.
 */
export function numberOnTheSameSide(exact: Rational, thresholds: readonly number[]): number {
  // A whole number that a double holds exactly compares with every double as it is.
  if (exact.denominator === 1n && exact.numerator <= maxSafe && exact.numerator >= -maxSafe) return Number(exact.numerator);
  let value = numberOfRational(exact);
  for (const threshold of [...thresholds].sort((a, b) => a - b)) {
    const wanted = compareRationals(exact, rationalOfNumber(threshold));
    const actual = value < threshold ? -1 : value > threshold ? 1 : 0;
    if (wanted === actual) continue;
    value = wanted === 0 ? threshold : wanted > 0 ? nextAfter(threshold, Infinity) : nextAfter(threshold, -Infinity);
  }
  return value;
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** The next representable number after `x` towards `direction`. */
function nextAfter(x: number, direction: number): number {
  if (x === direction) return x;
  if (x === 0) return direction > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setFloat64(0, x);
  const bits = buffer.getBigUint64(0);
  const away = direction > x === x > 0;
  buffer.setBigUint64(0, away ? bits + 1n : bits - 1n);
  return buffer.getFloat64(0);
}

/**
 * A rational written as text, exactly: a finite decimal (`1000`, `0.001`) when it has one, else
 * a fraction (`1/7`). {@link rationalOfText} reads it back.
 */
export function textOfRational(a: Rational): string {
  return decimalOfRational(a) ?? `${a.numerator}/${a.denominator}`;
}

/** The rational of a text written by {@link textOfRational}: a decimal, or `numerator/denominator`. */
export function rationalOfText(text: string): Rational {
  const slash = text.indexOf("/");
  if (slash < 0) return rationalOfDecimal(text);
  const numerator = text.slice(0, slash);
  const denominator = text.slice(slash + 1);
  if (!/^-?\d+$/.test(numerator) || !/^\d+$/.test(denominator)) throw new RangeError(`not a fraction: ${text}`);
  return reduced(BigInt(numerator), BigInt(denominator));
}
