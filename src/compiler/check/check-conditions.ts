import { mirrorComparison } from "../../pack/comparison-operator.js";
import { undecidedVerdict } from "../../pack/pack-format.js";
import { classMemberName } from "../../pack/drug-names.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { hint, related } from "../../diagnostics/diagnostic.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import type { Span } from "../../diagnostics/span.js";
import type * as A from "../../dsl/ast.js";
import { assertNever } from "../../shared/assert-never.js";
import { compareDecimals, multiplyDecimals } from "../../units/decimal.js";
import { conversionFactor } from "../../units/ucum.js";
import type * as M from "../model.js";
import { valuesUsed } from "../values-used.js";
import type { CheckedDeclarations } from "./check-declarations.js";
import { fillTextValues, type TextValuesContext } from "./fill-text-values.js";
import { checkUnit, citationsOf } from "./numbers-and-units.js";
import { collectDiagnostics, type Report } from "./report.js";
import type { NameTables } from "./resolve-names.js";

/** The verdict the runtime gives when missing facts could change it; sources may not declare it. */
export const reservedOutcome = undecidedVerdict;

/** What the condition checks read: the name tables, the checked declarations, and where to report. */
export interface ConditionContext {
  readonly names: NameTables;
  readonly declared: CheckedDeclarations;
  readonly report: Report;
}

/** The rules, the verdict and what refers to rules, checked. */
export interface CheckedRules {
  readonly verdict?: M.VerdictModel;
  readonly rules: readonly M.RuleModel[];
  readonly precedences: readonly M.PrecedenceModel[];
  readonly readiness?: M.ReadinessModel;
}

/**
 * The third pass: checks the verdict and the rules, their conditions (names, types, units and
 * operators; thresholds converted to the unit of the fact they are compared with) and effects,
 * then what refers to the rules: `precedence` and `readiness`.
 */
export function checkConditions(
  names: NameTables,
  declared: CheckedDeclarations,
): { readonly checked: CheckedRules; readonly diagnostics: readonly Diagnostic[] } {
  const { diagnostics, report } = collectDiagnostics();
  const context: ConditionContext = { names, declared, report };
  const verdict = checkVerdict(
    context,
    names.declarations.find((d): d is A.VerdictDeclaration => d.kind === "verdict"),
  );
  const rules = checkRules(context);
  const precedences = checkPrecedences(context, rules);
  const readiness = checkReadiness(context, rules);
  return { checked: { ...(verdict ? { verdict } : {}), rules, precedences, ...(readiness ? { readiness } : {}) }, diagnostics };
}

function checkVerdict(context: ConditionContext, verdict: A.VerdictDeclaration | undefined): M.VerdictModel | undefined {
  const { report } = context;
  if (!verdict) {
    // Points at the header (or the first declaration), so the message says which guideline lacks it.
    const at = context.names.header ?? context.names.declarations[0];
    report("GL2027", at?.span, ["a `verdict` block saying how findings combine into the verdict"]);
    return undefined;
  }
  const all = [...verdict.outcomes, ...(verdict.otherwise ? [verdict.otherwise] : [])];
  checkOutcomeCodes(all, verdict.otherwise, report);
  const outcomes: M.VerdictModel["outcomes"][number][] = [];
  for (const outcome of verdict.outcomes) {
    const when = outcome.when ? checkCondition(context, outcome.when, "verdict") : undefined;
    if (when)
      outcomes.push({
        code: outcome.code.text,
        label: outcome.label?.value ?? outcome.code.text,
        when,
        ...(outcome.noProcedure ? { noProcedure: true as const } : {}),
      });
  }
  if (!verdict.otherwise) {
    report("GL2018", verdict.span, ["the verdict", "otherwise"], hint("endVerdictWithOtherwise"));
    return undefined;
  }
  return {
    question: verdict.question?.value ?? "",
    outcomes,
    otherwise: {
      code: verdict.otherwise.code.text,
      label: verdict.otherwise.label?.value ?? verdict.otherwise.code.text,
      ...(verdict.otherwise.noProcedure ? { noProcedure: true as const } : {}),
    },
    undecided: verdict.undecided?.value ?? reservedOutcome,
  };
}

/** Outcome codes: not the reserved one (GL2029), each listed once (GL2028), `no procedure` said one way (GL2050). */
function checkOutcomeCodes(all: readonly A.VerdictOutcome[], otherwise: A.VerdictOutcome | undefined, report: Report): void {
  const codes = new Set<string>();
  for (const outcome of all) {
    if (outcome.code.text === reservedOutcome) report("GL2029", outcome.code.span, [reservedOutcome]);
    else if (codes.has(outcome.code.text) && outcome !== otherwise) report("GL2028", outcome.code.span, [outcome.code.text]);
    codes.add(outcome.code.text);
  }
  const excluded = new Map<string, boolean>();
  for (const outcome of all) {
    const earlier = excluded.get(outcome.code.text);
    if (earlier !== undefined && earlier !== outcome.noProcedure) report("GL2050", outcome.code.span, [outcome.code.text]);
    excluded.set(outcome.code.text, outcome.noProcedure);
  }
}

function checkRules(context: ConditionContext): M.RuleModel[] {
  const { report } = context;
  const rules: M.RuleModel[] = [];
  let section: A.SectionDeclaration | undefined;
  for (const d of context.names.declarations) {
    if (d.kind === "section") section = d;
    if (d.kind !== "rule") continue;
    const where = `the rule \`${d.id.text}\``;
    if (!section) report("GL2018", d.id.span, [where, "section"], hint("putRuleBelowSection"));
    if (!d.statement) report("GL2018", d.id.span, [where, "statement"], hint("addStatement"));
    if (d.quotes.length === 0) report("GL2018", d.id.span, [where, "quote"], hint("addQuote"));
    if (!d.then) {
      report("GL2018", d.id.span, [where, "then"], hint("addThen"));
      continue;
    }
    const citations = citationsOf(d.citations, context.names.references, report);
    const effect = checkEffect(context, d.then);
    const when = d.when ? checkCondition(context, d.when, "rule") : undefined;
    if (!d.when && d.then.kind !== "medication") report("GL2018", d.id.span, [where, "when"], hint("addWhen"));
    if (!effect || (d.when && !when)) continue;
    const texts = ruleTexts(context, d, when, effect, `used by ${where}`);
    rules.push({
      id: d.id.text,
      section: section?.name.text ?? "",
      statement: texts.statement,
      quotes: d.quotes.map((q) => ({ text: q.value, span: q.span })),
      citations,
      ...(when ? { when } : {}),
      effect: texts.effect,
      span: d.span,
    });
  }
  return rules;
}

/**
 * A rule's statement and precondition label with their `{name}` filled, warning (GL2111) where
 * they restate a threshold or delay the rule uses.
 */
function ruleTexts(
  context: ConditionContext,
  rule: A.RuleDeclaration,
  when: M.ConditionModel | undefined,
  effect: M.EffectModel,
  who: string,
): { readonly statement: string; readonly effect: M.EffectModel } {
  const { thresholds } = context.declared;
  const uses = valuesUsed(when, effect).flatMap((name) => {
    const threshold = thresholds.get(name);
    return threshold ? [threshold] : [];
  });
  const texts: TextValuesContext = {
    thresholds,
    declared: context.names.thresholds,
    language: context.names.header?.language?.text ?? "",
    report: context.report,
  };
  const statement = rule.statement ? fillTextValues(rule.statement, { who, uses }, texts) : "";
  const label = rule.then?.kind === "precondition" ? rule.then.label : undefined;
  if (effect.kind !== "precondition" || !label) return { statement, effect };
  return { statement, effect: { ...effect, label: fillTextValues(label, { who, uses }, texts) } };
}

/** `precedence A over B`: both must be rules (GL2032), distinct (GL2070), with a reason (GL2018). */
function checkPrecedences(context: ConditionContext, rules: readonly M.RuleModel[]): M.PrecedenceModel[] {
  const { report } = context;
  const known = new Set(rules.map((r) => r.id));
  const items: M.PrecedenceModel[] = [];
  for (const d of context.names.declarations) {
    if (d.kind !== "precedence") continue;
    let ok = true;
    for (const name of [d.winner, d.loser]) {
      if (known.has(name.text)) continue;
      ok = false;
      // A rule with errors of its own has been reported already.
      if (!context.names.ruleIds.has(name.text)) report("GL2032", name.span, [name.text], didYouMean(name.text, known));
    }
    if (ok && d.winner.text === d.loser.text) {
      report("GL2070", d.loser.span, [d.loser.text]);
      ok = false;
    }
    if (!d.reason || d.reason.value.trim() === "") {
      report("GL2018", d.span, ["`precedence`", "a reason after `because`"]);
      ok = false;
    }
    if (ok) items.push({ winner: d.winner.text, loser: d.loser.text, reason: d.reason?.value ?? "", span: d.span });
  }
  return items;
}

/** The `readiness` block: one at most, its placeholders known, and preconditions for it to speak of. */
function checkReadiness(context: ConditionContext, rules: readonly M.RuleModel[]): M.ReadinessModel | undefined {
  const { report } = context;
  const blocks = context.names.declarations.filter((d): d is A.ReadinessDeclaration => d.kind === "readiness");
  for (const extra of blocks.slice(1)) report("GL2019", extra.span, ["readiness", "the guideline"]);
  const block = blocks[0];
  if (!block) return undefined;
  if (!rules.some((r) => r.effect.kind === "precondition")) report("GL2054", block.span);
  for (const [label, property] of [
    [block.question, "a question"],
    [block.ready, "`ready`"],
    [block.notReady, "`not ready`"],
    [block.undecided, "`undecided`"],
  ] as const) {
    if (!label) {
      report("GL2018", block.span, ["`readiness`", property], hint("readinessLabelExample"));
      continue;
    }
    for (const match of label.value.matchAll(/\{([^}]*)\}/g)) {
      if (match[1] !== "preconditions" && match[1] !== "toCheck") report("GL2053", label.span, [match[1] ?? ""]);
    }
  }
  return {
    question: block.question?.value ?? "",
    ready: block.ready?.value ?? "",
    notReady: block.notReady?.value ?? "",
    undecided: block.undecided?.value ?? "",
  };
}

/** The medication list that `taking`, `dose of` and medication effects refer to: the plan's, else the only one. */
function medicationList(context: ConditionContext, span: Span): Extract<M.FactModel, { type: "medications" }> | undefined {
  const { facts, plan } = context.declared;
  const list = plan ? facts.get(plan.list) : [...facts.values()].find((f) => f.type === "medications");
  if (!list || list.type !== "medications") {
    context.report("GL2027", span, ["a `medication list` fact to test treatments"]);
    return undefined;
  }
  return list;
}

/** The drugs a target names: the drug itself, or every drug of the class. */
function drugsOf(context: ConditionContext, target: A.DrugTarget): readonly string[] | undefined {
  const { names, report } = context;
  if (target.kind === "drug") {
    if (!names.drugs.has(target.name.text)) {
      const advice =
        didYouMean(target.name.text, names.drugs.keys()) ??
        (names.classes.has(target.name.text) ? hint("isAClass", target.name.text) : hint("declareDrug"));
      report("GL2003", target.name.span, [target.name.text], advice);
      return undefined;
    }
    if (names.drugs.get(target.name.text)?.notNamedBySource) {
      report("GL2042", target.name.span, [target.name.text]);
      return undefined;
    }
    return [target.name.text];
  }
  if (!names.classes.has(target.name.text)) {
    report("GL2004", target.name.span, [target.name.text], didYouMean(target.name.text, names.classes.keys()));
    return undefined;
  }
  const members = [...names.drugs.values()].filter((d) => d.drugClass?.text === target.name.text).map((d) => d.name.text);
  // A class with ATC prefixes also takes the treatments recognised only by one of them.
  if (names.classes.get(target.name.text)?.atc.length) members.push(classMemberName(target.name.text));
  if (members.length === 0) report("GL2031", target.name.span, [target.name.text]);
  return members;
}

function checkEffect(context: ConditionContext, effect: A.Effect): M.EffectModel | undefined {
  const { names, report } = context;
  switch (effect.kind) {
    case "finding":
      if (!names.findingKinds.has(effect.findingKind.text)) {
        report(
          "GL2006",
          effect.findingKind.span,
          [effect.findingKind.text],
          didYouMean(effect.findingKind.text, names.findingKinds.keys()) ?? hint("declareFindingKind"),
        );
        return undefined;
      }
      return { kind: "finding", findingKind: effect.findingKind.text };
    case "precondition":
      return { kind: "precondition", label: effect.label?.value ?? "" };
    case "recommend":
      if (!names.recommendations.has(effect.code.text)) {
        report(
          "GL2007",
          effect.code.span,
          [effect.code.text],
          didYouMean(effect.code.text, names.recommendations.keys()) ?? hint("declareRecommendation"),
        );
        return undefined;
      }
      return { kind: "recommend", code: effect.code.text, ...(effect.strength ? { strength: effect.strength } : {}) };
    case "medication":
      return checkMedicationEffect(context, effect);
    default:
      return assertNever(effect);
  }
}

function checkMedicationEffect(context: ConditionContext, effect: Extract<A.Effect, { kind: "medication" }>): M.EffectModel | undefined {
  const { report } = context;
  const list = medicationList(context, effect.span);
  const drugs = drugsOf(context, effect.target);
  const needsDelay = effect.action === "stop" || effect.action === "bridge";
  let delay: Extract<M.EffectModel, { kind: "medication" }>["delay"];
  if (needsDelay && !effect.delay) report("GL2018", effect.span, [`\`${effect.action}\``, "a delay"], hint("stopNeedsDelay"));
  if (needsDelay && effect.delay) {
    delay = checkDelay(context, effect.delay);
    if (!delay) return undefined;
  }
  if (!list || !drugs) return undefined;
  return {
    kind: "medication",
    action: effect.action,
    list: list.path,
    drugs,
    target: { kind: effect.target.kind, name: effect.target.name.text },
    ...(delay ? { delay } : {}),
  };
}

/** A delay before the procedure: a `delay` or a duration, with its length in hours. */
export function checkDelay(context: ConditionContext, operand: A.Operand): Extract<M.EffectModel, { kind: "medication" }>["delay"] {
  const value = checkValue(context, operand, "delay");
  if (!value) return undefined;
  const hours = conversionFactor(value.unit, "h");
  if (!("factor" in hours)) {
    context.report("GL2013", operand.span, [value.written, value.unit]);
    return undefined;
  }
  return {
    value: value.value,
    unit: value.unit,
    hours: multiplyDecimals(value.value, hours.factor),
    ...(value.threshold ? { threshold: value.threshold } : {}),
    written: value.written,
  };
}

/** A threshold name or a literal quantity, in its own unit. */
function checkValue(context: ConditionContext, operand: A.Operand, role: "threshold" | "delay"): M.ComparedValue | undefined {
  const { report } = context;
  switch (operand.kind) {
    case "quantity":
      if (!operand.unit) {
        report("GL2012", operand.span, [operand.value.written]);
        return undefined;
      }
      if (!checkUnit(operand.unit, report)) return undefined;
      return { value: operand.value.decimal, unit: operand.unit.text, written: `${operand.value.written} ${operand.unit.text}` };
    case "name": {
      const threshold = context.declared.thresholds.get(operand.name.text);
      if (threshold && threshold.role !== role) {
        report(role === "delay" ? "GL2073" : "GL2074", operand.name.span, [threshold.name]);
        return undefined;
      }
      if (threshold) return { value: threshold.value, unit: threshold.unit, threshold: threshold.name, written: threshold.written };
      if (!context.names.thresholds.has(operand.name.text)) {
        report("GL2002", operand.name.span, [operand.name.text], didYouMean(operand.name.text, context.names.thresholds.keys()));
      }
      return undefined;
    }
    case "dose":
      report("GL2075", operand.span);
      return undefined;
    default:
      return assertNever(operand);
  }
}

/** A condition of a rule (tests on facts) or of the verdict (findings combined). */
function checkCondition(context: ConditionContext, condition: A.Condition, where: "rule" | "verdict"): M.ConditionModel | undefined {
  const { names, report } = context;
  switch (condition.kind) {
    case "and":
    case "or": {
      const operands = condition.operands.map((c) => checkCondition(context, c, where));
      if (operands.some((o) => o === undefined)) return undefined;
      return { kind: condition.kind, operands: operands as M.ConditionModel[] };
    }
    case "not": {
      const operand = checkCondition(context, condition.operand, where);
      return operand ? { kind: "not", operand } : undefined;
    }
    case "always":
      if (where === "verdict") {
        report("GL2076", condition.span);
        return undefined;
      }
      return { kind: "always" };
    case "finding":
      if (where === "rule") {
        report("GL2023", condition.span);
        return undefined;
      }
      if (!names.findingKinds.has(condition.findingKind.text)) {
        report(
          "GL2006",
          condition.findingKind.span,
          [condition.findingKind.text],
          didYouMean(condition.findingKind.text, names.findingKinds.keys()),
        );
        return undefined;
      }
      return { kind: "finding", findingKind: condition.findingKind.text };
    case "flag":
    case "member":
    case "taking":
    case "compare":
      if (where === "verdict") {
        report("GL2077", condition.span);
        return undefined;
      }
      return checkFactTest(context, condition);
    default:
      return assertNever(condition);
  }
}

/** A test on facts: a yes/no fact, a value of a list, a treatment taken, a comparison. */
function checkFactTest(
  context: ConditionContext,
  condition: Extract<A.Condition, { kind: "flag" | "member" | "taking" | "compare" }>,
): M.ConditionModel | undefined {
  const { report } = context;
  switch (condition.kind) {
    case "flag": {
      const fact = factNamed(context, condition.fact);
      if (!fact) return undefined;
      if (fact.type !== "boolean") {
        report(
          "GL2078",
          condition.fact.span,
          [fact.path, describeType(fact)],
          fact.type === "enum" ? hint("testAValue", fact.path, fact.values[0] ?? "…") : hint("compareWithThreshold"),
        );
        return undefined;
      }
      return { kind: "flag", path: fact.path };
    }
    case "member": {
      const fact = factNamed(context, condition.fact);
      if (!fact) return undefined;
      if (fact.type !== "enum") {
        report("GL2079", condition.span, [fact.path, describeType(fact)]);
        return undefined;
      }
      let ok = true;
      for (const value of condition.values) {
        if (!fact.values.includes(value.text)) {
          ok = false;
          report("GL2005", value.span, [value.text, fact.path, fact.values.join(", ")], didYouMean(value.text, fact.values), [
            related("valuesDeclaredHere", fact.span),
          ]);
        }
      }
      return ok
        ? { kind: "member", path: fact.path, values: [...new Set(condition.values.map((v) => v.text))], allValues: fact.values }
        : undefined;
    }
    case "taking": {
      const list = medicationList(context, condition.span);
      const drugs = drugsOf(context, condition.target);
      if (!list || !drugs) return undefined;
      const tests: M.ConditionModel[] = drugs.map((drug) => ({ kind: "taking", list: list.path, drug }));
      return tests.length === 1 && tests[0] ? tests[0] : { kind: "or", operands: tests };
    }
    case "compare":
      return checkComparison(context, condition);
    default:
      return assertNever(condition);
  }
}

/** The checked fact of that name, or undefined; an undeclared one is reported (GL2001), one with errors of its own is not. */
export function factNamed(context: ConditionContext, name: A.Name): M.FactModel | undefined {
  const fact = context.declared.facts.get(name.text);
  if (fact) return fact;
  if (!context.names.facts.has(name.text))
    context.report("GL2001", name.span, [name.text], didYouMean(name.text, context.names.facts.keys()));
  return undefined;
}

/** What a comparison measures: a quantity fact or the dose of a drug, with its unit and allowed range. */
function measured(
  context: ConditionContext,
  operand: A.Operand,
): { measured: M.Measured; unit: string; range?: { min?: string; max?: string; path: string } } | undefined {
  const { report } = context;
  if (operand.kind === "dose") {
    const list = medicationList(context, operand.span);
    if (!context.names.drugs.has(operand.drug.text)) {
      report("GL2003", operand.drug.span, [operand.drug.text], didYouMean(operand.drug.text, context.names.drugs.keys()));
      return undefined;
    }
    if (!list) return undefined;
    if (!list.dose) {
      report("GL2022", operand.span, [list.path], hint("addDoseField"));
      return undefined;
    }
    return { measured: { kind: "dose", list: list.path, drug: operand.drug.text, field: list.dose.field }, unit: list.dose.unit };
  }
  if (operand.kind !== "name") return undefined;
  const fact = context.declared.facts.get(operand.name.text);
  if (!fact) return undefined;
  if (fact.type !== "quantity") {
    report(
      "GL2009",
      operand.span,
      [`\`${fact.path}\` (${describeType(fact)})`, "a number"],
      fact.type === "enum" ? hint("useIsValue", fact.path) : fact.type === "boolean" ? hint("useFlag", fact.path) : undefined,
    );
    return undefined;
  }
  return {
    measured: { kind: "fact", path: fact.path },
    unit: fact.unit,
    range: { path: fact.path, ...(fact.min ? { min: fact.min } : {}), ...(fact.max ? { max: fact.max } : {}) },
  };
}

/** A comparison of something measured with a value, the value converted to the measure's unit. */
function checkComparison(context: ConditionContext, condition: Extract<A.Condition, { kind: "compare" }>): M.ConditionModel | undefined {
  const { names, report } = context;
  const isMeasured = (o: A.Operand) => o.kind === "dose" || (o.kind === "name" && names.facts.has(o.name.text));
  let { left, right, operator } = condition;
  if (!isMeasured(left) && isMeasured(right)) {
    [left, right] = [right, left];
    operator = mirrorComparison(operator);
  }
  if (!isMeasured(left)) {
    if (left.kind === "name" && !names.thresholds.has(left.name.text)) {
      report(
        "GL2001",
        left.name.span,
        [left.name.text],
        didYouMean(left.name.text, names.facts.keys()) ?? didYouMean(left.name.text, names.thresholds.keys()),
      );
    } else {
      report("GL2009", condition.span, ["two values", "each other"], hint("compareFactWithThreshold"));
    }
    return undefined;
  }
  if (isMeasured(right)) {
    report("GL2009", condition.span, ["a fact", "another fact"], hint("compareFactWithValue"));
    return undefined;
  }
  const measure = measured(context, left);
  const against = checkValue(context, right, "threshold");
  if (!measure || !against) return undefined;
  const conversion = conversionFactor(against.unit, measure.unit);
  if (!("factor" in conversion)) {
    report("GL2011", right.span, [against.unit, measure.unit], hint("comparedInUnit", measure.unit));
    return undefined;
  }
  const value = multiplyDecimals(against.value, conversion.factor);
  const range = measure.range;
  if (
    range &&
    ((range.min !== undefined && compareDecimals(value, range.min) < 0) ||
      (range.max !== undefined && compareDecimals(value, range.max) > 0))
  ) {
    report("GL2014", right.span, [against.written, range.path, `${range.min ?? "…"} to ${range.max ?? "…"} ${measure.unit}`]);
    return undefined;
  }
  return {
    kind: "compare",
    measured: measure.measured,
    operator,
    against: { value, unit: measure.unit, written: against.written, ...(against.threshold ? { threshold: against.threshold } : {}) },
  };
}

/** A fact's type as a message names it. */
function describeType(fact: M.FactModel): string {
  switch (fact.type) {
    case "boolean":
      return "yes/no";
    case "enum":
      return "one of a list";
    case "quantity":
      return `a quantity in ${fact.unit}`;
    case "date":
      return "a date";
    case "medications":
      return "a medication list";
    default:
      return assertNever(fact);
  }
}
