import { memoByObject } from "../shared/memo-by-object.js";
import type { PackCondition, PackDrug, PackFact, PackRule, RulePack } from "../pack/pack-format.js";
import { takingFactId } from "../pack/pack-format.js";
import { drugsAndClassMembersOf } from "./class-members.js";

/** What the report reads from a pack, indexed once per pack rather than on every evaluation. */
export interface ReportTables {
  /** Section titles by section id. */
  readonly sectionTitles: ReadonlyMap<string, string>;
  /** Finding kind labels by name. */
  readonly findingLabels: ReadonlyMap<string, string>;
  /** Recommendation labels by code. */
  readonly recommendationLabels: ReadonlyMap<string, string>;
  /** The rules that find each finding kind, in source order. */
  readonly findingRules: ReadonlyMap<string, readonly PackRule[]>;
  /** The facts of the pack by path. */
  readonly factsByPath: ReadonlyMap<string, PackFact>;
  /** The drugs of the vocabulary by name, with the classes' stand-ins (see `classMembersOf`). */
  readonly drugs: ReadonlyMap<string, PackDrug>;
  /** The medication rules that name each drug, in source order. */
  readonly medicationRules: ReadonlyMap<string, readonly PackRule[]>;
  /** The medication list the plan reads (the first medication fact when the pack has no plan). */
  readonly medicationList: string;
  /** `taking` tests of the medication list, by drug: the part of a plan rule that the drug is taken. */
  readonly taking: ReadonlyMap<string, PackCondition>;
  /** What an engine fact id names: a drug's dose in a list, whether a drug is in a list, or a fact. */
  readonly factId: (id: string) => FactId;
  /** The label of the fact a reported path belongs to (`list[2].field` belongs to `list`). */
  readonly labelOf: (path: string) => string;
}

/** An engine fact id, read: `list[drug].field`, `list[drug]`, or a fact path. */
export type FactId =
  | { readonly kind: "dose"; readonly list: string; readonly drug: string; readonly field: string }
  | { readonly kind: "taking"; readonly list: string; readonly drug: string }
  | { readonly kind: "fact" };

/** The report tables of a pack, built on first use. */
export const reportTables: (pack: RulePack) => ReportTables = memoByObject(buildTables);

function buildTables(pack: RulePack): ReportTables {
  const findingRules = new Map<string, PackRule[]>();
  const medicationRules = new Map<string, PackRule[]>();
  for (const rule of pack.sourceRules) {
    const effect = rule.effect;
    if (effect.kind === "finding") findingRules.set(effect.findingKind, [...(findingRules.get(effect.findingKind) ?? []), rule]);
    if (effect.kind === "medication")
      for (const drug of new Set(effect.drugs)) medicationRules.set(drug, [...(medicationRules.get(drug) ?? []), rule]);
  }
  const medicationList = pack.plan?.list ?? pack.facts.find((f) => f.type === "medications")?.path ?? "";
  const factsByPath = new Map(pack.facts.map((f) => [f.path, f]));
  // Read once per id: the ids are the pack's own (rules and conditions), so these stay small.
  const factIds = new Map<string, FactId>();
  const labels = new Map<string, string>();
  return {
    sectionTitles: new Map(pack.sections.map((s) => [s.id, s.title])),
    findingLabels: new Map(pack.findingKinds.map((f) => [f.name, f.label])),
    recommendationLabels: new Map(pack.recommendations.map((r) => [r.name, r.label])),
    findingRules,
    factsByPath,
    drugs: new Map(drugsAndClassMembersOf(pack).map((d) => [d.name, d])),
    medicationRules,
    medicationList,
    taking: new Map(
      drugsAndClassMembersOf(pack).map((d) => [d.name, { kind: "taking", fact: takingFactId(medicationList, d.name), drug: d.name }]),
    ),
    factId: (id) => {
      let read = factIds.get(id);
      if (!read) {
        read = readFactId(id);
        factIds.set(id, read);
      }
      return read;
    },
    labelOf: (path) => {
      const root = path.replace(/\[.*$/, "");
      let label = labels.get(root);
      if (label === undefined) {
        label = factsByPath.get(root)?.label ?? root;
        labels.set(root, label);
      }
      return label;
    },
  };
}

function readFactId(id: string): FactId {
  const dose = /^(.+)\[([^\]]+)\]\.(.+)$/.exec(id);
  if (dose) return { kind: "dose", list: dose[1] ?? "", drug: dose[2] ?? "", field: dose[3] ?? "" };
  const taking = /^(.+)\[([^\]]+)\]$/.exec(id);
  if (taking) return { kind: "taking", list: taking[1] ?? "", drug: taking[2] ?? "" };
  return { kind: "fact" };
}
