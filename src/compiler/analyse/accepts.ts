import { diagnosticCodes, type DiagnosticCode } from "../../diagnostics/codes.js";
import { hint, type Hint } from "../../diagnostics/diagnostic.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import type { AnalysisContext } from "./context.js";
import type { AcceptedFinding, Finding } from "./report.js";

/**
 * Matches `accept CODE for NAME because "…"` with the warnings found: a warning with that code
 * about that subject is accepted (kept, with the reason, but not printed as a warning). An
 * error cannot be accepted. An `accept` that matches no warning is itself a warning (GL3009),
 * so that a justification never outlives its warning. Linear in findings + accepts.
 */
export function applyAccepts(
  context: AnalysisContext,
  findings: readonly Finding[],
): { readonly accepted: AcceptedFinding[]; readonly open: Finding[] } {
  const accepted: AcceptedFinding[] = [];
  const open: Finding[] = [];
  const accepts = context.model.accepts;
  const used = new Set<number>();
  for (const finding of findings) {
    const index = finding.severity === "warning" ? accepts.findIndex((a) => a.code === finding.code && a.subject === finding.subject) : -1;
    const accept = accepts[index];
    if (!accept) {
      open.push(finding);
      continue;
    }
    used.add(index);
    accepted.push({ finding, reason: accept.reason, span: accept.span });
  }
  accepts.forEach((accept, index) => {
    if (used.has(index)) return;
    const entry = (diagnosticCodes as Record<string, { severity: string } | undefined>)[accept.code];
    let advice: Hint;
    if (!entry || !/^GL3\d{3}$/.test(accept.code)) advice = hint("onlyConsistencyWarnings");
    else if (entry.severity === "error")
      advice = hint(accept.code === "GL3002" ? "contradictionCannotBeAccepted" : "errorCannotBeAccepted", accept.code);
    else {
      const subjects = findings.filter((f) => f.code === (accept.code as DiagnosticCode)).map((f) => f.subject);
      advice = didYouMean(accept.subject, subjects) ?? hint("acceptOutlivedWarning", accept.code, accept.subject);
    }
    context.add("GL3009", accept.subject, accept.span, [accept.code, accept.subject], { hint: advice });
  });
  return { accepted, open };
}
