import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import type { RulePack } from "../pack/pack-format.js";
import { compactReport } from "../runtime/compact-report.js";
import { evaluate, type EngineName } from "../runtime/evaluate.js";
import { InvalidFactsError } from "../runtime/fact-errors.js";
import { runtimeLimits } from "../runtime/limits.js";
import type { NdjsonLine } from "./ndjson-lines.js";

/** The error of an input over the size limit (GL5040), as `--json` and `--ndjson` give it. */
export function tooLargeJson(): { readonly kind: "too-large"; readonly code: "GL5040"; readonly message: string } {
  return { kind: "too-large", code: "GL5040", message: makeDiagnostic("GL5040", undefined, [runtimeLimits.inputBytes]).message };
}

/** The error object of a failed evaluation, as `--json` and `--ndjson` give it. */
export function errorJson(error: unknown): unknown {
  if (error instanceof InvalidFactsError) return { error: { kind: "invalid-facts", errors: error.errors } };
  return { error: { kind: "internal", message: error instanceof Error ? error.message : String(error) } };
}

/** The output line that answers one input line of `--ndjson` (without its line feed), and whether it is an error. */
export interface LineAnswer {
  readonly text: string;
  readonly failed: boolean;
}

/**
 * Answers one line of `evaluate --ndjson`: its report as one line of JSON (compact with
 * `compact`), a blank line for a blank line, or `{"error": …, "line": N}`. Never throws: a line
 * that fails, whatever the reason, is answered with its error and the stream goes on.
 */
export async function answerLine(line: NdjsonLine, pack: RulePack, compact: boolean, engine: EngineName): Promise<LineAnswer> {
  if (line.kind === "too-long") return { text: JSON.stringify({ error: tooLargeJson(), line: line.number }), failed: true };
  if (line.text.trim() === "") return { text: "", failed: false };
  try {
    const report = await evaluate(JSON.parse(line.text.replace(/^\uFEFF/, "")), { pack, engine });
    return { text: JSON.stringify(compact ? compactReport(report) : report), failed: false };
  } catch (error) {
    const output =
      error instanceof SyntaxError
        ? {
            error: { kind: "not-json", code: "GL5007", message: makeDiagnostic("GL5007", undefined, [error.message]).message },
            line: line.number,
          }
        : { ...(errorJson(error) as object), line: line.number };
    return { text: JSON.stringify(output), failed: true };
  }
}

/**
 * The answer to a line whose worker thread stopped before answering it (`GL7030`); a blank line
 * stays blank, so that output line N still answers input line N.
 */
export function lostLine(line: NdjsonLine, reason: string): LineAnswer {
  if (line.kind === "line" && line.text.trim() === "") return { text: "", failed: false };
  const message = makeDiagnostic("GL7030", undefined, [line.number, reason]).message;
  return { text: JSON.stringify({ error: { kind: "worker-failed", code: "GL7030", message }, line: line.number }), failed: true };
}
