/**
 * Exact decimal arithmetic on strings, enough to convert quantities without float drift:
 * 50 × 10*9/L becomes exactly 50000 /mm3, not 50000.00000000001.
 */

interface Scaled {
  readonly digits: bigint;
  /** The value is `digits / 10^scale`. */
  readonly scale: number;
}

const decimalPattern = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;

function toScaled(decimal: string): Scaled {
  const match = decimalPattern.exec(decimal.trim());
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new RangeError(`not a decimal number: ${decimal}`);
  const [, sign = "", whole = "", fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText);
  let digits = BigInt(`${whole}${fraction}` || "0");
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: sign === "-" ? -digits : digits, scale };
}

function fromScaled({ digits, scale }: Scaled): string {
  const negative = digits < 0n;
  let text = (negative ? -digits : digits).toString().padStart(scale + 1, "0");
  if (scale > 0) text = `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, "");
  return `${negative && text !== "0" ? "-" : ""}${text}`;
}

/** The exact product of two decimals, as a canonical decimal string. */
export function multiplyDecimals(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  return fromScaled({ digits: x.digits * y.digits, scale: x.scale + y.scale });
}

/** Compares two decimals exactly: negative, zero or positive like a sort comparator. */
export function compareDecimals(a: string, b: string): number {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const xd = x.digits * 10n ** BigInt(scale - x.scale);
  const yd = y.digits * 10n ** BigInt(scale - y.scale);
  return xd < yd ? -1 : xd > yd ? 1 : 0;
}

/** The shortest decimal string of a finite JavaScript number (`1e-7` → `0.0000001`). */
export function decimalOfNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return fromScaled(toScaled(String(value)));
}
