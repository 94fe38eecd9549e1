import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { related } from "../../diagnostics/diagnostic.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import type * as A from "../../dsl/ast.js";
import { printExpectation } from "../../dsl/print-condition.js";
import { planReasons } from "../../pack/drug-names.js";
import { nestFacts } from "../../pack/fact-path.js";
import { assertNever } from "../../shared/assert-never.js";
import { conversionFactor } from "../../units/ucum.js";
import type * as M from "../model.js";
import { checkDelay, factNamed, reservedOutcome, type CheckedRules, type ConditionContext } from "./check-conditions.js";
import type { CheckedDeclarations } from "./check-declarations.js";
import { checkUnit } from "./numbers-and-units.js";
import { collectDiagnostics } from "./report.js";
import type { NameTables } from "./resolve-names.js";

/** What an expectation is checked against: the condition context, the outcomes and the checked rules. */
interface ExampleContext extends ConditionContext {
  readonly outcomes: readonly string[];
  readonly rules: ReadonlyMap<string, M.RuleModel>;
}

/**
 * The last pass: checks the worked examples against the checked model: each given value has the
 * type and unit of its fact, an example is based on one declared before it, and each
 * expectation names a known outcome, rule, recommendation, fact or plan action.
 */
export function checkExamples(
  names: NameTables,
  declared: CheckedDeclarations,
  checked: CheckedRules,
): { readonly examples: readonly M.ExampleModel[]; readonly diagnostics: readonly Diagnostic[] } {
  const { diagnostics, report } = collectDiagnostics();
  const verdict = checked.verdict;
  if (!verdict) return { examples: [], diagnostics };
  const context: ExampleContext = {
    names,
    declared,
    report,
    outcomes: [...new Set([...verdict.outcomes.map((o) => o.code), verdict.otherwise.code, reservedOutcome])],
    rules: new Map(checked.rules.map((r) => [r.id, r])),
  };
  const examples: M.ExampleModel[] = [];
  const givenByExample = new Map<string, ReadonlyMap<string, unknown>>();
  for (const d of names.declarations) {
    if (d.kind !== "example") continue;
    const given = new Map<string, unknown>();
    if (d.base) {
      const base = givenByExample.get(d.base.text);
      if (base) for (const [path, value] of base) given.set(path, value);
      else report("GL2037", d.base.span, [d.base.text], didYouMean(d.base.text, givenByExample.keys()));
    }
    const seen = new Set<string>();
    for (const g of d.givens) {
      if (seen.has(g.fact.text)) report("GL2019", g.fact.span, [g.fact.text, `example \`${d.id.text}\``]);
      seen.add(g.fact.text);
      const value = givenValue(context, g);
      if (value !== undefined) given.set(g.fact.text, value);
    }
    givenByExample.set(d.id.text, given);
    const facts = nestFacts([...given.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    const expectations: M.ExpectationModel[] = [];
    for (const e of d.expectations) {
      const resolved = checkExpectation(context, e);
      if (resolved) expectations.push(resolved);
    }
    examples.push({ id: d.id.text, title: d.title?.value ?? "", facts, expectations, span: d.span });
  }
  return { examples, diagnostics };
}

/** The value an example gives a fact, as the runtime takes it, or undefined after a diagnostic. */
function givenValue(context: ConditionContext, given: A.Given): unknown {
  const { report } = context;
  const fact = factNamed(context, given.fact);
  const value = given.value;
  if (!fact || !value) return undefined;
  // `unknown` says the fact is not known: it is given as null, which the runtime treats as missing.
  if (value.kind === "word" && value.word.text === "unknown") return null;
  const bad = (expected: string): undefined => {
    report("GL2033", value.span, [describeGiven(value), fact.path, expected]);
    return undefined;
  };
  switch (fact.type) {
    case "boolean":
      if (value.kind === "word" && (value.word.text === "yes" || value.word.text === "no")) return value.word.text === "yes";
      {
        bad("`yes` or `no`");
        return;
      }
    case "enum":
      if (value.kind === "word" && fact.values.includes(value.word.text)) return value.word.text;
      if (value.kind === "word")
        report("GL2005", value.span, [value.word.text, fact.path, fact.values.join(", ")], didYouMean(value.word.text, fact.values), [
          related("valuesDeclaredHere", fact.span),
        ]);
      else bad(`one of ${fact.values.join(", ")}`);
      return undefined;
    case "date":
      if (value.kind === "text" && /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value.text.value)) return value.text.value;
      {
        bad('a date in double quotes, e.g. "2026-12-14"');
        return;
      }
    case "quantity": {
      if (value.kind !== "quantity") {
        bad(`a number with its unit, e.g. 50 000 ${fact.unit}`);
        return;
      }
      const q = value.quantity;
      if (!q.unit) {
        bad(`a number with its unit, e.g. ${q.value.written} ${fact.unit}`);
        return;
      }
      if (!checkUnit(q.unit, report)) return undefined;
      if (!("factor" in conversionFactor(q.unit.text, fact.unit))) {
        report("GL2011", q.unit.span, [q.unit.text, fact.unit]);
        return undefined;
      }
      return q.unit.text === fact.unit ? Number(q.value.decimal) : { value: Number(q.value.decimal), unit: q.unit.text };
    }
    case "medications":
      if (value.kind !== "medications") {
        bad("a list of treatments in parentheses, e.g. (drug-a, drug-b 75 mg/d)");
        return;
      }
      return value.items.flatMap((item) => givenTreatment(context, fact, item, bad));
    default:
      return assertNever(fact);
  }
}

/** One treatment of a given medication list, its dose in its own unit (the runtime converts it exactly). */
function givenTreatment(
  context: ConditionContext,
  fact: Extract<M.FactModel, { type: "medications" }>,
  item: A.MedicationItem,
  bad: (expected: string) => undefined,
): Record<string, unknown>[] {
  const entry: Record<string, unknown> = { name: item.name.text };
  if (item.dose) {
    if (!fact.dose) {
      context.report("GL2022", item.dose.span, [fact.path]);
      return [];
    }
    const unit = item.dose.unit;
    if (!unit) {
      bad(`a dose with its unit, e.g. 75 ${fact.dose.unit}`);
      return [];
    }
    if (!("factor" in conversionFactor(unit.text, fact.dose.unit))) {
      context.report("GL2011", unit.span, [unit.text, fact.dose.unit]);
      return [];
    }
    // Given in its own unit: the runtime converts it exactly (1 120 mg/wk is 160 mg/d).
    entry[fact.dose.field] =
      unit.text === fact.dose.unit ? Number(item.dose.value.decimal) : { value: Number(item.dose.value.decimal), unit: unit.text };
  }
  if (item.atc) entry.atc = item.atc.text;
  return [entry];
}

/** A given value as written, for a message. */
function describeGiven(value: A.GivenValue): string {
  switch (value.kind) {
    case "word":
      return value.word.text;
    case "text":
      return value.text.value;
    case "quantity":
      return `${value.quantity.value.written}${value.quantity.unit ? ` ${value.quantity.unit.text}` : ""}`;
    case "medications":
      return "(…)";
    default:
      return assertNever(value);
  }
}

/** The rule an expectation names, when it exists and gives that kind of effect (GL2032, GL2036). */
function expectedRule(context: ExampleContext, name: A.Name, effect: M.EffectModel["kind"], what: string): M.RuleModel | undefined {
  const found = context.rules.get(name.text);
  // A rule that is declared but has its own errors is not reported again here.
  if (!found && context.names.ruleIds.has(name.text)) return undefined;
  if (!found) {
    context.report("GL2032", name.span, [name.text], didYouMean(name.text, context.rules.keys()));
    return undefined;
  }
  if (found.effect.kind !== effect) {
    context.report("GL2036", name.span, [name.text, what]);
    return undefined;
  }
  return found;
}

function checkExpectation(context: ExampleContext, e: A.Expectation): M.ExpectationModel | undefined {
  const { names, report } = context;
  const base = { negated: e.negated, span: e.span, text: printExpectation(e, { form: "message" }) };
  switch (e.kind) {
    case "verdict":
      if (!context.outcomes.includes(e.code.text)) {
        report("GL2034", e.code.span, [e.code.text, context.outcomes.join(", ")], didYouMean(e.code.text, context.outcomes));
        return undefined;
      }
      return { ...base, kind: "verdict", code: e.code.text };
    case "precondition": {
      if (!expectedRule(context, e.rule, "precondition", "a precondition")) return undefined;
      const statuses = ["met", "unmet", "unknown"] as const;
      const status = statuses.find((x) => x === e.status?.text);
      if (!status) {
        report("GL2035", e.status?.span ?? e.rule.span, [e.status?.text ?? "(nothing)", "a status: met, unmet or unknown"]);
        return undefined;
      }
      return { ...base, kind: "precondition", rule: e.rule.text, status };
    }
    case "finding":
      if (!expectedRule(context, e.rule, "finding", "a finding")) return undefined;
      return { ...base, kind: "finding", rule: e.rule.text };
    case "recommendation":
      if (!names.recommendations.has(e.code.text)) {
        report("GL2007", e.code.span, [e.code.text], didYouMean(e.code.text, names.recommendations.keys()));
        return undefined;
      }
      return { ...base, kind: "recommendation", code: e.code.text };
    case "missing": {
      const head = e.fact.text.replace(/\[.*$/, "");
      if (!names.facts.has(head)) {
        report("GL2001", e.fact.span, [head], didYouMean(head, names.facts.keys()));
        return undefined;
      }
      return { ...base, kind: "missing", fact: e.fact.text };
    }
    case "refused":
      if (!names.facts.has(e.fact.text)) {
        report("GL2001", e.fact.span, [e.fact.text], didYouMean(e.fact.text, names.facts.keys()));
        return undefined;
      }
      return { ...base, kind: "refused", fact: e.fact.text };
    case "readiness": {
      const status = e.status.text;
      if (status !== "ready" && status !== "not-ready" && status !== "unknown") {
        report("GL2033", e.status.span, [status, "readiness", "`ready`, `not-ready` or `unknown`"]);
        return undefined;
      }
      return { ...base, kind: "readiness", status };
    }
    case "plan":
      return checkPlanExpectation(context, e, base);
    default:
      return assertNever(e);
  }
}

function checkPlanExpectation(
  context: ExampleContext,
  e: Extract<A.Expectation, { kind: "plan" }>,
  base: Pick<M.ExpectationModel, "negated" | "span" | "text">,
): M.ExpectationModel | undefined {
  const { report } = context;
  const actions = ["stop", "continue", "bridge", "refer", "unknown"] as const;
  const action = e.action ? actions.find((a) => a === e.action?.text) : undefined;
  if (e.action && !action) {
    report("GL2035", e.action.span, [e.action.text, "a plan action: stop, continue, bridge, refer or unknown"]);
    return undefined;
  }
  const reason = e.reason ? planReasons.find((r) => r === e.reason?.text) : undefined;
  if (e.reason && !reason) {
    report(
      "GL2035",
      e.reason.span,
      [e.reason.text, `a reason of a referral: ${planReasons.join(", ")}`],
      didYouMean(e.reason.text, planReasons),
    );
    return undefined;
  }
  let hoursBefore: number | undefined;
  if (e.delay) {
    const delay = checkDelay(context, e.delay);
    if (!delay) return undefined;
    hoursBefore = Number(delay.hours);
  }
  return {
    ...base,
    kind: "plan",
    drug: e.drug.text,
    ...(action ? { action } : {}),
    ...(hoursBefore !== undefined ? { hoursBefore } : {}),
    ...(e.date ? { date: e.date.value } : {}),
    ...(reason ? { reason } : {}),
  };
}
