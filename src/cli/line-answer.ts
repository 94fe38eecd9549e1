import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import type { RulePack } from "../pack/pack-format.js";
import { compactReport } from "../runtime/compact-report.js";
import { evaluate, evaluateSync, type EngineName } from "../runtime/evaluate.js";
import { InvalidFactsError } from "../runtime/fact-errors.js";
import { runtimeLimits } from "../runtime/limits.js";
import type { Report } from "../runtime/report.js";
import { jsonLinesBytes } from "./json-lines-bytes.js";
import type { LineBatch } from "./ndjson-lines.js";

/** The error of an input over the size limit (GL5040), as `--json` and `--ndjson` give it. */
export function tooLargeJson(): { readonly kind: "too-large"; readonly code: "GL5040"; readonly message: string } {
  return { kind: "too-large", code: "GL5040", message: makeDiagnostic("GL5040", undefined, [runtimeLimits.inputBytes]).message };
}

/** The error object of a failed evaluation, as `--json` and `--ndjson` give it. */
export function errorJson(error: unknown): unknown {
  if (error instanceof InvalidFactsError) return { error: { kind: "invalid-facts", errors: error.errors } };
  return { error: { kind: "internal", message: error instanceof Error ? error.message : String(error) } };
}

/**
 * The output lines that answer a batch of input lines of `--ndjson`, ready to write: UTF-8
 * bytes in a buffer of their own (so a worker thread can hand it over without a copy), each
 * line ended by a line feed, control characters escaped as `write` in `cli-io.ts` does.
 */
export interface BatchAnswers {
  readonly bytes: Uint8Array;
  /** How many of the lines are errors. */
  readonly failed: number;
}

/**
 * Answers a batch of lines of `evaluate --ndjson`, each as `answerLine` says, in their order.
 * Never throws: a line that fails, whatever the reason, is answered with its error in its place.
 */
export async function answerBatch(batch: LineBatch, pack: RulePack, compact: boolean, engine: EngineName): Promise<BatchAnswers> {
  const evaluateFacts =
    engine === "closures" ? (facts: unknown) => evaluateSync(facts, pack) : (facts: unknown) => evaluate(facts, { pack, engine });
  const texts = linesOf(batch);
  let failed = 0;
  let tooLong = 0;
  for (let i = 0; i < texts.length; i++) {
    const number = batch.first + i;
    let answer: LineAnswer;
    if (batch.tooLong[tooLong] === number) {
      tooLong++;
      answer = { text: JSON.stringify({ error: tooLargeJson(), line: number }), failed: true };
    } else answer = await answerLine(texts[i] ?? "", number, evaluateFacts, compact);
    texts[i] = answer.text;
    if (answer.failed) failed++;
  }
  return { bytes: jsonLinesBytes(texts), failed };
}

/**
 * The answers to a batch whose worker thread stopped before answering it: each line is
 * `GL7030`, but a blank line stays blank, so that output line N still answers input line N.
 */
export function lostBatch(batch: LineBatch, reason: string): BatchAnswers {
  const texts = linesOf(batch);
  let failed = 0;
  for (let i = 0; i < texts.length; i++) {
    if (texts[i]?.trim() === "" && !batch.tooLong.includes(batch.first + i)) continue;
    failed++;
    const message = makeDiagnostic("GL7030", undefined, [batch.first + i, reason]).message;
    texts[i] = JSON.stringify({ error: { kind: "worker-failed", code: "GL7030", message }, line: batch.first + i });
  }
  return { bytes: jsonLinesBytes(texts), failed };
}

/** The text of each line of a batch, without its line feed. */
function linesOf(batch: LineBatch): string[] {
  const texts = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength).toString("utf8").split("\n");
  texts.pop();
  return texts;
}

/** The output line that answers one input line (without its line feed), and whether it is an error. */
interface LineAnswer {
  readonly text: string;
  readonly failed: boolean;
}

/**
 * Answers one line: its report as one line of JSON (compact with `compact`), a blank line for a
 * blank line, or `{"error": …, "line": N}`.
 */
async function answerLine(
  text: string,
  number: number,
  evaluateFacts: (facts: unknown) => Report | Promise<Report>,
  compact: boolean,
): Promise<LineAnswer> {
  if (text.trim() === "") return { text: "", failed: false };
  try {
    const evaluated = evaluateFacts(JSON.parse(text.replace(/^\uFEFF/, "")));
    const report = evaluated instanceof Promise ? await evaluated : evaluated;
    return { text: JSON.stringify(compact ? compactReport(report) : report), failed: false };
  } catch (error) {
    const output =
      error instanceof SyntaxError
        ? {
            error: { kind: "not-json", code: "GL5007", message: makeDiagnostic("GL5007", undefined, [error.message]).message },
            line: number,
          }
        : { ...(errorJson(error) as object), line: number };
    return { text: JSON.stringify(output), failed: true };
  }
}
