import type { PreviousEdition } from "../editions/previous-edition.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ExamplesRun } from "../examples/run-examples.js";
import type { RulePack } from "../pack/pack-format.js";
import type { CheckedGuideline } from "../compiler/model.js";
import type { Coverage } from "../compiler/check/provenance.js";
import type { InterfaceWords } from "../interface-words/index.js";
import type { pageAnchors } from "./anchors.js";
import type { ConditionView, TextPart } from "./french.js";

/**
 * The types of the rulebook's view model: everything the templates show, already worded, with
 * every link a fragment to an id the page defines. Templates only lay it out; nothing here
 * is HTML, so Handlebars escapes every string that came from a source file.
 */

/** One drug of the vocabulary in the rulebook: French name, international name, ATC codes, aliases and what the rules say. */
export interface DrugView {
  readonly anchor: string;
  readonly name: string;
  readonly label: string;
  /** Its ATC codes, comma-separated. */
  readonly atc: string;
  /** Its RxNorm codes, comma-separated ("" when none). */
  readonly rxnorm: string;
  /** The other names it is recognised by, comma-separated ("" when none). */
  readonly aliases: string;
  readonly says: readonly { readonly rule: LinkView; readonly condition: string; readonly effect: readonly TextPart[] }[];
  readonly tested: readonly LinkView[];
}

/** What the rulebook is built from: the compiler's output, the source document and the examples' run. */
export interface RulebookInput {
  readonly model: CheckedGuideline;
  readonly pack: RulePack;
  /** The text of the source document named in the header. */
  readonly sourceText: string;
  /** The compiler's diagnostics (warnings only, since there is a pack). */
  readonly diagnostics: readonly Diagnostic[];
  readonly coverage?: Coverage;
  readonly examples: ExamplesRun;
  /** For an example written `based on` another, the other's id: the rulebook then shows only what differs. */
  readonly exampleBases?: ReadonlyMap<string, string>;
  /** The previous edition and the difference from it, when there is one: shown as a section, and on each changed rule. */
  readonly previous?: PreviousEdition;
}

/** A link to a thing of the rulebook, shown by its name. */
export interface LinkView {
  readonly href: string;
  readonly text: string;
}

/** A run of text, set as superscript or emphasis as the source marks it (`<sup>3</sup>`, `*…*`). */
export interface RichSegment {
  readonly text: string;
  readonly sup: boolean;
  readonly em: boolean;
}

/** An example that exercises a rule, with what it expects. */
export interface ExampleRefView {
  readonly href: string;
  readonly id: string;
  readonly title: string;
  readonly expected: readonly (readonly TextPart[])[];
}

/** A sentence of the source text, with the items quoting it and its status. */
export interface PassageView {
  readonly anchor: string;
  readonly number: number;
  readonly text: string;
  readonly uncovered: boolean;
  readonly justified: boolean;
  readonly reason: string;
  readonly quotedBy: readonly LinkView[];
}

/** A problem the compiler reports, as the consistency section shows it. */
export interface ProblemView {
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  /** `file:line` in the guideline sources, or empty. */
  readonly where: string;
  /** What it is about, linked: a rule, fact, value, drug or outcome; and the other rules involved. */
  readonly about: readonly LinkView[];
  /** A patient that shows the problem, as example `given` lines; empty when none. */
  readonly witness: readonly string[];
}

/** A rule or an information item of a section. */
export interface ItemView {
  readonly anchor: string;
  readonly isRule: boolean;
  readonly kindLabel: string;
  readonly id: string;
  readonly statement: string;
  /** Each quote, with the link to the first sentence of the source it quotes and that sentence's number (0 when outside the transcribed part). */
  readonly quotes: readonly {
    readonly segments: readonly RichSegment[];
    readonly passageHref: string | null;
    readonly passageNumber: number;
  }[];
  readonly citations: readonly LinkView[];
  readonly condition: ConditionView | null;
  /** The condition in one line (for a rule with a condition). */
  readonly conditionText: string;
  readonly effect: readonly TextPart[] | null;
  /** Declared precedences this rule takes part in, worded from its side. */
  readonly precedence: readonly { readonly text: string; readonly other: LinkView; readonly reason: string }[];
  /** How the rule changed since the previous edition (`null` when it did not, or there is none). */
  readonly changed: string | null;
  /** Consistency warnings about this rule that the source accepts, with the reason. */
  readonly acceptedWarnings: readonly { readonly code: string; readonly message: string; readonly reason: string }[];
  readonly examples: readonly ExampleRefView[];
  readonly moreExamples: readonly LinkView[];
  /** `12 autres exemples`. */
  readonly moreExamplesLabel: string;
  readonly exampleCount: number;
}

/** The whole page. */
export interface RulebookView {
  /** The interface words of the page's language, read by the templates' `word` helper. */
  readonly words: InterfaceWords;
  /** The ids of the page's fixed parts, from `anchors.ts`. */
  readonly anchors: typeof pageAnchors;
  readonly banner: string;
  readonly language: string;
  readonly title: string;
  readonly guidelineId: string;
  readonly edition: number;
  readonly sourceDocument: string;
  readonly contentHash: string;
  readonly compiler: string;
  /** The figures of the masthead, each with its (plural-aware) label. */
  readonly figures: readonly { readonly value: number; readonly label: string }[];
  readonly referencesSummary: string;
  readonly counts: {
    readonly rules: number;
    readonly information: number;
    readonly examples: number;
    readonly references: number;
    readonly citedReferences: number;
    readonly passages: number;
    readonly facts: number;
    readonly values: number;
    readonly drugs: number;
  };
  readonly toc: readonly { readonly href: string; readonly label: string; readonly detail: string }[];
  /** Changes since the previous edition, old and new side by side (see `view-changes.ts`). */
  readonly changes: ChangesView | null;
  readonly sections: readonly {
    readonly anchor: string;
    readonly title: string;
    readonly index: readonly { readonly href: string; readonly id: string; readonly kindLabel: string; readonly statement: string }[];
    readonly items: readonly ItemView[];
  }[];
  readonly verdict: {
    readonly question: string;
    readonly outcomes: readonly {
      readonly anchor: string;
      readonly position: number;
      readonly code: string;
      readonly label: string;
      readonly condition: ConditionView;
      readonly leadingFindings: readonly { readonly href: string; readonly label: string; readonly rules: readonly LinkView[] }[];
      /** With this outcome the procedure is not done (`no procedure`). */
      readonly noProcedure: boolean;
    }[];
    readonly otherwise: { readonly code: string; readonly label: string; readonly noProcedure: boolean };
    /** What the rulebook says of the procedure, in the guideline's wording (or the catalogue's neutral phrases). */
    readonly procedure: {
      readonly notDone: string;
      readonly readinessTitle: string;
      readonly readinessExplained: string;
      readonly recommendationColumn: string;
      readonly recommendationYes: string;
    };
    /** The readiness labels, when the guideline declares them. */
    readonly readiness: { readonly question: string; readonly ready: string; readonly notReady: string; readonly undecided: string } | null;
    readonly undecided: string;
    readonly findings: readonly {
      readonly anchor: string;
      readonly name: string;
      readonly label: string;
      readonly rules: readonly LinkView[];
      readonly outcomes: readonly LinkView[];
    }[];
    readonly recommendations: readonly {
      readonly anchor: string;
      readonly name: string;
      readonly label: string;
      readonly rules: readonly LinkView[];
      readonly forProcedure: boolean;
    }[];
  };
  readonly values: readonly {
    readonly anchor: string;
    readonly name: string;
    readonly label: string;
    readonly role: string;
    readonly written: string;
    readonly readable: string;
    readonly unit: string;
    readonly usedBy: readonly LinkView[];
  }[];
  readonly facts: readonly {
    readonly anchor: string;
    readonly path: string;
    readonly label: string;
    readonly type: string;
    readonly unit: string;
    readonly range: string;
    readonly description: string;
    readonly values: readonly { readonly name: string; readonly label: string }[];
    readonly usedBy: readonly LinkView[];
  }[];
  readonly plan: {
    readonly list: LinkView;
    readonly scope: string;
    readonly reminder: string;
    readonly date: LinkView | null;
    readonly title: string;
    /** The report's text for each action and reason, as the guideline words it. */
    readonly wordings: readonly { readonly key: string; readonly text: string }[];
  } | null;
  readonly drugClasses: readonly {
    readonly anchor: string;
    readonly name: string;
    readonly label: string;
    /** The class's ATC prefixes and what they mean, or empty when it declares none. */
    readonly prefixes: string;
    readonly drugs: readonly DrugView[];
  }[];
  /** Drugs declared `not named by source`: recognised, and referred with that reason. */
  readonly unnamedDrugs: readonly DrugView[];
  readonly examples: readonly {
    readonly anchor: string;
    readonly id: string;
    readonly title: string;
    readonly passed: boolean;
    /** The report's headline for this patient: the verdict and, unless it excludes the procedure, readiness. */
    readonly headline: string;
    readonly failures: readonly string[];
    /** The example it starts from, when it is written `based on` another: `facts` then lists only what differs. */
    readonly base: LinkView | null;
    readonly facts: readonly { readonly href: string; readonly label: string; readonly value: string }[];
    readonly expectations: readonly (readonly TextPart[])[];
    readonly rules: readonly LinkView[];
  }[];
  readonly consistency: {
    /** Nothing to look at: no open warning, no accepted one, no failing example, no uncovered sentence, no conflict. */
    readonly clean: boolean;
    /** Nothing open, but warnings accepted with a justification. */
    readonly justifiedOnly: boolean;
    readonly checks: readonly { readonly label: string; readonly result: string; readonly ok: boolean }[];
    readonly problems: readonly ProblemView[];
    /** Warnings the source accepts, with the editor's justification. */
    readonly accepted: readonly (ProblemView & { readonly reason: string })[];
    /** Pairs of plan rules giving different orders for a common drug, and how each pair resolves. */
    readonly pairs: readonly {
      readonly rules: readonly LinkView[];
      readonly drugs: readonly LinkView[];
      readonly status: string;
      readonly ok: boolean;
      readonly proof: readonly string[];
      readonly witness: readonly string[];
    }[];
    readonly precedences: readonly { readonly winner: LinkView; readonly loser: LinkView; readonly reason: string }[];
    /** A patient for whom no outcome holds, so the verdict's `otherwise` decides (as `given` lines); empty when none. */
    readonly verdictFallback: readonly string[];
    readonly justifiedSentences: readonly { readonly href: string; readonly text: string; readonly reason: string }[];
    readonly exampleFailures: readonly { readonly href: string; readonly id: string; readonly messages: readonly string[] }[];
    readonly unfired: readonly LinkView[];
  };
  readonly references: readonly {
    readonly anchor: string;
    readonly number: number;
    readonly segments: readonly RichSegment[];
    readonly citedBy: readonly LinkView[];
  }[];
  readonly source: {
    readonly document: string;
    readonly scope: string;
    /** How many sentences are quoted, or explained. */
    readonly summary: string;
    /** How many sentences are neither quoted nor explained, in words; empty when none. */
    readonly uncovered: string;
    readonly blocks: readonly {
      readonly heading: { readonly level: number; readonly text: string } | null;
      readonly listItem: boolean;
      readonly passages: readonly PassageView[];
      /** A table row, column by column; empty for a paragraph. */
      readonly columns: readonly (readonly PassageView[])[];
    }[];
  };
  /** What the form « Essayer un patient » reads besides the pack: it goes into the page's script, not its markup. */
  readonly tryPatient: TryPatientData;
}

/**
 * What the form « Essayer un patient » reads besides the pack: the French labels of enumerated
 * values, the worked examples' facts (for their « essayer ce patient » buttons), the link of every
 * rule and information item in the book, and the interface words it shows. The form itself is
 * built from the pack's facts dictionary, which the page carries whole.
 */
export interface TryPatientData {
  /** The labels of enumerated values, by fact path then value. */
  readonly valueLabels: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Each worked example's facts, by the id of its article in the page. */
  readonly examples: Readonly<Record<string, unknown>>;
  /** The fragment link of each rule and information item, by id. */
  readonly links: Readonly<Record<string, string>>;
  /** The interface words of the form, by the end of their key (`rulebook.try.yes` → `yes`). */
  readonly words: Readonly<Record<string, string>>;
}

/** One part of a rule as an edition words it: text, or quotes of the source text. */
export interface RuleSideView {
  readonly text: readonly TextPart[];
  readonly quotes: readonly (readonly RichSegment[])[];
}

/** One part of a rule that differs between the editions; null on the side where the rule does not exist. */
export interface RuleChangeRow {
  readonly label: string;
  readonly before: RuleSideView | null;
  readonly after: RuleSideView | null;
}

/** The section of changes since the previous edition. */
export interface ChangesView {
  readonly from: number;
  readonly to: number;
  /** Thresholds and delays, read as a reader reads them; null where the value does not exist. */
  readonly values: readonly {
    readonly name: string;
    readonly label: string;
    readonly link: LinkView | null;
    readonly before: string | null;
    readonly after: string | null;
  }[];
  readonly rules: readonly {
    readonly id: string;
    readonly link: LinkView | null;
    readonly change: string;
    readonly rows: readonly RuleChangeRow[];
  }[];
  readonly examples: readonly {
    readonly id: string;
    readonly title: string;
    readonly link: LinkView | null;
    readonly change: string;
    readonly before: readonly string[] | null;
    readonly after: readonly string[] | null;
  }[];
  /** Drugs, facts, information items and the verdict's logic, one line each. */
  readonly other: readonly string[];
  /** Sentences of the source text changed, added (no `before`) and removed (no `after`). */
  readonly source: readonly { readonly before: readonly RichSegment[] | null; readonly after: readonly RichSegment[] | null }[];
}
