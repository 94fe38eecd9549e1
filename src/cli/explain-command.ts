import { diagnosticCodes, type DiagnosticCode } from "../diagnostics/codes.js";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { exitCodes, write, writeDiagnostic, type CliIo } from "./cli-io.js";
import type { CommandInput } from "./command-line.js";
import type { commandTable } from "./command-table.js";
import { readExplanations } from "./explanations.js";

function isCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(diagnosticCodes, code);
}

/**
 * `guideline explain CODE`: what a diagnostic code means, what to do, and an example that
 * triggers it (from `docs/explanations.md`). A code the table does not have is GL7016, with a
 * "did you mean" for a near miss; exit code 2.
 */
export function explainCommand(input: CommandInput<(typeof commandTable)["explain"]["options"]>, io: CliIo): number {
  const [written, ...rest] = input.positionals;
  if (written === undefined || rest.length > 0) {
    write(io.stderr, "usage: guideline explain CODE   (a diagnostic code, e.g. GL2011)\n");
    return exitCodes.usage;
  }
  const code = written.trim().toUpperCase();
  if (!isCode(code)) {
    writeDiagnostic(io.stderr, makeDiagnostic("GL7016", undefined, [written], didYouMean(code, Object.keys(diagnosticCodes))));
    return exitCodes.usage;
  }
  const entry = diagnosticCodes[code];
  const explanation = readExplanations().byCode.get(code);
  const template = entry.template.replace(/\{\d+\}/g, "…");
  const lines = [`${code} (${entry.severity}): ${template}`, ""];
  if (explanation) lines.push(explanation.text, "");
  if ("hint" in entry) lines.push(`hint: ${entry.hint.replace(/\{\d+\}/g, "…")}`, "");
  if (explanation?.example.text) {
    lines.push(explanation.example.kind === "guideline" ? "Example (a guideline file that reports it):" : "Example:", "");
    lines.push(...explanation.example.text.split("\n").map((line) => (line ? `    ${line}` : "")), "");
  }
  write(io.stdout, lines.join("\n"));
  return exitCodes.ok;
}
