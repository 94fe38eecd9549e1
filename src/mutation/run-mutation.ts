import { compileGuideline, type CompileHost, type SourceInput } from "../compiler/compile.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { runExamples } from "../examples/run-examples.js";
import { generateMutants, type Mutant } from "./mutants.js";

/** What became of one mutant. */
export interface MutantOutcome {
  readonly mutant: Mutant;
  /** `check`: the compiler refused it; `examples`: an example failed; `survived`: nothing noticed. */
  readonly killedBy: "check" | "examples" | "survived";
  /** The first example or diagnostic that caught it. */
  readonly by?: string;
}

/** The mutation score of a guideline's examples. */
export interface MutationRun {
  readonly outcomes: readonly MutantOutcome[];
  readonly killed: number;
  readonly total: number;
}

/**
 * Applies every single mutation of the guideline source (see {@link generateMutants}) and
 * checks whether the compiler or an example catches it. A surviving mutant is a change to the
 * guideline that no example pins down: it needs a new example.
 */
export async function runMutation(sources: readonly SourceInput[], host: CompileHost): Promise<MutationRun> {
  const original = compileGuideline(sources, host);
  if (hasErrors(original.diagnostics) || !original.model) throw new Error("the guideline has errors: run `guideline check` first");
  // A rule that the examples fire today and no longer fire in a mutant counts as a catch.
  const firedBefore = original.pack ? new Set((await runExamples(original.model, original.pack)).fired) : new Set<string>();
  const outcomes: MutantOutcome[] = [];
  for (const mutant of generateMutants(sources, original.files)) {
    const result = compileGuideline(mutant.sources, host);
    const error = result.diagnostics.find((d) => d.severity === "error");
    if (error || !result.model || !result.pack) {
      outcomes.push({ mutant, killedBy: "check", by: error ? `${error.code} ${error.message}` : "no pack" });
      continue;
    }
    const run = await runExamples(result.model, result.pack);
    const failed = run.results.find((r) => !r.passed);
    const unfired = run.unfired.find((id) => firedBefore.has(id));
    if (failed) outcomes.push({ mutant, killedBy: "examples", by: failed.id });
    else if (unfired) outcomes.push({ mutant, killedBy: "examples", by: `rule ${unfired} no longer fired by any example` });
    else outcomes.push({ mutant, killedBy: "survived" });
  }
  const killed = outcomes.filter((o) => o.killedBy !== "survived").length;
  return { outcomes, killed, total: outcomes.length };
}
