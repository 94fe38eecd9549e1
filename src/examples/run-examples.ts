import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { CheckedGuideline, ExampleModel, ExpectationModel } from "../compiler/model.js";
import { evaluate } from "../runtime/evaluate.js";
import { InvalidFactsError, isAtOrInside, jsonPath } from "../runtime/fact-errors.js";
import { factPathSegments } from "../pack/fact-path.js";
import type { RulePack } from "../pack/pack-format.js";
import type { Report } from "../runtime/report.js";

/** The outcome of one example. */
export interface ExampleResult {
  readonly id: string;
  readonly title: string;
  readonly passed: boolean;
  /** One line per expectation that did not hold. */
  readonly failures: readonly { readonly expectation: string; readonly actual: string; readonly diagnostic: Diagnostic }[];
  readonly report?: Report;
}

/** The outcome of `guideline test`. */
export interface ExamplesRun {
  readonly results: readonly ExampleResult[];
  /** Rules that hold in at least one example. */
  readonly fired: readonly string[];
  /** Rules that hold in no example (each also a GL6002 diagnostic). */
  readonly unfired: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs the examples written in the guideline source against a compiled pack: each example's
 * facts are evaluated by the runtime and every expectation is checked against the report.
 * Also reports the rules that no example fires.
 */
export async function runExamples(model: CheckedGuideline, pack: RulePack): Promise<ExamplesRun> {
  const results: ExampleResult[] = [];
  const fired = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const example of model.examples) {
    const result = await runExample(example, pack);
    results.push(result);
    for (const f of result.failures) diagnostics.push(f.diagnostic);
    if (result.report) for (const rule of firedRules(result.report)) fired.add(rule);
  }
  const unfired = model.rules.map((r) => r.id).filter((id) => !fired.has(id));
  for (const id of unfired) {
    const rule = model.rules.find((r) => r.id === id);
    diagnostics.push(makeDiagnostic("GL6002", rule?.span, [id]));
  }
  return { results, fired: [...fired].sort(), unfired, diagnostics };
}

/** The rules that hold in a report: findings, recommendations, met preconditions, applied plan entries. */
export function firedRules(report: Report): string[] {
  return [
    ...report.findings.map((f) => f.rule),
    ...report.recommendations.map((r) => r.rule),
    ...report.preconditions.filter((p) => p.status === "met").map((p) => p.rule),
    ...report.medicationPlan.flatMap((e) => (e.provenance ? [e.provenance.rule] : [])),
  ];
}

async function runExample(example: ExampleModel, pack: RulePack): Promise<ExampleResult> {
  const fail = (expectation: string, actual: string, span = example.span) => ({
    expectation,
    actual,
    diagnostic: makeDiagnostic("GL6001", span, [example.id, `expected ${expectation}, but ${actual}`]),
  });
  let report: Report;
  const refusals = example.expectations.filter(
    (e): e is Extract<ExpectationModel, { kind: "refused" }> => e.kind === "refused" && !e.negated,
  );
  try {
    report = await evaluate(example.facts, pack);
  } catch (error) {
    const detail = error instanceof InvalidFactsError ? error.errors.map((e) => `${e.path}: ${e.message}`).join("; ") : String(error);
    if (error instanceof InvalidFactsError && refusals.length) {
      // The facts were refused, as the example expects: each named fact must carry an error.
      const failures = refusals.flatMap((e) => {
        const at = jsonPath(factPathSegments(e.fact));
        const found = error.errors.some((problem) => isAtOrInside(problem.path, at));
        return found ? [] : [fail(e.text, `the facts were refused elsewhere: ${detail}`, e.span)];
      });
      return { id: example.id, title: example.title, passed: failures.length === 0, failures };
    }
    return { id: example.id, title: example.title, passed: false, failures: [fail("valid facts", `the facts were refused: ${detail}`)] };
  }
  const failures = example.expectations.flatMap((e) => {
    const actual = check(e, report);
    return actual === undefined ? [] : [fail(e.text, actual, e.span)];
  });
  return { id: example.id, title: example.title, passed: failures.length === 0, failures, report };
}

/** Undefined when the expectation holds; otherwise what the report says instead. */
function check(e: ExpectationModel, report: Report): string | undefined {
  const expect = (holds: boolean, actual: string) => (holds !== e.negated ? undefined : actual);
  switch (e.kind) {
    case "verdict":
      return expect(report.verdict === e.code, `the verdict is ${report.verdict}`);
    case "precondition": {
      const found = report.preconditions.find((p) => p.rule === e.rule);
      return expect(found?.status === e.status, `its status is ${found?.status ?? "absent"}`);
    }
    case "finding":
      return expect(
        report.findings.some((f) => f.rule === e.rule),
        `the findings are [${report.findings.map((f) => f.rule).join(", ")}]`,
      );
    case "recommendation":
      return expect(
        report.recommendations.some((r) => r.code === e.code),
        `the recommendations are [${[...new Set(report.recommendations.map((r) => r.code))].join(", ")}]`,
      );
    case "missing":
      return expect(report.missing.includes(e.fact), `missing is [${report.missing.join(", ")}]`);
    case "refused":
      // Reached only when the facts were accepted.
      return expect(false, "the facts were accepted");
    case "readiness":
      return expect(report.readiness.status === e.status, `readiness is ${report.readiness.status}`);
    case "plan": {
      const entries = report.medicationPlan.filter((p) => p.drug === e.drug || p.given === e.drug);
      const describe = entries.length
        ? entries
            .map(
              (p) =>
                `${p.drug} ${p.action}${p.hoursBefore !== undefined ? ` ${p.hoursBefore} h before` : ""}${p.date ? ` on ${p.date}` : ""}${p.reason ? ` because ${p.reason}` : ""}`,
            )
            .join("; ")
        : `the plan has no entry for ${e.drug}`;
      const matches = entries.some(
        (p) =>
          (e.action === undefined || p.action === e.action) &&
          (e.hoursBefore === undefined || p.hoursBefore === e.hoursBefore) &&
          (e.date === undefined || p.date === e.date) &&
          (e.reason === undefined || p.reason === e.reason),
      );
      return expect(matches, describe);
    }
  }
}
