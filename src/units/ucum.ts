import { createRequire } from "node:module";
import type { Rational } from "./rational.js";
import { conversionFactorWith, conversionRatioWith, isTimeUnitWith, unitProblemWith, type UcumUtils } from "./ucum-conversion.js";

let instance: UcumUtils | undefined;

/**
 * UCUM, loaded on first use: the package takes tens of milliseconds to load and to build its unit
 * tables, and the runtime needs it only for a unit outside the factors a pack carries. It is
 * loaded with `require` (it is a CommonJS package) so that the callers stay synchronous.
 */
function ucum(): UcumUtils {
  const require = createRequire(import.meta.url);
  instance ??= (require("@lhncbc/ucum-lhc") as { UcumLhcUtils: { getInstance(): UcumUtils } }).UcumLhcUtils.getInstance();
  return instance;
}

/** Why a unit is not valid UCUM, or undefined when it is. */
export function unitProblem(unit: string): string | undefined {
  return unitProblemWith(ucum(), unit);
}

/** The exact factor converting `from` to `to`, as a decimal string, or why the units do not convert (see `conversionFactorWith`). */
export function conversionFactor(from: string, to: string): { readonly factor: string } | { readonly problem: string } {
  return conversionFactorWith(ucum(), from, to);
}

/** The exact ratio converting `from` to `to`, or why the units do not convert (see `conversionRatioWith`). */
export function conversionRatio(from: string, to: string): { readonly ratio: Rational } | { readonly problem: string } {
  return conversionRatioWith(ucum(), from, to);
}

/** True when `unit` measures time (converts to hours). */
export function isTimeUnit(unit: string): boolean {
  return isTimeUnitWith(ucum(), unit);
}
