import { undecidedVerdict } from "../../pack/pack-format.js";
import type { CheckedGuideline } from "../model.js";

/**
 * The runtime as the package lays it out, seen from `generated/<edition>/` (and from
 * `generated/current/`): `dist/` beside `generated/`, in this package and in the runtime-only one.
 */
const runtimeEntry = "../../dist/runtime/index.js";

/** The verdicts a report of this edition can give: its outcome codes in order, the `otherwise` one, then the undecided one. */
function verdictCodes(model: CheckedGuideline): string[] {
  return [...new Set([...model.verdict.outcomes.map((o) => o.code), model.verdict.otherwise.code, undecidedVerdict])];
}

/**
 * An edition's typed entry, `evaluate.js` and its declarations `evaluate.d.ts`: `evaluate` and
 * `evaluateSync` bound to the edition's bundled pack, taking the edition's `Facts` (so a fact
 * the edition does not declare is a compile-time error) and giving a `Report` whose `verdict`
 * is the union of the edition's outcome codes. Generated per edition, so the types follow the
 * guideline with no change to the TypeScript of the runtime.
 */
export function lowerTypedEntry(model: CheckedGuideline, banner: string): [string, string][] {
  const codes = verdictCodes(model);
  const edition = String(model.edition);
  const script = [
    `// ${banner}`,
    `// The typed entry of ${model.id}, edition ${edition}: the runtime bound to this edition's pack.`,
    `import { editionPack, evaluate as evaluateWith, evaluateSync as evaluateSyncWith } from ${JSON.stringify(runtimeEntry)};`,
    "",
    `export const edition = ${edition};`,
    "",
    `export const verdicts = Object.freeze(${JSON.stringify(codes)});`,
    "",
    "export function pack() {",
    "  return editionPack(edition);",
    "}",
    "",
    "export async function evaluate(facts, options = {}) {",
    "  return evaluateWith(facts, { ...options, pack: editionPack(edition) });",
    "}",
    "",
    "export function evaluateSync(facts) {",
    "  return evaluateSyncWith(facts, { pack: editionPack(edition) });",
    "}",
    "",
  ];
  const declarations = [
    `// ${banner}`,
    "",
    `import type { EngineName, Report as AnyReport, RulePack } from ${JSON.stringify(runtimeEntry)};`,
    'import type { Facts } from "./facts.js";',
    "",
    'export type * from "./facts.js";',
    "",
    `/** The verdicts of edition ${edition}: its outcome codes, and \`${undecidedVerdict}\` when a missing fact could change the outcome. */`,
    `export type Verdict = ${codes.map((c) => JSON.stringify(c)).join(" | ")};`,
    "",
    `/** The report of edition ${edition}: \`verdict\` is a {@link Verdict}. */`,
    "export type Report = AnyReport<Verdict>;",
    "",
    "/** Options of {@link evaluate}: the pack is this edition's. */",
    "export interface EvaluateOptions {",
    "  /** The engine that runs the rules: `closures` by default. */",
    "  readonly engine?: EngineName;",
    "}",
    "",
    "/** The edition this entry evaluates with. */",
    `export declare const edition: ${edition};`,
    "",
    "/** Every verdict of this edition, in the order of the guideline. */",
    "export declare const verdicts: readonly Verdict[];",
    "",
    "/** This edition's bundled pack, read and checked once. */",
    "export declare function pack(): RulePack;",
    "",
    `/** Evaluates a patient's facts with edition ${edition}'s pack (the runtime's \`evaluate\`, typed). */`,
    "export declare function evaluate(facts: Facts, options?: EvaluateOptions): Promise<Report>;",
    "",
    `/** {@link evaluate}, synchronously. */`,
    "export declare function evaluateSync(facts: Facts): Report;",
    "",
  ];
  return [
    ["evaluate.js", script.join("\n")],
    ["evaluate.d.ts", declarations.join("\n")],
  ];
}
