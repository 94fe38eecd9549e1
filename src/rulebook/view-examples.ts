import { readFactPath } from "../pack/fact-path.js";
import type { FactModel } from "../compiler/model.js";
import { anchorHref, anchorId } from "./anchors.js";
import { expectationParts, type Vocabulary } from "./french.js";
import { formatQuantity } from "../runtime/readable-quantity.js";
import { linkFor, type ViewContext } from "./view-context.js";
import type { RulebookView } from "./view-types.js";

/** A value of an example's facts as written there: a scalar as text, anything else as JSON. */
function written(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

/** The value of a fact in an example's facts, in French with its unit; undefined when not given. */
function factValue(fact: FactModel, facts: Readonly<Record<string, unknown>>, vocabulary: Vocabulary): string | undefined {
  const node = readFactPath(facts, fact.path);
  if (node === undefined || node === null) return undefined;
  switch (fact.type) {
    case "boolean":
      return node === true ? "oui" : node === false ? "non" : written(node);
    case "enum": {
      const label = vocabulary.valueLabels.get(fact.path)?.get(written(node));
      return label ? `${label} (${written(node)})` : written(node);
    }
    case "quantity":
      if (typeof node === "number") return formatQuantity(node, fact.unit, vocabulary.words);
      if (typeof node === "object" && "value" in node && "unit" in node)
        return formatQuantity(Number((node as { value: unknown }).value), String((node as { unit: unknown }).unit), vocabulary.words);
      return written(node);
    case "date":
      return written(node);
    case "medications": {
      if (!Array.isArray(node)) return written(node);
      if (node.length === 0) return "aucun";
      return node
        .map((entry: Record<string, unknown>) => {
          const name = written(entry.name ?? "?");
          const label = vocabulary.drugs.get(name)?.label ?? name;
          const dose =
            fact.dose && typeof entry[fact.dose.field] === "number"
              ? ` ${formatQuantity(entry[fact.dose.field] as number, fact.dose.unit, vocabulary.words)}`
              : "";
          const atc = typeof entry.atc === "string" ? ` (ATC ${entry.atc})` : "";
          return `${label}${dose}${atc}`;
        })
        .join(", ");
    }
  }
}

/** The worked examples: each patient's facts (only what differs from its base), what it expects, whether it passed, and the rules that hold. */
export function examplesView(context: ViewContext): RulebookView["examples"] {
  const { model, vocabulary, input } = context;
  const exampleById = new Map(model.examples.map((e) => [e.id, e]));
  return model.examples.map((example) => {
    const result = context.resultById.get(example.id);
    const baseId = input.exampleBases?.get(example.id);
    const base = baseId === undefined ? undefined : exampleById.get(baseId);
    return {
      anchor: anchorId("example", example.id),
      id: example.id,
      title: example.title,
      passed: result?.passed ?? false,
      headline: result?.report?.headline ?? "",
      failures: result?.failures.map((f) => `attendu ${f.expectation}, mais ${f.actual}`) ?? ["non exécuté"],
      base: base ? { href: anchorHref("example", base.id), text: base.title || base.id } : null,
      facts: model.facts.flatMap((fact) => {
        const value = factValue(fact, example.facts, vocabulary);
        if (base) {
          const before = factValue(fact, base.facts, vocabulary);
          if (before === value) return [];
          return [{ href: anchorHref("fact", fact.path), label: fact.label, value: value ?? "inconnu" }];
        }
        return value === undefined ? [] : [{ href: anchorHref("fact", fact.path), label: fact.label, value }];
      }),
      expectations: example.expectations.map((e) => expectationParts(e, vocabulary)),
      rules: (context.firedIn.get(example.id) ?? []).map((id) => linkFor(context, id)),
    };
  });
}
