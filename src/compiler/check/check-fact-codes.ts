import type * as A from "../../dsl/ast.js";
import { checkCode, codeSystemFactTypes, codeSystemTitles, isCodeSystemName } from "../../pack/code-systems.js";
import { multiplyDecimals } from "../../units/decimal.js";
import { conversionFactor } from "../../units/ucum.js";
import type * as M from "../model.js";
import type { Report } from "./report.js";

/** What a fact's `code` and `window` clauses give, checked: its codes and how old a recorded value may be. */
export interface FactBinding {
  readonly codes?: readonly M.FactCodeModel[];
  readonly window?: M.FactWindowModel;
}

/**
 * Checks a fact's codes (a known system, the system fits the fact's type, shape and check digit,
 * GL2120–GL2123) and its window (a duration, GL2126; needed with LOINC codes, GL2125; of no use
 * without, GL2127).
 */
export function checkFactBinding(fact: A.FactDeclaration, report: Report): FactBinding {
  const codes: M.FactCodeModel[] = [];
  const seen = new Set<string>();
  for (const { system, code } of fact.codes) {
    if (!isCodeSystemName(system.text)) {
      report("GL2120", system.span, [system.text]);
      continue;
    }
    const type = fact.type?.kind;
    const fits = codeSystemFactTypes[system.text];
    if (type && type !== fits) {
      report("GL2123", system.span, [fact.name.text, codeSystemTitles[system.text], factTypeWords[type], factTypeWords[fits]]);
      continue;
    }
    const check = checkCode(system.text, code.value);
    if (!check.ok) {
      if (check.problem === "shape") report("GL2121", code.span, [code.value, codeSystemTitles[system.text]]);
      else report("GL2122", code.span, [code.value, codeSystemTitles[system.text], check.expected]);
      continue;
    }
    const key = `${system.text} ${code.value}`;
    if (seen.has(key)) {
      report("GL2021", code.span, [code.value, "code"]);
      continue;
    }
    seen.add(key);
    codes.push({ system: system.text, code: code.value });
  }
  const window = checkWindow(fact, report);
  return { ...(codes.length ? { codes } : {}), ...(window ? { window } : {}) };
}

function checkWindow(fact: A.FactDeclaration, report: Report): M.FactWindowModel | undefined {
  const hasLoinc = fact.type?.kind === "quantity" && fact.codes.some((c) => c.system.text === "loinc");
  const window = fact.window;
  if (!window) {
    if (hasLoinc) report("GL2125", fact.name.span, [fact.name.text]);
    return undefined;
  }
  if (!hasLoinc) {
    report("GL2127", window.span, [fact.name.text]);
    return undefined;
  }
  const unit = window.unit?.text ?? "";
  const hours = unit ? conversionFactor(unit, "h") : undefined;
  if (!hours || !("factor" in hours)) {
    report("GL2126", window.span, [fact.name.text, unit || window.value.written]);
    return undefined;
  }
  return { value: window.value.decimal, unit, hours: multiplyDecimals(window.value.decimal, hours.factor) };
}

/** Two facts may not share a code (GL2124): one record value would fill both. */
export function checkCodeClashes(
  facts: ReadonlyMap<string, M.FactModel>,
  declared: ReadonlyMap<string, A.FactDeclaration>,
  report: Report,
): void {
  const owners = new Map<string, string>();
  for (const fact of facts.values()) {
    for (const { system, code } of fact.codes ?? []) {
      const key = `${system} ${code}`;
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, fact.path);
      else {
        const span = declared.get(fact.path)?.codes.find((c) => c.system.text === system && c.code.value === code)?.span;
        report("GL2124", span, [`${system} "${code}"`, owner, fact.path]);
      }
    }
  }
}

/** How a message names each type of fact, as the language writes it. */
const factTypeWords: Readonly<Record<A.FactType["kind"], string>> = {
  boolean: "yes/no",
  enum: "one of",
  quantity: "quantity",
  date: "date",
  medications: "medication list",
};
