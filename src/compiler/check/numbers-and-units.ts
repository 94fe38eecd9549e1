import { hint } from "../../diagnostics/diagnostic.js";
import type * as A from "../../dsl/ast.js";
import { unitProblem } from "../../units/ucum.js";
import { ucumForWord } from "../../units/unit-words.js";
import type { Report } from "./report.js";

/**
 * A reference number written as a whole number, or undefined after reporting GL2015:
 * `cite 100 101` lexes as the French number 100 101, which for a reference is a missing comma.
 */
export function wholeNumber(value: A.NumberValue, report: Report): number | undefined {
  if (/[ \u00A0\u202F]/.test(value.written)) {
    report("GL2015", value.span, [value.written], hint("separateReferencesWithComma", value.written.replace(/[ \u00A0\u202F]+/g, ", ")));
    return undefined;
  }
  if (!/^\d+$/.test(value.decimal)) {
    report(
      "GL2015",
      value.span,
      [value.written],
      value.written.includes(",") ? hint("readsAsDecimal", value.written, value.written.replace(",", ", ")) : undefined,
    );
    return undefined;
  }
  return Number(value.decimal);
}

/** The reference numbers cited, each reported (GL2016) when the reference list lacks it. */
export function citationsOf(list: readonly A.NumberValue[], references: ReadonlyMap<number, unknown>, report: Report): number[] {
  const citations: number[] = [];
  for (const citation of list) {
    const number = wholeNumber(citation, report);
    if (number === undefined) continue;
    if (!references.has(number)) report("GL2016", citation.span, [number]);
    citations.push(number);
  }
  return citations;
}

/** True when `unit` is a UCUM unit; otherwise reports GL2010 and returns false. */
export function checkUnit(unit: A.Name, report: Report): boolean {
  const problem = unitProblem(unit.text);
  if (problem !== undefined) {
    const meant = ucumForWord(unit.text);
    report("GL2010", unit.span, [unit.text, problem], meant === undefined ? undefined : hint("didYouMean", meant));
    return false;
  }
  return true;
}
