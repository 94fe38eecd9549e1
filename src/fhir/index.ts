/**
 * From a FHIR R4 Bundle to the facts a pack reads, each traced to the resource it came from:
 * Observations (LOINC codes, the latest within the fact's window), MedicationRequests and
 * MedicationStatements (the daily dose computed exactly), Conditions and AllergyIntolerances
 * (SNOMED CT codes), and QuestionnaireResponses to the pack's generated Questionnaire for the
 * facts a record does not code. The codes and windows come from the guideline, through the pack:
 * nothing here names a code. A fact the record does not give stays unknown.
 * @packageDocumentation
 * @module guideline-kb/fhir
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import type { PackFact, RulePack } from "../pack/pack-format.js";
import { bundleResources, type BundleResource } from "./bundle-resources.js";
import { conditionValue } from "./conditions.js";
import { setFact, type FactTree } from "./fact-tree.js";
import { drugCodesOf, medicationList, type DrugCodes } from "./medications.js";
import type { CodeSource } from "./code-match.js";
import type { Expansions } from "./value-set-expansions.js";
import { observationValue, type Found } from "./observations.js";
import { questionnaireAnswers } from "./questionnaire-response.js";
import { recentTreatments } from "./recent-treatments.js";

export { questionnaireOf } from "./questionnaire.js";
export { prefetchTemplates } from "./prefetch.js";
export { unitAliases } from "./unit-aliases.js";
export { fhirLimits } from "./fhir-limits.js";
export { expansionsFromValueSets, type Expansions, type ExpansionsRead } from "./value-set-expansions.js";
export type { CodeSource } from "./code-match.js";

/** The facts read from a Bundle, where each came from, and what could not be read. */
export interface FhirFacts {
  /** A facts object `evaluate` accepts: only the facts the record gives. */
  readonly facts: Record<string, unknown>;
  /** For each fact set (and each treatment, `medications[0]`…), the resource it came from, in the pack's order of facts. */
  readonly provenance: readonly FactProvenance[];
  /** What was left out and why (GL5060–GL5071); warnings unless the input is not a Bundle. */
  readonly problems: readonly Diagnostic[];
  /** The same problems as the report takes them (`evaluate(…, { sourceProblems })`), each with the resource it is about. */
  readonly sourceProblems: readonly SourceProblem[];
}

/** A problem as the report takes it (the report's `SourceProblem`): its code, its message, and the resource it is about when there is one. */
export interface SourceProblem {
  readonly code: string;
  readonly message: string;
  readonly resourceType?: string;
  readonly id?: string;
}

/** Where one fact came from: its path and the FHIR resource's type and id. */
export interface FactProvenance {
  readonly fact: string;
  readonly resourceType: string;
  readonly id: string;
  /**
   * The record's code, when it is not the guideline's own: a code in the expansion of the
   * guideline's code (`expansion` names the ValueSet), or a treatment's RxNorm code.
   */
  readonly code?: CodeSource;
  /** For a result (an Observation): its date, value and unit as the record writes them. */
  readonly effective?: string;
  readonly value?: number;
  readonly unit?: string;
}

/** Options of {@link factsFromFhir}. */
export interface FhirOptions {
  /** The moment the observation windows count back from: now by default. */
  readonly now?: Date;
  /**
   * ValueSet expansions ({@link expansionsFromValueSets}): a record's code in the expansion of a
   * code of the guideline counts as that code. Without them, codes match exactly.
   */
  readonly expansions?: Expansions;
}

/**
 * The facts a FHIR R4 Bundle gives for a pack. Never throws for bad input: a Bundle that cannot be
 * read gives no facts and its problem; a resource that cannot be used is reported and left out.
 */
export function factsFromFhir(bundle: unknown, pack: RulePack, options: FhirOptions = {}): FhirFacts {
  const now = options.now ?? new Date();
  const { expansions } = options;
  const drugs = drugCodesOf(pack, expansions);
  const read = bundleResources(bundle);
  const problems: Diagnostic[] = [...read.problems];
  const facts: FactTree = {};
  const provenance: FactProvenance[] = [];
  const set = (path: string, found: Found): void => {
    setFact(facts, path, found.value);
    provenance.push({
      fact: path,
      resourceType: found.from.resourceType,
      id: found.from.id,
      ...found.written,
      ...(found.code ? { code: found.code } : {}),
    });
  };
  const given = new Map<string, Found>();
  for (const fact of pack.facts) {
    if (fact.type === "medications") readMedications(fact, { resources: read.resources, drugs }, problems, facts, provenance);
    else {
      const found = codedValue(fact, read.resources, now, problems, expansions);
      if (found) given.set(fact.path, found);
    }
  }
  for (const [path, found] of questionnaireAnswers(pack, read.resources, problems)) {
    const coded = given.get(path);
    if (!coded) given.set(path, found);
    else if (JSON.stringify(coded.value) !== JSON.stringify(found.value)) {
      // Neither side is kept: the record and the answer disagree, so the fact is not known.
      problems.push(makeDiagnostic("GL5067", undefined, [found.from.label, path, coded.from.label]));
      given.delete(path);
    }
  }
  for (const [path, found] of given) set(path, found);
  recentTreatments(pack, read.resources, now, problems, drugs);
  return { facts, provenance: orderedLike(pack, provenance), problems, sourceProblems: problems.map(sourceProblemOf) };
}

/** A resource's label at the start of a message (`Observation/plt-1: …`), as `bundleResources` makes it. */
const labelled = /^([A-Z][A-Za-z]{0,63})\/([A-Za-z0-9.-]{1,64}): /;

/** A problem as the report takes it: its code and message, and the resource its message names first. */
function sourceProblemOf(problem: Diagnostic): SourceProblem {
  const named = labelled.exec(problem.message);
  return { code: problem.code, message: problem.message, ...(named ? { resourceType: named[1], id: named[2] } : {}) };
}

/** The value of a fact with codes, from the resources that state it. */
function codedValue(
  fact: PackFact,
  resources: readonly BundleResource[],
  now: Date,
  problems: Diagnostic[],
  expansions: Expansions | undefined,
): Found | undefined {
  if (!fact.codes?.length) return undefined;
  if (fact.type === "quantity") return observationValue(fact, resources, now, problems, expansions);
  if (fact.type === "boolean") return conditionValue(fact, resources, problems, expansions);
  return undefined;
}

function readMedications(
  fact: Extract<PackFact, { type: "medications" }>,
  from: { readonly resources: readonly BundleResource[]; readonly drugs: DrugCodes },
  problems: Diagnostic[],
  facts: FactTree,
  provenance: FactProvenance[],
): void {
  const list = medicationList(fact, from.resources, problems, from.drugs);
  if (list.length === 0) return;
  setFact(
    facts,
    fact.path,
    list.map((t) => t.entry),
  );
  list.forEach((t, index) =>
    provenance.push({
      fact: `${fact.path}[${index}]`,
      resourceType: t.from.resourceType,
      id: t.from.id,
      ...(t.code ? { code: t.code } : {}),
    }),
  );
}

/** The provenance in the order of the pack's facts (a questionnaire answer comes after the coded ones otherwise). */
function orderedLike(pack: RulePack, provenance: readonly FactProvenance[]): FactProvenance[] {
  const rank = new Map(pack.facts.map((f, index) => [f.path, index]));
  const of = (p: FactProvenance): number => rank.get(p.fact.replace(/\[\d+\]$/, "")) ?? rank.size;
  return [...provenance].sort((a, b) => of(a) - of(b));
}
