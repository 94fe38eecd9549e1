import type * as A from "../dsl/ast.js";
import { fillWords } from "../interface-words/index.js";
import { fr } from "../interface-words/fr.js";
import { escapeText } from "../runtime/escape-text.js";
import { assertNever } from "../shared/assert-never.js";
import { occurrencesOf, symbolKey, type NamedDeclaration, type Occurrence, type SymbolIndex, type SymbolKind } from "./symbol-index.js";

/**
 * The hover of a name, in Markdown: what it is (its kind, in the interface words), then what the
 * guideline says of it — a fact's label, type and description; a threshold's value and the rules
 * that use it; a drug's ATC codes and class; a rule's statement. Every word is the guideline's or
 * the interface catalogue's. Undefined when the name is declared nowhere.
 */
export function hoverText(index: SymbolIndex, at: Occurrence): string | undefined {
  const declaration = index.declarations.get(symbolKey(at.kind, at.name));
  if (!declaration) return undefined;
  const lines = [`**${hoverKindWord(at.kind, declaration)}** \`${at.name}\``, ...details(index, declaration)];
  return lines.join("\n\n");
}

/** The interface word for a kind of name (`seuil`, `délai`, `fait`…). */
export function hoverKindWord(kind: SymbolKind, declaration: NamedDeclaration): string {
  if (declaration.kind === "threshold" && declaration.role === "delay") return fr["editor.kind.delay"];
  switch (kind) {
    case "fact":
      return fr["editor.kind.fact"];
    case "threshold":
      return fr["editor.kind.threshold"];
    case "drug":
      return fr["editor.kind.drug"];
    case "class":
      return fr["editor.kind.class"];
    case "finding":
      return fr["editor.kind.finding"];
    case "recommendation":
      return fr["editor.kind.recommendation"];
    case "rule":
      return fr["editor.kind.rule"];
    case "section":
      return fr["editor.kind.section"];
    case "example":
      return fr["editor.kind.example"];
    default:
      return assertNever(kind);
  }
}

/** Guideline text made safe to show: control characters escaped, Markdown's signs taken literally. */
function markdownText(text: string): string {
  return escapeText(text)
    .replace(/\n/g, " ")
    .replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`);
}

function code(text: string): string {
  return `\`${escapeText(text).replace(/[`\n]/g, " ")}\``;
}

// Long by design: one short case per kind of declaration, each saying what the guideline says of it.
function details(index: SymbolIndex, d: NamedDeclaration): string[] {
  const label = (text: A.Text | undefined): string[] => (text ? [markdownText(text.value)] : []);
  switch (d.kind) {
    case "fact":
      return [
        ...label(d.label),
        ...(d.type ? [fillWords(fr["editor.type"], code(factTypeText(d.type)))] : []),
        ...(d.description ? [`*${markdownText(d.description.value)}*`] : []),
        usedByText(index, "fact", d.name.text),
      ];
    case "threshold":
      return [
        ...label(d.label),
        ...(d.value ? [fillWords(fr["editor.value"], code(quantityText(d.value)))] : []),
        usedByText(index, "threshold", d.name.text),
      ];
    case "drug":
      return [
        ...label(d.label),
        ...(d.atc.length ? [fillWords(fr["editor.atc"], d.atc.map((c) => code(c.text)).join(", "))] : []),
        ...(d.rxnorm.length ? [fillWords(fr["editor.rxnorm"], d.rxnorm.map((c) => code(c.text)).join(", "))] : []),
        ...(d.drugClass ? [fillWords(fr["editor.drugClass"], classText(index, d.drugClass.text))] : []),
      ];
    case "rule":
    case "information":
      return [...label(d.statement), ...d.quotes.slice(0, 1).map((q) => `> ${markdownText(q.value)}`)];
    case "class":
      return [
        ...label(d.label),
        ...(d.atc.length ? [fillWords(fr["editor.atcPrefixes"], d.atc.map((c) => code(c.text)).join(", "))] : []),
        usedByText(index, "class", d.name.text),
      ];
    case "finding-kind":
    case "recommendation":
      return [...label(d.label), usedByText(index, d.kind === "finding-kind" ? "finding" : "recommendation", d.name.text)];
    case "section":
    case "example":
      return label(d.title);
    default:
      return assertNever(d);
  }
}

function classText(index: SymbolIndex, name: string): string {
  const declared = index.declarations.get(symbolKey("class", name));
  return declared?.kind === "class" && declared.label ? `${code(name)} (${markdownText(declared.label.value)})` : code(name);
}

/** The rules that use a name, each once, in source order. */
function usedByText(index: SymbolIndex, kind: SymbolKind, name: string): string {
  const rules = [...new Set(occurrencesOf(index, kind, name).flatMap((o) => (o.declaration || !o.container ? [] : [o.container])))].filter(
    (container) => index.declarations.get(symbolKey("rule", container)) !== undefined,
  );
  return rules.length ? fillWords(fr["editor.usedBy"], rules.map(code).join(", ")) : fr["editor.usedByNone"];
}

/** A quantity as written: `50 000 /mm3`. */
function quantityText(q: A.QuantityLiteral): string {
  return q.unit ? `${q.value.written} ${q.unit.text}` : q.value.written;
}

/** A fact's type, in the language's own words, as it is written after `fact NAME :`. */
function factTypeText(type: A.FactType): string {
  switch (type.kind) {
    case "boolean":
      return "yes/no";
    case "enum":
      return `one of ${type.values.map((v) => v.text).join(", ")}`;
    case "quantity":
      return [
        "quantity",
        ...(type.unit ? [`in ${type.unit.text}`] : []),
        ...(type.min ? [`from ${type.min.written}`] : []),
        ...(type.max ? [`to ${type.max.written}`] : []),
      ].join(" ");
    case "date":
      return "date";
    case "medications":
      return "medication list";
    default:
      return assertNever(type);
  }
}
