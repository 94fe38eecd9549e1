import { pageAnchors } from "./anchors.js";
import { changesView } from "./view-changes.js";
import { consistencyView } from "./view-consistency.js";
import { contentsView, countsView, figuresView, referencesSummary } from "./view-contents.js";
import { viewContext } from "./view-context.js";
import { drugClassesView, planView, unnamedDrugsView } from "./view-drugs.js";
import { examplesView } from "./view-examples.js";
import { factsView } from "./view-facts.js";
import { sectionsView } from "./view-rules.js";
import { referencesView, sourceView } from "./view-source.js";
import { valuesView } from "./view-thresholds.js";
import { tryPatientData } from "./try-patient-data.js";
import { outcomesView, verdictView } from "./view-verdict.js";
import type { RulebookInput, RulebookView } from "./view-types.js";

export type * from "./view-types.js";
export { richSegments } from "./view-context.js";

/**
 * Builds the rulebook's view model from the compiler's output and the examples' run: one builder
 * per part of the page (`view-rules.ts`, `view-verdict.ts`, `view-thresholds.ts`, `view-facts.ts`,
 * `view-drugs.ts`, `view-examples.ts`, `view-consistency.ts`, `view-source.ts`, `view-contents.ts`),
 * all reading the same {@link viewContext}.
 */
export function buildRulebookView(input: RulebookInput): RulebookView {
  const { model, pack } = input;
  const context = viewContext(input);
  const sections = sectionsView(context);
  const outcomes = outcomesView(context);
  const values = valuesView(context);
  const facts = factsView(context);
  const examples = examplesView(context);
  const consistency = consistencyView(context);
  const changes = input.previous ? changesView(context, input.previous) : null;
  return {
    words: context.words,
    anchors: pageAnchors,
    banner: pack.generatedBy,
    language: model.language,
    title: model.title,
    guidelineId: model.id,
    edition: model.edition,
    sourceDocument: model.sourceDocument,
    contentHash: pack.guideline.contentHash,
    compiler: `${pack.compiler.name} ${pack.compiler.version}`,
    figures: figuresView(context),
    referencesSummary: referencesSummary(context),
    counts: countsView(context),
    changes,
    toc: contentsView(context, { sections, values, facts, examples, consistency, changes, outcomes: outcomes.length }),
    sections,
    verdict: verdictView(context, outcomes),
    values,
    facts,
    plan: planView(context),
    drugClasses: drugClassesView(context),
    unnamedDrugs: unnamedDrugsView(context),
    examples,
    consistency,
    references: referencesView(context),
    source: sourceView(context),
    tryPatient: tryPatientData(context),
  };
}
