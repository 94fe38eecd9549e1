import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { hint } from "../../diagnostics/diagnostic.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import type { Span } from "../../diagnostics/span.js";
import type * as A from "../../dsl/ast.js";
import { drugNameKey, planWordingKeys, wordingPlaceholders, type PlanWordingKey } from "../../pack/drug-names.js";
import { assertNever } from "../../shared/assert-never.js";
import { compareDecimals } from "../../units/decimal.js";
import { conversionFactor, isTimeUnit } from "../../units/ucum.js";
import type * as M from "../model.js";
import { fillTextValues, type TextValuesContext } from "./fill-text-values.js";
import { checkUnit, citationsOf } from "./numbers-and-units.js";
import { checkCodeClashes, checkFactBinding } from "./check-fact-codes.js";
import { checkClassPrefixes, checkRxnormCodes } from "./check-drug-codes.js";
import { collectDiagnostics, type Report } from "./report.js";
import type { NameTables } from "./resolve-names.js";

/** The declarations that stand on their own, checked: what the rules and examples are checked against. */
export interface CheckedDeclarations {
  /** The edition year, when the header gives a valid one. */
  readonly edition?: number;
  /** The facts whose declaration is valid, by path (a fact with errors is declared but absent here). */
  readonly facts: ReadonlyMap<string, M.FactModel>;
  /** The thresholds and delays whose value is valid, by name. */
  readonly thresholds: ReadonlyMap<string, M.ThresholdModel>;
  readonly plan?: M.PlanModel;
  readonly information: readonly M.InformationModel[];
  readonly uncovered: M.CheckedGuideline["uncovered"];
  readonly accepts: readonly M.AcceptModel[];
}

/**
 * The second pass: checks each declaration that does not depend on the rules: facts (types,
 * units, ranges), thresholds and delays, drugs and their names, the plan and its wordings,
 * information, `uncovered`, `accept` and the header.
 */
export function checkDeclarations(names: NameTables): {
  readonly declarations: CheckedDeclarations;
  readonly diagnostics: readonly Diagnostic[];
} {
  const { diagnostics, report } = collectDiagnostics();
  const facts = new Map<string, M.FactModel>();
  for (const fact of names.facts.values()) {
    const model = checkFact(fact, report);
    const binding = checkFactBinding(fact, report);
    if (model) facts.set(model.path, { ...model, ...binding });
  }
  checkCodeClashes(facts, names.facts, report);
  const thresholds = new Map<string, M.ThresholdModel>();
  for (const threshold of names.thresholds.values()) {
    const model = checkThreshold(threshold, report);
    if (model) thresholds.set(model.name, model);
  }
  const texts: TextValuesContext = { thresholds, declared: names.thresholds, language: names.header?.language?.text ?? "", report };
  for (const [name, model] of thresholds) {
    const label = names.thresholds.get(name)?.label;
    if (label) thresholds.set(name, { ...model, label: fillTextValues(label, { who: `that this label is about`, uses: [model] }, texts) });
  }
  for (const drug of names.drugs.values()) checkDrug(drug, names.classes, report);
  checkDrugNames(names.drugs, report);
  checkRxnormCodes(names.drugs, report);
  const plan = checkPlan(
    names.declarations.find((d): d is A.PlanDeclaration => d.kind === "plan"),
    names.facts,
    report,
  );
  checkClassPrefixes(names, plan?.scopeAtc, report);
  const information = checkInformation(names, texts);
  const uncovered = checkUncovered(names.declarations, report);
  const accepts = checkAccepts(names.declarations, report);
  const edition = names.header ? checkHeader(names.header, report) : undefined;
  return {
    declarations: {
      ...(edition !== undefined ? { edition } : {}),
      facts,
      thresholds,
      ...(plan ? { plan } : {}),
      information,
      uncovered,
      accepts,
    },
    diagnostics,
  };
}

function checkFact(fact: A.FactDeclaration, report: Report): M.FactModel | undefined {
  const common = {
    path: fact.name.text,
    label: fact.label?.value ?? fact.name.text,
    description: fact.description?.value ?? "",
    span: fact.span,
  };
  if (!fact.label) report("GL2018", fact.name.span, [`the fact \`${fact.name.text}\``, "label"], hint("addLabel"));
  const type = fact.type;
  if (!type) return undefined;
  if (fact.dose && type.kind !== "medications") report("GL2071", fact.dose.span, [fact.name.text]);
  if (fact.accepts[0] && type.kind !== "quantity") report("GL2052", fact.accepts[0].span, [fact.name.text]);
  switch (type.kind) {
    case "boolean":
    case "date":
      return { ...common, type: type.kind };
    case "enum": {
      // The grammar requires at least one value after `one of`.
      const seen = new Set<string>();
      for (const value of type.values) {
        if (seen.has(value.text)) report("GL2021", value.span, [value.text, fact.name.text]);
        seen.add(value.text);
      }
      return { ...common, type: "enum", values: [...seen] };
    }
    case "quantity": {
      if (!type.unit || !checkUnit(type.unit, report)) return undefined;
      if (type.min && type.max && compareDecimals(type.min.decimal, type.max.decimal) > 0) {
        report("GL2020", type.min.span, [fact.name.text, type.min.written, type.max.written]);
        return undefined;
      }
      const accepts = acceptedUnits(fact.accepts, type.unit.text, report);
      if (!accepts) return undefined;
      return {
        ...common,
        type: "quantity",
        unit: type.unit.text,
        ...(type.min ? { min: type.min.decimal } : {}),
        ...(type.max ? { max: type.max.decimal } : {}),
        ...(accepts.length ? { accepts } : {}),
      };
    }
    case "medications": {
      if (fact.dose?.unit && !checkUnit(fact.dose.unit, report)) return undefined;
      return {
        ...common,
        type: "medications",
        ...(fact.dose?.unit ? { dose: { field: fact.dose.field.text, unit: fact.dose.unit.text } } : {}),
      };
    }
    default:
      return assertNever(type);
  }
}

/** The units of `accepts`, each a UCUM unit convertible to the fact's unit; the fact's unit comes first. */
function acceptedUnits(listed: readonly A.Name[], unit: string, report: Report): string[] | undefined {
  if (listed.length === 0) return [];
  let ok = true;
  const units = [unit];
  const seen = new Set<string>();
  for (const accepted of listed) {
    if (seen.has(accepted.text)) {
      report("GL2021", accepted.span, [accepted.text, "units"]);
      continue;
    }
    seen.add(accepted.text);
    if (!checkUnit(accepted, report)) {
      ok = false;
      continue;
    }
    if (!("factor" in conversionFactor(accepted.text, unit))) {
      report("GL2011", accepted.span, [accepted.text, unit], hint("sameMeasureUnits"));
      ok = false;
      continue;
    }
    if (!units.includes(accepted.text)) units.push(accepted.text);
  }
  return ok ? units : undefined;
}

function checkThreshold(threshold: A.ThresholdDeclaration, report: Report): M.ThresholdModel | undefined {
  const quantity = threshold.value;
  if (!quantity) return undefined;
  if (!quantity.unit) {
    report("GL2012", quantity.span, [threshold.name.text]);
    return undefined;
  }
  if (!checkUnit(quantity.unit, report)) return undefined;
  if (threshold.role === "delay" && !isTimeUnit(quantity.unit.text)) {
    report("GL2013", quantity.unit.span, [threshold.name.text, quantity.unit.text]);
    return undefined;
  }
  return {
    name: threshold.name.text,
    role: threshold.role,
    value: quantity.value.decimal,
    unit: quantity.unit.text,
    written: `${quantity.value.written} ${quantity.unit.text}`,
    label: threshold.label?.value ?? threshold.name.text,
    span: threshold.span,
  };
}

function checkDrug(drug: A.DrugDeclaration, classes: NameTables["classes"], report: Report): void {
  if (drug.atc.length === 0) report("GL2018", drug.name.span, [`the drug \`${drug.name.text}\``, "atc"]);
  for (const code of drug.atc) if (!/^[A-Z]\d{2}[A-Z0-9]{0,4}$/.test(code.text)) report("GL2026", code.span, [code.text]);
  if (drug.notNamedBySource) {
    if (drug.drugClass) report("GL2043", drug.drugClass.span, [drug.name.text]);
  } else if (!drug.drugClass) report("GL2018", drug.name.span, [`the drug \`${drug.name.text}\``, "class"]);
  else if (!classes.has(drug.drugClass.text)) {
    report("GL2004", drug.drugClass.span, [drug.drugClass.text], didYouMean(drug.drugClass.text, classes.keys()) ?? hint("declareClass"));
  }
}

/**
 * A treatment is recognised by any name or ATC code of a drug: two drugs may not share an ATC
 * code (GL2040) or a name (GL2041, case, accents and spaces aside), and a drug lists each name once (GL2021).
 */
function checkDrugNames(drugs: NameTables["drugs"], report: Report): void {
  const codes = new Map<string, string>();
  const names = new Map<string, string>();
  for (const drug of drugs.values()) {
    for (const code of drug.atc) {
      const owner = codes.get(code.text);
      if (owner === undefined) codes.set(code.text, drug.name.text);
      else if (owner === drug.name.text) report("GL2021", code.span, [code.text, drug.name.text]);
      else report("GL2040", code.span, [code.text, owner, drug.name.text]);
    }
    const written = [{ text: drug.name.text, span: drug.name.span }, ...drug.aliases.map((a) => ({ text: a.value, span: a.span }))];
    for (const name of written) {
      const key = drugNameKey(name.text);
      const owner = names.get(key);
      if (owner === undefined) names.set(key, drug.name.text);
      else if (owner === drug.name.text) report("GL2021", name.span, [name.text, drug.name.text], hint("nameListedOnce"));
      else report("GL2041", name.span, [name.text, drug.name.text, owner]);
    }
  }
}

function checkPlan(plan: A.PlanDeclaration | undefined, facts: NameTables["facts"], report: Report): M.PlanModel | undefined {
  if (!plan) return undefined;
  const list = facts.get(plan.list.text);
  if (!list) {
    report("GL2001", plan.list.span, [plan.list.text], didYouMean(plan.list.text, facts.keys()));
    return undefined;
  }
  if (list.type?.kind !== "medications") {
    report("GL2025", plan.list.span, [plan.list.text]);
    return undefined;
  }
  if (!plan.reminder) report("GL2018", plan.list.span, ["the plan", "reminder"]);
  if (!plan.otherwise) report("GL2018", plan.list.span, ["the plan", "otherwise"], hint("writeOtherwiseRefer"));
  if (plan.scope && !/^[A-Z](\d{2}([A-Z0-9]{0,4}))?$/.test(plan.scope.text)) report("GL2026", plan.scope.span, [plan.scope.text]);
  if (plan.date) {
    const dateFact = facts.get(plan.date.text);
    if (!dateFact) report("GL2001", plan.date.span, [plan.date.text], didYouMean(plan.date.text, facts.keys()));
    else if (dateFact.type?.kind !== "date") report("GL2072", plan.date.span, [plan.date.text]);
  }
  return {
    list: plan.list.text,
    ...(plan.scope ? { scopeAtc: plan.scope.text } : {}),
    otherwise: "refer",
    reminder: plan.reminder?.value ?? "",
    ...(plan.date ? { date: plan.date.text } : {}),
    title: plan.title?.value ?? "",
    wordings: checkWordings(plan.wordings, report),
  };
}

/** The plan's `wording KEY "…"`: known keys (GL2044), each once (GL2019), placeholders the report can fill (GL2045). */
function checkWordings(wordings: readonly A.PlanWording[], report: Report): M.PlanModel["wordings"] {
  const checked: Partial<Record<PlanWordingKey, string>> = {};
  for (const wording of wordings) {
    const key = planWordingKeys.find((k) => k === wording.key.text);
    if (!key) {
      report("GL2044", wording.key.span, [wording.key.text, planWordingKeys.join(", ")], didYouMean(wording.key.text, planWordingKeys));
      continue;
    }
    if (checked[key] !== undefined) {
      report("GL2019", wording.key.span, [`wording ${key}`, "the plan"], hint("keepOne"));
      continue;
    }
    const text = wording.text?.value ?? "";
    const allowed = wordingPlaceholders[key];
    for (const [, placeholder = ""] of text.matchAll(/\{([^{}]*)\}/g)) {
      if (!allowed.includes(placeholder)) {
        report("GL2045", wording.text?.span ?? wording.span, [
          key,
          placeholder,
          allowed.length ? `it may use ${allowed.map((p) => `{${p}}`).join(", ")}` : "it takes no placeholder",
        ]);
      }
    }
    checked[key] = text;
  }
  return checked;
}

function checkInformation(names: NameTables, texts: TextValuesContext): M.InformationModel[] {
  const { report } = texts;
  const items: M.InformationModel[] = [];
  let section: A.SectionDeclaration | undefined;
  for (const d of names.declarations) {
    if (d.kind === "section") section = d;
    if (d.kind !== "information") continue;
    const where = `the information \`${d.id.text}\``;
    if (!section) report("GL2018", d.id.span, [where, "section"], hint("putBelowSection"));
    if (!d.statement) report("GL2018", d.id.span, [where, "statement"]);
    if (d.quotes.length === 0) report("GL2018", d.id.span, [where, "quote"]);
    items.push({
      id: d.id.text,
      section: section?.name.text ?? "",
      statement: d.statement ? fillTextValues(d.statement, { who: where, uses: [] }, texts) : "",
      quotes: d.quotes.map((q) => ({ text: q.value, span: q.span })),
      citations: citationsOf(d.citations, names.references, report),
      span: d.span,
    });
  }
  return items;
}

function checkUncovered(declarations: readonly A.Declaration[], report: Report): M.CheckedGuideline["uncovered"] {
  const items: { text: string; reason: string; span: Span }[] = [];
  for (const d of declarations) {
    if (d.kind !== "uncovered" || !d.text) continue;
    if (!d.reason || d.reason.value.trim() === "") {
      report("GL2018", d.text.span, ["`uncovered`", "a reason after `because`"]);
      continue;
    }
    items.push({ text: d.text.value, reason: d.reason.value, span: d.text.span });
  }
  return items;
}

/** `accept CODE for NAME`: needs a reason (GL2018); what it matches is settled by the analysis. */
function checkAccepts(declarations: readonly A.Declaration[], report: Report): M.AcceptModel[] {
  const items: M.AcceptModel[] = [];
  for (const d of declarations) {
    if (d.kind !== "accept") continue;
    if (!d.reason || d.reason.value.trim() === "") {
      report("GL2018", d.span, ["`accept`", "a reason after `because`"], hint("sayWhyAccepted"));
      continue;
    }
    items.push({ code: d.code.text, subject: d.subject.text, reason: d.reason.value, span: d.span });
  }
  return items;
}

/** The header's properties and version (GL2018, GL2051); the edition year, when it is one (GL2024). */
function checkHeader(header: A.Header, report: Report): number | undefined {
  if (header.version && !/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(header.version.value)) {
    report("GL2051", header.version.span, [header.version.value]);
  }
  for (const [value, property] of [
    [header.title, "title"],
    [header.edition, "edition"],
    [header.language, "language"],
    [header.source, "source"],
  ] as const) {
    if (value === undefined) report("GL2018", header.id.span, [`the guideline header \`${header.id.text}\``, property]);
  }
  if (!header.edition) return undefined;
  if (!/^\d{4}$/.test(header.edition.decimal)) {
    report("GL2024", header.edition.span, [header.edition.written]);
    return undefined;
  }
  return Number(header.edition.decimal);
}
