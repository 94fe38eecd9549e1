import { assertNever } from "../shared/assert-never.js";
import type { ConditionModel } from "../compiler/model.js";
import { anchorHref, anchorId } from "./anchors.js";
import { conditionView } from "./french.js";
import { ruleLink, unique, type ViewContext } from "./view-context.js";
import type { LinkView, RulebookView } from "./view-types.js";

/** Finding kinds a verdict condition tests positively (under an even number of `not`). */
function positiveFindings(condition: ConditionModel, negated = false): string[] {
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands.flatMap((o) => positiveFindings(o, negated));
    case "not":
      return positiveFindings(condition.operand, !negated);
    case "finding":
      return negated ? [] : [condition.findingKind];
    case "compare":
    case "member":
    case "flag":
    case "taking":
    case "always":
      return [];
    default:
      return assertNever(condition);
  }
}

/** The rules whose effect is a finding of this kind. */
function rulesByFinding(context: ViewContext, kind: string): LinkView[] {
  return context.model.rules.filter((r) => r.effect.kind === "finding" && r.effect.findingKind === kind).map((r) => ruleLink(r.id));
}

/** The verdict's ordered outcomes, each with its condition and the findings that lead to it. */
export function outcomesView(context: ViewContext): RulebookView["verdict"]["outcomes"] {
  const { model, vocabulary } = context;
  return model.verdict.outcomes.map((outcome, index) => ({
    anchor: anchorId("outcome", outcome.code),
    position: index + 1,
    code: outcome.code,
    label: outcome.label,
    condition: conditionView(outcome.when, vocabulary),
    leadingFindings: unique(positiveFindings(outcome.when)).map((kind) => ({
      href: anchorHref("finding", kind),
      label: vocabulary.findingKinds.get(kind)?.label ?? kind,
      rules: rulesByFinding(context, kind),
    })),
    noProcedure: outcome.noProcedure === true,
  }));
}

/** The section on the verdict's logic: outcomes, readiness, the findings and recommendations tables. */
export function verdictView(context: ViewContext, outcomes: RulebookView["verdict"]["outcomes"]): RulebookView["verdict"] {
  const { model, vocabulary } = context;
  return {
    question: model.verdict.question,
    outcomes,
    otherwise: {
      code: model.verdict.otherwise.code,
      label: model.verdict.otherwise.label,
      noProcedure: model.verdict.otherwise.noProcedure === true,
    },
    procedure: {
      notDone: vocabulary.procedure("procedure-not-done"),
      readinessTitle: vocabulary.procedure("procedure-readiness-title"),
      readinessExplained: vocabulary.procedure("procedure-readiness-explained"),
      recommendationColumn: vocabulary.procedure("procedure-recommendation"),
      recommendationYes: vocabulary.procedure("procedure-recommendation-yes"),
    },
    readiness: model.readiness ?? null,
    undecided: model.verdict.undecided,
    findings: model.findingKinds.map((f) => ({
      anchor: anchorId("finding", f.name),
      name: f.name,
      label: f.label,
      rules: rulesByFinding(context, f.name),
      outcomes: outcomes
        .filter((o) => o.leadingFindings.some((l) => l.href === anchorHref("finding", f.name)))
        .map((o) => ({ href: `#${o.anchor}`, text: o.label })),
    })),
    recommendations: model.recommendations.map((r) => ({
      anchor: anchorId("recommendation", r.name),
      name: r.name,
      label: r.label,
      rules: model.rules.filter((rule) => rule.effect.kind === "recommend" && rule.effect.code === r.name).map((rule) => ruleLink(rule.id)),
      forProcedure: r.forProcedure === true,
    })),
  };
}
