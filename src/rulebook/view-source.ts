import { anchorId, anchorHref } from "./anchors.js";
import { linkFor, plural, richSegments, ruleLink, type ViewContext } from "./view-context.js";
import type { Passage } from "./source-passages.js";
import type { LinkView, PassageView, RulebookView } from "./view-types.js";

/** The source's sentences by status: quoted by an item, left out with a reason, left out without one. */
export function passageStatus(context: ViewContext): {
  readonly quoted: number;
  readonly justified: readonly Passage[];
  readonly uncovered: readonly Passage[];
} {
  const all = context.passages.passages;
  return {
    quoted: all.filter((p) => p.status === "quoted").length,
    justified: all.filter((p) => p.status === "justified"),
    uncovered: all.filter((p) => p.status === "uncovered"),
  };
}

function passageView(p: Passage): PassageView {
  const quotedBy = p.quotedBy.map((q): LinkView =>
    q.kind === "rule" ? ruleLink(q.id) : { href: anchorHref("information", q.id), text: q.id },
  );
  return {
    anchor: anchorId("passage", p.number),
    number: p.number,
    text: p.text,
    uncovered: p.status === "uncovered",
    justified: p.status === "justified",
    reason: p.reason ?? "",
    quotedBy,
  };
}

/** The source text, block by block, each sentence numbered and linked to the items that quote it. */
export function sourceView(context: ViewContext): RulebookView["source"] {
  const { model, passages } = context;
  const status = passageStatus(context);
  return {
    document: model.sourceDocument,
    scope:
      passages.coverageDeclared && model.coverage
        ? `de « ${model.coverage.from.replace(/^#+\s*/, "")} » jusqu'à « ${model.coverage.to.replace(/^#+\s*/, "")} » (non compris)`
        : "le document entier",
    summary: [
      `${plural(status.quoted, "phrase reprise", "phrases reprises")} par une règle ou une information`,
      ...(status.justified.length
        ? [`${plural(status.justified.length, "phrase non reprise", "phrases non reprises")} avec une raison`]
        : []),
    ].join(", "),
    uncovered:
      status.uncovered.length === 0
        ? ""
        : plural(status.uncovered.length, "phrase non reprise, sans raison", "phrases non reprises, sans raison"),
    blocks: passages.blocks.map((block) =>
      block.kind === "heading"
        ? { heading: { level: Math.min(6, block.level), text: block.text }, listItem: false, passages: [], columns: [] }
        : {
            heading: null,
            listItem: block.listItem,
            passages: block.columns.length ? [] : block.passages.map(passageView),
            columns: block.columns.map((column) => column.map(passageView)),
          },
    ),
  };
}

/** The bibliography, each reference linked to the items that cite it. */
export function referencesView(context: ViewContext): RulebookView["references"] {
  return context.model.references.map((r) => ({
    anchor: anchorId("reference", r.number),
    number: r.number,
    segments: richSegments(r.text),
    citedBy: (context.citedBy.get(r.number) ?? []).map((id) => linkFor(context, id)),
  }));
}
