import { factPathTree, type FactPathTree } from "../../pack/fact-path.js";
import type { CheckedGuideline, FactModel } from "../model.js";

/**
 * TypeScript declarations of the facts a guideline reads, for developers who build facts
 * objects in code. Mirrors the JSON Schema: every property optional and nullable.
 */
export function lowerFactsTypes(model: CheckedGuideline, banner: string): string {
  const root = factPathTree(model.facts, (fact) => fact.path);
  const lines: string[] = [
    `// ${banner}`,
    "",
    "/** A measured value with its UCUM unit. */",
    "export interface Quantity {",
    "  readonly value: number;",
    "  readonly unit: string;",
    "}",
    "",
  ];
  const medicationLists = model.facts.filter((f) => f.type === "medications");
  for (const list of medicationLists) {
    lines.push(`/** One entry of \`${list.path}\`. */`, `export interface ${typeName(list.path)}Entry {`);
    lines.push(
      "  /** The name as written: international or national non-proprietary name, or a brand or salt the guideline declares as an alias (case, accents and spaces do not matter). */",
      "  readonly name: string;",
    );
    if (list.dose)
      lines.push(
        `  /** Daily dose: a number in ${list.dose.unit}, or a quantity in a compatible unit; null if not known. */`,
        `  readonly ${propertyKey(list.dose.field)}?: number | Quantity | null;`,
      );
    lines.push("  /** ATC code. */", "  readonly atc?: string;", "}", "");
  }
  lines.push(`/** The facts read by ${model.id}, edition ${model.edition}. Every fact is optional: a missing fact is unknown. */`);
  lines.push("export interface Facts {");
  const emit = (node: FactPathTree<FactModel>, indent: string) => {
    for (const [name, child] of [...node.children.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const key = propertyKey(name);
      if (child.fact) {
        lines.push(`${indent}/** ${escapeComment(child.fact.label)}${child.fact.type === "quantity" ? ` (${child.fact.unit})` : ""} */`);
        lines.push(`${indent}readonly ${key}?: ${tsType(child.fact)} | null;`);
      } else {
        lines.push(`${indent}readonly ${key}?: {`);
        emit(child, `${indent}  `);
        lines.push(`${indent}};`);
      }
    }
  };
  emit(root, "  ");
  lines.push("}", "");
  return lines.join("\n");
}

function typeName(path: string): string {
  return path
    .split(/[.-]/)
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join("");
}

function escapeComment(text: string): string {
  return text.replace(/\*\//g, "*\\/");
}

function tsType(fact: FactModel): string {
  switch (fact.type) {
    case "boolean":
      return "boolean";
    case "enum":
      return fact.values.map((v) => JSON.stringify(v)).join(" | ");
    case "date":
      return "string";
    case "quantity":
      return fact.accepts
        ? `number | { readonly value: number; readonly unit: ${fact.accepts.map((u) => JSON.stringify(u)).join(" | ")} }`
        : "number | Quantity";
    case "medications":
      return `readonly ${typeName(fact.path)}Entry[]`;
  }
}

/** A property name as TypeScript accepts it: bare when it is an identifier, else quoted (`"daily-dose"`). */
function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
