import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ConsistencyReport, Finding as ConsistencyFinding, Witness } from "../compiler/analyse/report.js";
import { anchorHref, pageHref } from "./anchors.js";
import { plural, ruleLink, unique, type ViewContext } from "./view-context.js";
import { passageStatus } from "./view-source.js";
import type { LinkView, ProblemView, RulebookView } from "./view-types.js";

const severityLabels: Readonly<Record<string, string>> = { error: "erreur", warning: "avertissement", info: "information" };

const pairStatus = {
  disjoint: "jamais ensemble (prouvé)",
  settled: "départagées par une priorité déclarée",
  conflict: "CONFLIT : aucune priorité ne les départage",
  undecided: "non tranché (limite de recherche atteinte)",
} as const;

/** The file's name only: the book must not depend on the folder `compile` was run from. */
function where(span: Diagnostic["span"]): string {
  return span ? `${span.file.slice(span.file.replace(/\\/g, "/").lastIndexOf("/") + 1)}:${span.line}` : "";
}

const witnessLines = (w: Witness | undefined): string[] => (w ? [...w.given] : []);

/** A link to whatever a consistency finding is about: a rule, information item, fact, value, drug, class, finding, recommendation or outcome. */
function subjectLink(context: ViewContext, name: string): LinkView {
  const { vocabulary, model } = context;
  if (vocabulary.rules.has(name)) return ruleLink(name);
  if (model.information.some((i) => i.id === name)) return { href: anchorHref("information", name), text: name };
  if (vocabulary.facts.has(name)) return { href: anchorHref("fact", name), text: name };
  if (vocabulary.thresholds.has(name)) return { href: anchorHref("value", name), text: name };
  if (vocabulary.drugs.has(name)) return { href: anchorHref("drug", name), text: name };
  if (vocabulary.classes.has(name)) return { href: anchorHref("drugClass", name), text: name };
  if (vocabulary.findingKinds.has(name)) return { href: anchorHref("finding", name), text: name };
  if (vocabulary.recommendations.has(name)) return { href: anchorHref("recommendation", name), text: name };
  const outcome = vocabulary.outcomes.get(name);
  return { href: outcome?.href ?? pageHref("verdict"), text: name };
}

/** Open warnings (consistency findings with their witness patient, then the other diagnostics) and accepted ones. */
function problemsView(context: ViewContext): {
  readonly problems: ProblemView[];
  readonly accepted: (ProblemView & { readonly reason: string })[];
} {
  const consistency = context.model.consistency;
  const findingView = (f: ConsistencyFinding): ProblemView => ({
    severity: severityLabels[f.severity] ?? f.severity,
    code: f.code,
    message: f.message,
    where: where(f.span),
    about: unique([f.subject, ...f.related]).map((name) => subjectLink(context, name)),
    witness: witnessLines(f.witness),
  });
  // Open consistency warnings come with their witness patient from the analysis; other diagnostics as reported.
  const analysed = new Set((consistency?.warnings ?? []).map((f) => `${f.code}\0${f.message}\0${where(f.span)}`));
  const problems: ProblemView[] = [
    ...(consistency?.warnings ?? []).map(findingView),
    ...context.input.diagnostics
      .filter((d) => !analysed.has(`${d.code}\0${d.message}\0${where(d.span)}`))
      .map((d) => ({
        severity: severityLabels[d.severity] ?? d.severity,
        code: d.code,
        message: d.message,
        where: where(d.span),
        about: [],
        witness: [],
      })),
  ];
  const accepted = (consistency?.accepted ?? []).map((a) => ({ ...findingView(a.finding), reason: a.reason }));
  return { problems, accepted };
}

/**
 * The row of the checks table for verdict relevance (GL3012): of the rules whose finding the
 * conclusion reads, how many can change it for some patient; those that cannot, with or
 * without an accepted justification; those the search bound left open.
 */
function verdictRelevanceCheck(consistency: ConsistencyReport): { readonly label: string; readonly result: string; readonly ok: boolean } {
  const relevance = consistency.verdictRelevance;
  const justified = (rule: string, code: string) => consistency.accepted.some((a) => a.finding.subject === rule && a.finding.code === code);
  const irrelevant = relevance.flatMap((r) => (r.status === "irrelevant" ? [r] : []));
  const accepted = irrelevant.filter((r) => justified(r.rule, r.reportedAs)).length;
  const open = irrelevant.length - accepted;
  const undecided = relevance.filter((r) => r.status === "undecided").length;
  const parts = [
    `${relevance.length - irrelevant.length - undecided} sur ${relevance.length}`,
    ...(accepted
      ? [plural(accepted, "règle sans effet sur la conclusion, justifiée", "règles sans effet sur la conclusion, justifiées")]
      : []),
    ...(open
      ? [plural(open, "règle sans effet sur la conclusion, sans justification", "règles sans effet sur la conclusion, sans justification")]
      : []),
    ...(undecided
      ? [plural(undecided, "règle non tranchée (limite de recherche atteinte)", "règles non tranchées (limite de recherche atteinte)")]
      : []),
  ];
  return {
    label: "Règles dont le constat compte pour la conclusion et qui peuvent la changer pour au moins un patient",
    result: parts.join(" ; "),
    ok: open === 0 && undecided === 0,
  };
}

/** The table of checks made at compile time, one row each. */
function checksView(
  context: ViewContext,
  accepted: number,
  pairs: RulebookView["consistency"]["pairs"],
): RulebookView["consistency"]["checks"] {
  const { model, input } = context;
  const consistency = model.consistency;
  const status = passageStatus(context);
  const total = context.passages.passages.length;
  const quoteCount = [...model.rules, ...model.information].reduce((n, i) => n + i.quotes.length, 0);
  const passedCount = input.examples.results.filter((r) => r.passed).length;
  const failures = input.examples.results.length - passedCount;
  return [
    { label: "Citations retrouvées mot pour mot dans le texte source", result: `${quoteCount} sur ${quoteCount}`, ok: true },
    {
      label: "Références citées présentes dans la liste",
      result: `${context.citedBy.size} références citées, toutes dans la liste de ${model.references.length}`,
      ok: true,
    },
    {
      label: "Phrases du texte source reprises par une règle ou une information",
      result: `${status.quoted} sur ${total}${status.justified.length ? ` ; ${status.justified.length} non reprises avec une raison` : ""}${status.uncovered.length ? ` ; ${status.uncovered.length} non reprises sans raison` : ""}`,
      ok: status.uncovered.length === 0,
    },
    {
      label: "Exemples dont le résultat est celui attendu",
      result: `${passedCount} sur ${input.examples.results.length}`,
      ok: failures === 0,
    },
    {
      label: "Règles mises en œuvre par au moins un exemple",
      result: `${model.rules.length - input.examples.unfired.length} sur ${model.rules.length}`,
      ok: input.examples.unfired.length === 0,
    },
    ...(consistency
      ? [
          {
            label: "Analyse des règles : conditions impossibles, contradictions du plan, lacunes, redondances, valeurs inutilisées",
            result: [
              plural(consistency.warnings.length, "avertissement non justifié", "avertissements non justifiés"),
              `${plural(accepted, "avertissement accepté", "avertissements acceptés")} avec sa justification`,
              plural(pairs.length, "paire de règles du plan comparée", "paires de règles du plan comparées"),
            ].join(" ; "),
            ok: consistency.warnings.length === 0 && pairs.every((p) => p.ok),
          },
        ]
      : []),
    ...(consistency?.verdictRelevance.length ? [verdictRelevanceCheck(consistency)] : []),
  ];
}

/** The consistency report: checks, open and accepted warnings, plan pairs, precedences, uncovered sentences, failing examples, unfired rules. */
export function consistencyView(context: ViewContext): RulebookView["consistency"] {
  const { model, vocabulary, input } = context;
  const consistency = model.consistency;
  const { problems, accepted } = problemsView(context);
  const pairs = (consistency?.pairs ?? []).map((p) => ({
    rules: p.rules.map(ruleLink),
    drugs: p.drugs.map((d) => ({ href: anchorHref("drug", d), text: vocabulary.drugs.get(d)?.label ?? d })),
    status: `${pairStatus[p.status]}${p.winner ? ` : ${p.winner} l'emporte` : ""}`,
    ok: p.status === "disjoint" || p.status === "settled",
    proof: [...(p.proof ?? [])],
    witness: witnessLines(p.witness),
  }));
  const failures = input.examples.results.filter((r) => !r.passed);
  const unfired = input.examples.unfired.map(ruleLink);
  const status = passageStatus(context);
  const openIssues = problems.length + failures.length + unfired.length + status.uncovered.length + pairs.filter((p) => !p.ok).length;
  return {
    clean: openIssues === 0 && accepted.length === 0 && status.justified.length === 0,
    justifiedOnly: openIssues === 0 && (accepted.length > 0 || status.justified.length > 0),
    checks: checksView(context, accepted.length, pairs),
    problems,
    accepted,
    pairs,
    precedences: model.precedences.map((p) => ({ winner: ruleLink(p.winner), loser: ruleLink(p.loser), reason: p.reason })),
    verdictFallback: witnessLines(consistency?.verdictFallback),
    justifiedSentences: status.justified.map((p) => ({ href: anchorHref("passage", p.number), text: p.text, reason: p.reason ?? "" })),
    exampleFailures: failures.map((f) => ({
      href: anchorHref("example", f.id),
      id: f.id,
      messages: f.failures.map((x) => `attendu ${x.expectation}, mais ${x.actual}`),
    })),
    unfired,
  };
}
