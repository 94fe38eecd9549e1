/**
 * Intervals of real numbers with open or closed ends: the values a numeric fact (or a dose)
 * may take under a set of comparisons. `x > 50 000` is (50 000, +∞); `x <= 160` is (−∞, 160].
 * Every operation is O(1).
 */

/** An interval; an infinite end is always open. Empty when `lo > hi`, or `lo = hi` with an open end. */
export interface Interval {
  readonly lo: number;
  readonly loOpen: boolean;
  readonly hi: number;
  readonly hiOpen: boolean;
}

/** Every real number. */
const allNumbers: Interval = { lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true };

/** The values that satisfy `x OPERATOR value`, for every operator but `!=` (two intervals). */
export function comparisonInterval(operator: ">" | ">=" | "<" | "<=" | "=", value: number): Interval {
  switch (operator) {
    case ">":
      return { lo: value, loOpen: true, hi: Infinity, hiOpen: true };
    case ">=":
      return { lo: value, loOpen: false, hi: Infinity, hiOpen: true };
    case "<":
      return { lo: -Infinity, loOpen: true, hi: value, hiOpen: true };
    case "<=":
      return { lo: -Infinity, loOpen: true, hi: value, hiOpen: false };
    case "=":
      return { lo: value, loOpen: false, hi: value, hiOpen: false };
  }
}

/** A closed range `[min, max]`, either end optional (then infinite). */
export function rangeInterval(min: number | undefined, max: number | undefined): Interval {
  return {
    lo: min ?? -Infinity,
    loOpen: min === undefined,
    hi: max ?? Infinity,
    hiOpen: max === undefined,
  };
}

/** True when no number lies in the interval. */
export function isEmpty(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && (i.loOpen || i.hiOpen));
}

/** The numbers in both intervals. */
export function intersect(a: Interval, b: Interval): Interval {
  const lower = a.lo > b.lo ? a : b.lo > a.lo ? b : { lo: a.lo, loOpen: a.loOpen || b.loOpen };
  const upper = a.hi < b.hi ? a : b.hi < a.hi ? b : { hi: a.hi, hiOpen: a.hiOpen || b.hiOpen };
  return { lo: lower.lo, loOpen: lower.loOpen, hi: upper.hi, hiOpen: upper.hiOpen };
}

/** True when every number of `inner` is in `outer`. */
export function includes(outer: Interval, inner: Interval): boolean {
  if (isEmpty(inner)) return true;
  const lowOk = inner.lo > outer.lo || (inner.lo === outer.lo && (!outer.loOpen || inner.loOpen));
  const highOk = inner.hi < outer.hi || (inner.hi === outer.hi && (!outer.hiOpen || inner.hiOpen));
  return lowOk && highOk;
}

/** True when `x` is in the interval. */
export function containsValue(i: Interval, x: number): boolean {
  return (x > i.lo || (x === i.lo && !i.loOpen)) && (x < i.hi || (x === i.hi && !i.hiOpen));
}

/**
 * A value of the interval an editor would pick to show it: a closed end that a comparison
 * set (the boundary itself, e.g. exactly 160), else the nearest whole number inside an open
 * end a comparison set (50 001 above 50 000), else an end of the fact's range, else a middle
 * value. `initial` is the fact's own range, so that ends set by comparisons come first.
 * The interval must not be empty.
 */
export function pickValue(i: Interval, initial: Interval = allNumbers): number {
  if (i.lo === i.hi) return i.lo;
  const loSet = i.lo !== initial.lo || i.loOpen !== initial.loOpen;
  const hiSet = i.hi !== initial.hi || i.hiOpen !== initial.hiOpen;
  const candidates: number[] = [];
  const lowSide = (): void => {
    if (!Number.isFinite(i.lo)) return;
    if (!i.loOpen) candidates.push(i.lo);
    candidates.push(Math.floor(i.lo) + 1);
  };
  const highSide = (): void => {
    if (!Number.isFinite(i.hi)) return;
    if (!i.hiOpen) candidates.push(i.hi);
    candidates.push(Math.ceil(i.hi) - 1);
  };
  if (loSet) lowSide();
  if (hiSet) highSide();
  if (!loSet) lowSide();
  if (!hiSet) highSide();
  candidates.push(0);
  for (const x of candidates) if (containsValue(i, x)) return x;
  if (Number.isFinite(i.lo) && Number.isFinite(i.hi)) return (i.lo + i.hi) / 2;
  return Number.isFinite(i.lo) ? i.lo + 1 : Number.isFinite(i.hi) ? i.hi - 1 : 0;
}

/** A number as the guideline writes it: `50 000`, `0,5`, `160`. */
export function formatNumber(x: number): string {
  const [whole = "0", fraction] = String(Math.abs(x)).split(".");
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ") : whole;
  return `${x < 0 ? "-" : ""}${grouped}${fraction ? `,${fraction}` : ""}`;
}

/** The interval in words for an editor: `160 mg/d`, `from 150 to 160 mg/d`, `above 50 000 /mm3`. */
export function describeInterval(i: Interval, unit: string): string {
  const u = unit ? ` ${unit}` : "";
  if (i.lo === i.hi) return `${formatNumber(i.lo)}${u}`;
  const lo = Number.isFinite(i.lo) ? `${i.loOpen ? "above" : "from"} ${formatNumber(i.lo)}` : "";
  const hi = Number.isFinite(i.hi) ? `${i.hiOpen ? "below" : "up to"} ${formatNumber(i.hi)}` : "";
  if (lo && hi) return `${lo} and ${hi}${u}`;
  return `${lo || hi || "any value"}${lo || hi ? u : ""}`;
}
