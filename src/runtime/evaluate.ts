import type { EnginePool } from "./engine-pool.js";
import { closuresFor, type EngineEvent } from "./compile-closures.js";
import { explainByKleene, explainInOnePass, type Explain, type FindingAnswers } from "./explain-condition.js";
import { InvalidFactsError } from "./fact-errors.js";
import { decisionSlots, decisionsOf, type DecisionSlots, type Decisions } from "./decision-slots.js";
import type { Truth } from "./kleene.js";
import { defaultPack, loadPack } from "./load-pack.js";
import { missingByPurpose } from "./missing-by-purpose.js";
import { entryMissing } from "./entry-missing.js";
import { snapshotFacts } from "./facts-snapshot.js";
import { isZero, normaliseFacts, type MedicationEntry } from "./normalise-facts.js";
import { procedureTables } from "./procedure-tables.js";
import { readinessOf } from "./readiness.js";
import { relevantFacts, type RelevanceInput } from "./relevant-facts.js";
import { withLazyField } from "./lazy-field.js";
import { reportTables, type ReportTables } from "./report-tables.js";
import { undecidedVerdict, type PackRule, type RulePack } from "../pack/pack-format.js";
import { assertNever } from "../shared/assert-never.js";
import type { PlanReason } from "../pack/drug-names.js";
import type {
  Finding,
  OutsidePlanEntry,
  PlanEntry,
  Precondition,
  FactSource,
  Provenance,
  Recommendation,
  Report,
  SourceProblem,
} from "./report.js";
import { validateFacts } from "./validate-facts.js";
import { readFactPath } from "../pack/fact-path.js";
import { planOrderKey } from "../pack/plan-order.js";

/**
 * The engines that can run a pack's json-rules-engine rules:
 * - `closures` (the default): the rules compiled once per pack into plain JavaScript closures
 *   (no generated source, no `eval`), run synchronously, with the report built in one pass;
 * - `json-rules-engine`: a stock json-rules-engine Engine, the reference, with the report
 *   explained by re-evaluating each undecided condition (`kleene.ts`).
 * Both give the same events and the same report: a differential test holds them to it.
 */
export type EngineName = "closures" | "json-rules-engine";

/** The engines, in the order `--engine` lists them. */
export const engineNames: readonly EngineName[] = ["closures", "json-rules-engine"];

/** Options of {@link evaluateSync}. */
export interface EvaluateSyncOptions {
  /** The rule pack (checked by `loadPack` on first use); the bundled one by default. */
  readonly pack?: RulePack;
  /**
   * Where the facts came from (`factsFromFhir`'s `provenance`): copied into the report's
   * `factSources`, so that the report names the record each fact was read from.
   */
  readonly factSources?: readonly FactSource[];
  /** The problems met reading the record (`factsFromFhir`'s `sourceProblems`): copied into the report's `sourceProblems`. */
  readonly sourceProblems?: readonly SourceProblem[];
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions extends EvaluateSyncOptions {
  /** The engine that runs the rules: `closures` by default. */
  readonly engine?: EngineName;
}

const pools = new WeakMap<RulePack, EnginePool>();

/** The stock Engines of a pack; json-rules-engine is loaded only when the stock engine is asked for. */
async function poolFor(pack: RulePack): Promise<EnginePool> {
  let pool = pools.get(pack);
  if (!pool) {
    const { EnginePool } = await import("./engine-pool.js");
    pool = pools.get(pack) ?? new EnginePool(pack);
    pools.set(pack, pool);
  }
  return pool;
}

/** Key of one engine decision in the report's `undecided`: its slot, or `rule@drug` for one the pack never makes. */
function decisionKey(slots: DecisionSlots, rule: string, drug?: string): number | string {
  return slots.slotOf(rule, drug) ?? (drug ? `${rule}@${drug}` : rule);
}

/** The facts of one evaluation, checked and normalised, and the pack they are evaluated with. */
interface Prepared {
  readonly pack: RulePack;
  readonly facts: unknown;
  readonly engineFacts: ReadonlyMap<string, unknown>;
  readonly medications: readonly MedicationEntry[];
}

/**
 * Evaluates a patient's facts against a rule pack (the bundled one by default), given as the
 * second argument or as `options.pack`. The facts are read once, up front, into a deep-frozen
 * copy of JSON data held to the `runtimeLimits`: the caller may change its object as soon as the
 * call is made. They are validated first: invalid facts throw {@link InvalidFactsError} listing
 * every offending JSON path (at most `runtimeLimits.errors`), and nothing is evaluated. Missing
 * facts are unknown (three-valued).
 * `options.engine` chooses the engine (see {@link EngineName}): the closures by default, which
 * run synchronously (as {@link evaluateSync}); `json-rules-engine` runs a stock Engine from a pool
 * of at most 8 per pack, never shared between two runs in flight.
 * Safe to call concurrently. A pack that is not valid, or not trusted (see `loadPack`), throws
 * {@link InvalidPackError}; so does one whose engine rules the closures do not know (`GL5051`).
 */
export async function evaluate(
  givenFacts: unknown,
  packOrOptions?: RulePack | EvaluateOptions,
  givenOptions: EvaluateOptions = {},
): Promise<Report> {
  const options = optionsOf(packOrOptions, givenOptions);
  const engine = options.engine ?? "closures";
  switch (engine) {
    case "closures":
      return withSources(evaluateWithClosures(givenFacts, options.pack), options);
    case "json-rules-engine":
      return withSources(await evaluateWithStockEngine(givenFacts, options.pack), options);
    default:
      return assertNever(engine);
  }
}

/**
 * {@link evaluate} with the closures, synchronously: the same report, the same errors (thrown
 * rather than rejected). For a loop over many patients, or where a promise is in the way.
 */
export function evaluateSync(givenFacts: unknown, packOrOptions?: RulePack | EvaluateSyncOptions): Report {
  const options = optionsOf(packOrOptions, {});
  return withSources(evaluateWithClosures(givenFacts, options.pack), options);
}

/** The report with where its facts came from and what could not be read, when the caller says it (strings and numbers only, copied). */
function withSources(report: Report, options: EvaluateSyncOptions): Report {
  const { factSources: sources, sourceProblems: problems } = options;
  if (sources === undefined && problems === undefined) return report;
  const factSources = sources?.map((s) => ({
    fact: s.fact,
    resourceType: s.resourceType,
    id: s.id,
    ...(typeof s.effective === "string" ? { effective: s.effective } : {}),
    ...(typeof s.value === "number" ? { value: s.value } : {}),
    ...(typeof s.unit === "string" ? { unit: s.unit } : {}),
    ...(s.code && typeof s.code.system === "string" && typeof s.code.code === "string"
      ? {
          code: {
            system: s.code.system,
            code: s.code.code,
            ...(typeof s.code.expansion === "string" ? { expansion: s.code.expansion } : {}),
          },
        }
      : {}),
  }));
  const sourceProblems = problems?.map((p) => ({
    code: p.code,
    message: p.message,
    ...(typeof p.resourceType === "string" ? { resourceType: p.resourceType } : {}),
    ...(typeof p.id === "string" ? { id: p.id } : {}),
  }));
  return { ...report, ...(factSources ? { factSources } : {}), ...(sourceProblems ? { sourceProblems } : {}) };
}

function evaluateWithClosures(givenFacts: unknown, givenPack: RulePack | undefined): Report {
  const pack = loadPack(givenPack ?? defaultPack());
  // Compiled (or refused, GL5051) as soon as the pack is loaded, before any facts are read.
  const rules = closuresFor(pack);
  const prepared = prepare(givenFacts, pack);
  const decisions = decisionsOf(rules.run(prepared.engineFacts), decisionSlots(pack));
  return buildReport(prepared, decisions, explainInOnePass);
}

async function evaluateWithStockEngine(givenFacts: unknown, givenPack: RulePack | undefined): Promise<Report> {
  const prepared = prepare(givenFacts, loadPack(givenPack ?? defaultPack()));
  const pool = await poolFor(prepared.pack);
  const engine = await pool.acquire();
  const runtimeFacts: Record<string, unknown> = Object.fromEntries(prepared.engineFacts);
  // A run that rejects leaves the Engine unusable: it is not given back to the pool.
  let result: Awaited<ReturnType<typeof engine.run>>;
  try {
    result = await engine.run(runtimeFacts);
  } catch (error) {
    pool.discard();
    throw error;
  }
  pool.release(engine);
  const decisions = decisionsOf(result.events as unknown as readonly EngineEvent[], decisionSlots(prepared.pack));
  return buildReport(prepared, decisions, explainByKleene);
}

/** The options, whether the second argument is a pack (the older form) or the options. */
function optionsOf(packOrOptions: RulePack | EvaluateOptions | undefined, options: EvaluateOptions): EvaluateOptions {
  if (packOrOptions === undefined) return options;
  return isOptions(packOrOptions) ? { ...options, ...packOrOptions } : { ...options, pack: packOrOptions };
}

/** Options have only `pack` and `engine`, and at least one of them; anything else is a pack, to be checked as one. */
function isOptions(value: RulePack | EvaluateOptions): value is EvaluateOptions {
  if ("rules" in value) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key === "pack" || key === "engine" || key === "factSources" || key === "sourceProblems");
}

/**
 * Reads, validates and normalises the facts for a loaded pack (a pack is code: one that did not
 * come through `loadPack` is validated once before it runs); throws before anything is evaluated.
 */
function prepare(givenFacts: unknown, pack: RulePack): Prepared {
  // The facts are read once, here: later steps (and any `await`) see this frozen copy only.
  const snapshot = snapshotFacts(givenFacts);
  if ("errors" in snapshot) throw new InvalidFactsError(snapshot.errors);
  const facts = snapshot.facts;
  // Schema problems and value problems (units, ranges, calendar dates) are reported together.
  const problems = validateFacts(facts, pack);
  const rootRefused = problems.some((p) => p.path === "$");
  const normalised = rootRefused ? { errors: [] } : normaliseFacts(facts, pack, new Set(problems.map((p) => p.path)));
  if (problems.length || "errors" in normalised)
    throw new InvalidFactsError([...problems, ...("errors" in normalised ? normalised.errors : [])]);
  return { pack, facts, engineFacts: normalised.ok.engineFacts, medications: normalised.ok.medications };
}

/**
 * What every part of the report shares for one evaluation: the pack's tables, each rule's
 * decision, its provenance, and the facts still missing (each rule and drug undecided, once, in
 * the order first met; the set of all missing facts).
 */
interface ReportContext {
  readonly tables: ReportTables;
  readonly status: (rule: PackRule, drug?: string) => Truth;
  readonly provenance: (rule: PackRule) => Provenance;
  readonly inputPath: (factId: string) => string[];
  readonly ruleMissing: (rule: PackRule, drug?: string) => string[];
  readonly noteUndecided: (rule: PackRule, drug?: string) => readonly string[];
  readonly undecided: Map<number | string, { readonly rule: string; readonly drug?: string; readonly missing: readonly string[] }>;
  readonly slots: DecisionSlots;
  readonly missing: Set<string>;
}

function reportContext({ pack, engineFacts, medications }: Prepared, decisions: Decisions, explain: Explain): ReportContext {
  const tables = reportTables(pack);
  const slots = decisionSlots(pack);
  const provenance = (rule: PackRule): Provenance => ({
    rule: rule.id,
    section: rule.section,
    sectionTitle: tables.sectionTitles.get(rule.section) ?? "",
    statement: rule.statement,
    quotes: rule.quotes,
    citations: rule.citations,
  });
  const status = (rule: PackRule, drug?: string): Truth => {
    const slot = slots.slotOf(rule.id, drug);
    return (slot === undefined ? undefined : decisions[slot]) ?? "unknown";
  };
  // Engine fact ids back to the paths a user fills in: `medications[drug-a]` is the list,
  // `medications[drug-a].dailyDoseMg` the dose field of each entry of drug-a that lacks it.
  // An entry in doubt (a name and an ATC code that disagree, an unknown name without a code) is
  // settled by its own path: `medications[2].atc`, `medications[2]`.
  const inDoubt = (list: string, drug: string | undefined, forDose: boolean): string[] =>
    medications
      .filter(
        (m) =>
          m.list === list && drug !== undefined && m.doubtful.includes(drug) && m.settledBy !== undefined && !(forDose && isZero(m.dose)),
      )
      .map((m) => m.settledBy ?? "");
  const inputPath = (factId: string): string[] => {
    const id = tables.factId(factId);
    if (id.kind === "dose") {
      const { list, drug, field } = id;
      const lacking = medications
        .filter((m) => m.list === list && m.recognition === "recognised" && m.drug === drug && m.dose === undefined)
        .map((m) => `${list}[${m.index}].${field}`);
      const needed = [...lacking, ...inDoubt(list, drug, true)];
      return needed.length ? needed : [list];
    }
    if (id.kind === "taking") {
      const { list, drug } = id;
      const needed = inDoubt(list, drug, false);
      return needed.length ? needed : [list];
    }
    return [factId];
  };
  // The facts a rule (for a drug: `taking` the drug and its condition) needs, as `and` would list them.
  const ruleMissing = (rule: PackRule, drug?: string): string[] => {
    const taking =
      drug && rule.effect.kind === "medication"
        ? explain(tables.taking.get(drug) ?? { kind: "taking", fact: `${tables.medicationList}[${drug}]`, drug }, engineFacts)
        : undefined;
    const condition = rule.condition ? explain(rule.condition, engineFacts) : undefined;
    if (taking?.truth === "false" || condition?.truth === "false" || (taking?.truth !== "unknown" && condition?.truth !== "unknown"))
      return [];
    const paths: string[] = [];
    for (const part of [taking, condition]) for (const fact of part?.missing ?? []) for (const path of inputPath(fact)) paths.push(path);
    return paths;
  };
  // One entry per rule (and drug), in the order first met. The facts a rule needs depend only
  // on the rule, the drug and the facts, so they are worked out once: a drug listed in many
  // entries costs its rules once, not once per entry.
  const undecided = new Map<number | string, { readonly rule: string; readonly drug?: string; readonly missing: readonly string[] }>();
  const missing = new Set<string>();
  const noteUndecided = (rule: PackRule, drug?: string): readonly string[] => {
    const key = decisionKey(slots, rule.id, drug);
    const known = undecided.get(key);
    if (known) return known.missing;
    const facts = [...new Set(ruleMissing(rule, drug))].sort();
    undecided.set(key, drug ? { rule: rule.id, drug, missing: facts } : { rule: rule.id, missing: facts });
    for (const f of facts) missing.add(f);
    return facts;
  };
  return { tables, status, provenance, inputPath, ruleMissing, noteUndecided, undecided, missing, slots };
}

/** The rules other than the medication plan's: findings, preconditions and recommendations, in the pack's order. */
function ruleOutcomes(
  { pack, engineFacts }: Prepared,
  { tables, status, provenance, inputPath, noteUndecided, missing }: ReportContext,
): {
  readonly findings: Finding[];
  readonly preconditions: Precondition[];
  readonly recommendations: { readonly rule: PackRule; readonly recommendation: Recommendation }[];
  readonly openProcedural: PackRule[];
} {
  const findings: Finding[] = [];
  const preconditions: Precondition[] = [];
  const recommendations: { readonly rule: PackRule; readonly recommendation: Recommendation }[] = [];
  const { forProcedure } = procedureTables(pack);
  const openProcedural: PackRule[] = [];
  for (const rule of pack.sourceRules) {
    const effect = rule.effect;
    if (effect.kind === "medication") continue;
    const truth = status(rule);
    if (effect.kind === "finding") {
      // Written out in full rather than spread from the provenance: one object of one shape.
      if (truth === "true")
        findings.push({
          rule: rule.id,
          section: rule.section,
          sectionTitle: tables.sectionTitles.get(rule.section) ?? "",
          statement: rule.statement,
          quotes: rule.quotes,
          citations: rule.citations,
          kind: effect.findingKind,
          kindLabel: tables.findingLabels.get(effect.findingKind) ?? effect.findingKind,
        });
      if (truth === "unknown") for (const f of noteUndecided(rule)) missing.add(f);
    } else if (effect.kind === "precondition") {
      const facts = preconditionFacts(rule, tables, inputPath);
      const needed = truth === "unknown" ? [...noteUndecided(rule)] : [];
      for (const f of needed) missing.add(f);
      const values: Precondition["values"][number][] = [];
      for (const path of rule.facts) {
        const value = engineFacts.get(path);
        if (typeof value !== "number" && typeof value !== "string" && typeof value !== "boolean") continue;
        const fact = tables.factsByPath.get(path);
        const label = fact?.label ?? path;
        values.push(fact?.type === "quantity" ? { fact: path, label, value, unit: fact.unit } : { fact: path, label, value });
      }
      preconditions.push({
        rule: rule.id,
        section: rule.section,
        sectionTitle: tables.sectionTitles.get(rule.section) ?? "",
        statement: rule.statement,
        quotes: rule.quotes,
        citations: rule.citations,
        label: effect.label || rule.statement,
        status: truth === "true" ? "met" : truth === "false" ? "unmet" : "unknown",
        facts,
        values,
        missing: needed,
      });
    } else {
      if (truth === "true") {
        const label = tables.recommendationLabels.get(effect.code) ?? effect.code;
        const recommendation: Recommendation = Object.assign(
          provenance(rule),
          effect.strength ? { code: effect.code, label, strength: effect.strength } : { code: effect.code, label },
        );
        recommendations.push({ rule, recommendation });
      }
      // A recommendation about how to perform the procedure waits for the verdict: if it excludes
      // the procedure, no fact of that recommendation is needed.
      if (truth === "unknown" && forProcedure.has(effect.code)) openProcedural.push(rule);
      else if (truth === "unknown") for (const f of noteUndecided(rule)) missing.add(f);
    }
  }
  return { findings, preconditions, recommendations, openProcedural };
}

/** The input paths of a precondition's facts when none is a medication list's: the same for every patient. */
const plainFacts = new WeakMap<PackRule, readonly string[] | null>();

/** The input paths a precondition reads, sorted, once each (a fresh list for each report). */
function preconditionFacts(rule: PackRule, tables: ReportTables, inputPath: (factId: string) => string[]): string[] {
  let plain = plainFacts.get(rule);
  if (plain === undefined) {
    plain = rule.facts.every((id) => tables.factId(id).kind === "fact") ? [...new Set(rule.facts)].sort() : null;
    plainFacts.set(rule, plain);
  }
  return plain ? [...plain] : [...new Set(rule.facts.flatMap(inputPath))].sort();
}

/**
 * The verdict: outcomes in order; the first that definitely holds decides, unless an earlier
 * undecided one could also hold with a different outcome, in which case it is incomplete.
 */
function decideVerdict(
  { pack, engineFacts }: Prepared,
  { tables, status, ruleMissing }: ReportContext,
  explain: Explain,
): { readonly possible: Map<string, string>; readonly verdictMissing: Set<string>; readonly only: readonly [string, string] | undefined } {
  const findingTruth = (kind: string): Truth => {
    const values = (tables.findingRules.get(kind) ?? []).map((r) => status(r));
    return values.includes("true") ? "true" : values.includes("unknown") ? "unknown" : "false";
  };
  // Worked out once per kind: several outcomes may test the same finding.
  const findingFactsByKind = new Map<string, readonly string[]>();
  const findingAnswers: FindingAnswers = {
    truth: findingTruth,
    facts: (kind) => {
      let facts = findingFactsByKind.get(kind);
      if (!facts) {
        facts = (tables.findingRules.get(kind) ?? []).filter((r) => status(r) === "unknown").flatMap((r) => ruleMissing(r));
        findingFactsByKind.set(kind, facts);
      }
      return facts;
    },
  };

  const possible = new Map<string, string>();
  const verdictMissing = new Set<string>();
  let decided: { code: string; label: string } | undefined;
  for (const outcome of pack.verdict.outcomes) {
    const { truth, missing: needed } = explain(outcome.when, engineFacts, findingAnswers);
    if (truth === "false") continue;
    possible.set(outcome.code, outcome.label);
    if (truth === "true") {
      decided = outcome;
      break;
    }
    for (const f of needed) verdictMissing.add(f);
  }
  if (!decided) possible.set(pack.verdict.otherwise.code, pack.verdict.otherwise.label);
  const [only] = possible.size === 1 ? [...possible.entries()] : [];
  return { possible, verdictMissing, only };
}

function buildReport(prepared: Prepared, decisions: Decisions, explain: Explain): Report {
  const { pack, facts, medications } = prepared;
  const context = reportContext(prepared, decisions, explain);
  const { tables, status, provenance, noteUndecided, undecided, missing, slots } = context;
  const { findings, preconditions, recommendations, openProcedural } = ruleOutcomes(prepared, context);
  const { excludingOutcomes, forProcedure } = procedureTables(pack);
  const { possible, verdictMissing, only } = decideVerdict(prepared, context, explain);
  const verdict = only ? { code: only[0], label: only[1] } : { code: undecidedVerdict, label: pack.verdict.undecided };
  if (!only) for (const f of verdictMissing) missing.add(f);

  // A procedure the verdict excludes changes no treatment: the plan is not drawn up.
  const procedureExcluded = only !== undefined && excludingOutcomes.has(only[0]);
  const medicationPlan = procedureExcluded ? [] : buildPlan(pack, tables, medications, status, provenance, noteUndecided, missing, facts);

  // A recommendation `for procedure` is about how to perform it: not reported when the verdict
  // excludes the procedure, and undecided while the verdict could still exclude it.
  const procedureMaybeExcluded = [...possible.keys()].some((code) => excludingOutcomes.has(code));
  const reported: Recommendation[] = [];
  if (!procedureExcluded) for (const rule of openProcedural) for (const f of noteUndecided(rule)) missing.add(f);
  for (const { rule, recommendation } of recommendations) {
    if (!forProcedure.has(recommendation.code) || !procedureMaybeExcluded) reported.push(recommendation);
    else if (possible.size > 1) undecided.set(decisionKey(slots, rule.id), { rule: rule.id, missing: [...verdictMissing].sort() });
  }
  const listMissing = !procedureExcluded && pack.plan !== undefined && missing.has(pack.plan.list);
  const readiness = readinessOf(pack, preconditions, medicationPlan, listMissing, procedureExcluded);
  const finalMissing = [...missing].sort();
  const finalVerdictMissing = only ? [] : [...verdictMissing].sort();
  const outsidePlan =
    pack.plan && !procedureExcluded
      ? medications.filter((m) => m.list === pack.plan?.list && !inPlan(pack, m)).map((m) => outsideEntry(pack, m))
      : [];

  // The relevant facts are searched for when the report's `relevant` is first read (serialising the
  // report reads it): a caller that never reads it does not pay for the search. The search works
  // from copies of what it reads, so a caller that changes the report first changes nothing.
  const readinessRead = { status: readiness.status, missing: [...readiness.missing] };
  const planRead = medicationPlan.map((entry) => ({ ...entry, missing: [...entry.missing] }));
  const relevanceInput = (): RelevanceInput => ({
    pack,
    engineFacts: prepared.engineFacts,
    verdictOpen: !only,
    verdictMissing: finalVerdictMissing,
    readiness: readinessRead,
    preconditions: pack.sourceRules.filter((r) => r.effect.kind === "precondition"),
    plan: planRead,
    listMissing,
    recommendations: openRecommendations(pack, status, procedureExcluded).map((rule) => ({
      rule,
      missing: undecided.get(decisionKey(slots, rule.id))?.missing ?? [],
    })),
    inputPath: context.inputPath,
  });
  const report: Omit<Report, "relevant"> = {
    guideline: { id: pack.guideline.id, edition: pack.guideline.edition, contentHash: pack.guideline.contentHash },
    verdict: verdict.code,
    verdictLabel: verdict.label,
    verdictQuestion: pack.verdict.question,
    headline: procedureExcluded ? verdict.label : `${verdict.label} — ${readiness.label}`,
    readiness,
    findings,
    preconditions,
    medicationPlan,
    procedureExcluded,
    medicationPlanReminder: pack.plan?.reminder ?? "",
    medicationPlanTitle: pack.plan?.title ?? "",
    medicationPlanWordings: pack.plan?.wordings ?? {},
    outsidePlan,
    recommendations: reported,
    missing: finalMissing,
    missingFacts: missingByPurpose(pack, finalMissing, finalVerdictMissing, preconditions, medicationPlan),
    verdictMissing: finalVerdictMissing,
    undecided: [...undecided.values()],
  };
  return withLazyField(report, "relevant", () => relevantFacts(relevanceInput()));
}

/** The recommendation rules left undecided, in the order of the guideline (those about the procedure only if it is not excluded). */
function openRecommendations(pack: RulePack, status: (rule: PackRule) => Truth, procedureExcluded: boolean): PackRule[] {
  const { forProcedure } = procedureTables(pack);
  return pack.sourceRules.filter(
    (rule) => rule.effect.kind === "recommend" && status(rule) === "unknown" && !(procedureExcluded && forProcedure.has(rule.effect.code)),
  );
}

/**
 * Whether a treatment belongs in the plan. Recognition comes first: a drug of the vocabulary is
 * in the plan when one of its ATC codes is in the plan's scope, whatever code was given with it
 * (a drug given under another of its codes stays in). A treatment whose name and code disagree,
 * or whose name is unknown and no code is given, is always in the plan. An unknown name with an
 * unknown code is in the plan when the code is in scope.
 */
function inPlan(pack: RulePack, medication: MedicationEntry): boolean {
  const scope = pack.plan?.scopeAtc;
  if (!scope) return true;
  // A treatment recognised by a class's prefix is in the plan when its own code is in scope.
  if (medication.byClass) return medication.atc?.startsWith(scope) ?? true;
  switch (medication.recognition) {
    case "recognised":
      return pack.drugs.find((d) => d.name === medication.drug)?.atc.some((code) => code.startsWith(scope)) ?? true;
    case "unknown-atc":
      return medication.atc?.startsWith(scope) ?? true;
    case "mismatch":
    case "unknown-name":
      return true;
    default:
      return assertNever(medication.recognition);
  }
}

function outsideEntry(pack: RulePack, medication: MedicationEntry): OutsidePlanEntry {
  const drug = medication.drug === undefined ? undefined : pack.drugs.find((d) => d.name === medication.drug);
  return Object.assign(
    { index: medication.index, given: medication.given, label: drug?.label ?? medication.given },
    drug ? { drug: drug.name } : {},
    medication.atc !== undefined ? { atc: medication.atc } : {},
  );
}

// Long by design: one entry per treatment, then one case per plan action (stop, bridge, continue, refer), each with its date and reason.
function buildPlan(
  pack: RulePack,
  tables: ReportTables,
  medications: readonly MedicationEntry[],
  status: (rule: PackRule, drug?: string) => Truth,
  provenance: (rule: PackRule) => Provenance,
  noteUndecided: (rule: PackRule, drug?: string) => readonly string[],
  missing: Set<string>,
  facts: unknown,
): PlanEntry[] {
  const plan = pack.plan;
  if (!plan) return [];
  // No medication list: the plan cannot be drawn up, and the list is what it needs.
  if (!medications.some((m) => m.list === plan.list) && !listGiven(plan.list, facts)) missing.add(plan.list);
  const procedureDate = findDate(pack, facts);
  const entries: PlanEntry[] = [];
  // The facts an open rule needs, added once per array (`noteUndecided` shares one between the
  // entries of a drug): the report's `missing` names every entry's facts, whatever the order.
  const added = new Set<readonly string[]>();
  for (const medication of medications) {
    if (medication.list !== plan.list || !inPlan(pack, medication)) continue;
    const known = medication.drug === undefined ? undefined : tables.drugs.get(medication.drug);
    const atc = medication.atc ?? known?.atc[0];
    // A fresh start of the entry for each use. Entries are built with Object.assign: on Node 20, a
    // spread followed by more properties in an object literal costs microseconds.
    const base = () =>
      Object.assign(
        {
          drug: known?.name ?? medication.given,
          given: medication.given,
          label: medication.byClass ? medication.given : (known?.label ?? medication.given),
          index: medication.index,
        },
        atc ? { atc } : {},
        medication.byClass ? { byClass: { ...medication.byClass, label: known?.label ?? medication.byClass.class } } : {},
      );
    const referred = (reason: PlanReason) => Object.assign(base(), { action: "refer" as const, reason, missing: [] });
    switch (medication.recognition) {
      case "unknown-name":
        entries.push(referred("unknown-drug"));
        continue;
      case "unknown-atc":
        entries.push(referred("not-named-by-source"));
        continue;
      case "mismatch":
        entries.push(Object.assign(referred("name-atc-mismatch"), { mayBe: medication.doubtful }));
        continue;
      case "recognised":
        break;
      default:
        assertNever(medication.recognition);
    }
    if (!known || !known.namedBySource) {
      entries.push(referred("not-named-by-source"));
      continue;
    }
    const drug = known.name;
    const rules = tables.medicationRules.get(drug) ?? [];
    // The first rule (in source order) that holds settles the action. An undecided rule before
    // it could settle it otherwise, so the action is given only when every rule that might
    // come first agrees with it.
    const candidates: PackRule[] = [];
    let settled: PackRule | undefined;
    for (const rule of rules) {
      const truth = status(rule, drug);
      if (truth === "false") continue;
      candidates.push(rule);
      if (truth === "true") {
        settled = rule;
        break;
      }
    }
    const outcomes = new Set(
      candidates.map((r) => (r.effect.kind === "medication" ? planOrderKey(r.effect.action, r.effect.before?.hours) : "")),
    );
    if (settled && outcomes.size === 1 && settled.effect.kind === "medication") {
      const before = settled.effect.before;
      entries.push({
        ...base(),
        action: settled.effect.action,
        ...(before ? { before: { value: before.value, unit: before.unit }, hoursBefore: before.hours } : {}),
        ...(before && procedureDate ? { date: subtractHours(procedureDate, before.hours) } : {}),
        provenance: provenance(settled),
        missing: [],
      });
      continue;
    }
    if (candidates.length) {
      const open = candidates.filter((r) => status(r, drug) === "unknown");
      const needs = open.map((r) => noteUndecided(r, drug));
      const needed = entryMissing(plan.list, medication.index, needs);
      for (const f of needed) missing.add(f);
      for (const facts of needs) {
        if (added.has(facts)) continue;
        added.add(facts);
        for (const f of facts) missing.add(f);
      }
      entries.push(Object.assign(base(), { action: "unknown" as const, missing: needed }));
      continue;
    }
    entries.push(referred(rules.length ? "no-rule-applies" : "not-covered"));
  }
  return entries;
}

function listGiven(path: string, facts: unknown): boolean {
  return Array.isArray(readFactPath(facts, path));
}

function findDate(pack: RulePack, facts: unknown): string | undefined {
  const dateFact = pack.facts.find((f) => f.path === pack.plan?.date);
  if (!dateFact) return undefined;
  const date = readFactPath(facts, dateFact.path);
  return typeof date === "string" ? date : undefined;
}

/**
 * The procedure date minus a delay. A date without a time gives a date: whole days are
 * subtracted, and a delay that is not a whole number of days is rounded up to the next day,
 * so the date is never later than the delay requires. A date-time in UTC (`Z`) gives a UTC
 * date-time; one with an offset (`+01:00`) gives the same instant written with that offset, as
 * the reader of the procedure's date-time reads it; one without an offset gives a date-time
 * without an offset.
 */
export function subtractHours(date: string, hours: number): string {
  if (!date.includes("T")) {
    const days = Math.ceil(hours / 24);
    const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
  }
  // A date-time without an offset is a wall-clock time: computed as such, never in the
  // server's time zone, and returned without an offset.
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(date);
  const floating = !offset && !date.endsWith("Z");
  const instant = Date.parse(floating ? `${date}Z` : date) - hours * 3_600_000;
  if (offset) {
    const minutes = (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
    return `${new Date(instant + minutes * 60_000).toISOString().slice(0, 19)}${offset[0]}`;
  }
  const iso = new Date(instant).toISOString();
  return floating ? iso.slice(0, 19) : iso;
}
