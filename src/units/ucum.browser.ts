import type { Rational } from "./rational.js";
import { conversionRatioWith, type UcumUtils } from "./ucum-conversion.js";

/**
 * The browser build's `ucum.ts` (the bundler puts it in its place; see
 * `tools/build-browser-runtime.mjs`): no UCUM library in the bundle. A pack carries, for each
 * quantity, the exact factors of the units it accepts (computed by the compiler with UCUM), and
 * the runtime converts with those. For any other unit (a dose in `mg/wk`, for example), a page
 * that wants the Node runtime's answers hands the library over with {@link useUcum} (about
 * 59 KB gzipped); without it, such a unit is refused with the reason below.
 */

let library: UcumUtils | undefined;

/**
 * Gives the browser runtime the UCUM library, for units outside a pack's own table: the
 * instance of `@lhncbc/ucum-lhc` (`UcumLhcUtils.getInstance()`), bundled by the page.
 */
export function useUcum(ucum: UcumUtils): void {
  library = ucum;
}

/** The exact ratio converting `from` to `to`, with the library handed over, or why it cannot be worked out. */
export function conversionRatio(from: string, to: string): { readonly ratio: Rational } | { readonly problem: string } {
  if (library) return conversionRatioWith(library, from, to);
  return {
    problem: `\`${from}\` is not among the units the pack converts, and this page gave the browser runtime no UCUM library (\`useUcum\`) to convert it`,
  };
}
