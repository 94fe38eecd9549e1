/**
 * Exact unit conversions with UCUM (`@lhncbc/ucum-lhc`), given the library's instance: the
 * Node runtime and compiler load it themselves (`ucum.ts`), a browser page hands it over
 * (`ucum.browser.ts`).
 */
import { decimalOfNumber } from "./decimal.js";
import { rationalOfDecimal, reciprocal, type Rational } from "./rational.js";

/** What the conversions need of `@lhncbc/ucum-lhc` (its `UcumLhcUtils` instance). */
export interface UcumUtils {
  validateUnitString(unit: string, suggest?: boolean): { status: string; msg: string[]; unit?: { code: string } | null };
  convertUnitTo(from: string, value: number, to: string): { status: string; toVal: number | null; msg: string[] };
}

/** Why a unit is not valid UCUM, or undefined when it is. */
export function unitProblemWith(ucum: UcumUtils, unit: string): string | undefined {
  const result = ucum.validateUnitString(unit, false);
  if (result.status === "valid") return undefined;
  return result.msg.join(" ") || result.status;
}

/**
 * Significant digits kept from UCUM's floating-point factor. UCUM defines units by decimal
 * factors, so rounding to 12 significant digits recovers the exact factor (1000, 0.001, 3600).
 */
const factorPrecision = 12;

/**
 * The exact factor converting `from` to `to` (value in `to` = value in `from` × factor),
 * as a decimal string, or a reason when the units are not commensurable or not linear, or
 * when the factor is too large or too small for a double (a power of ten such as `10*400`).
 */
export function conversionFactorWith(
  ucum: UcumUtils,
  from: string,
  to: string,
): { readonly factor: string } | { readonly problem: string } {
  if (from === to) return { factor: "1" };
  const one = ucum.convertUnitTo(from, 1, to);
  if (one.status !== "succeeded" || one.toVal === null) return { problem: one.msg.join(" ") || "the units are not commensurable" };
  // `10*400/mm3` is valid UCUM, but its factor is not a finite, non-zero number.
  if (!Number.isFinite(one.toVal) || one.toVal === 0)
    return { problem: "the conversion factor between these units is too large or too small to represent" };
  const thousand = ucum.convertUnitTo(from, 1000, to);
  if (thousand.toVal === null || Math.abs(thousand.toVal - 1000 * one.toVal) > Math.abs(one.toVal) * 1e-6) {
    return { problem: "only proportional units are supported (not offsets such as degrees Celsius)" };
  }
  return { factor: decimalOfNumber(Number(one.toVal.toPrecision(factorPrecision))) };
}

/**
 * The exact ratio converting `from` to `to` (value in `to` = value in `from` × ratio), or a
 * reason when the units do not convert. UCUM computes in floating point; the exact ratio is
 * recovered from the factor rounded to 12 significant digits, or from the reverse factor when it
 * is the shorter decimal: mg/wk → mg/d is 1/7 because mg/d → mg/wk is exactly 7.
 */
export function conversionRatioWith(
  ucum: UcumUtils,
  from: string,
  to: string,
): { readonly ratio: Rational } | { readonly problem: string } {
  const forward = conversionFactorWith(ucum, from, to);
  if (!("factor" in forward)) return forward;
  const reverse = conversionFactorWith(ucum, to, from);
  const digits = (decimal: string) => decimal.replace(/^[-0.]+|\.|0+$/g, "").length;
  if ("factor" in reverse && digits(reverse.factor) < digits(forward.factor))
    return { ratio: reciprocal(rationalOfDecimal(reverse.factor)) };
  return { ratio: rationalOfDecimal(forward.factor) };
}

/** True when `unit` measures time (converts to hours). */
export function isTimeUnitWith(ucum: UcumUtils, unit: string): boolean {
  return "factor" in conversionFactorWith(ucum, unit, "h");
}
