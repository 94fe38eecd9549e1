import type * as A from "../dsl/ast.js";
import type { SourceInput } from "../compiler/compile.js";

/** One single change to the guideline source, and where it was made. */
export interface Mutant {
  readonly id: string;
  /** The kind of mutation, for the summary. */
  readonly kind: "comparison-flipped" | "threshold-moved" | "test-negated" | "effect-dropped" | "class-changed";
  /** What the change does, in words. */
  readonly description: string;
  readonly file: string;
  readonly line: number;
  /** The sources with the change applied. */
  readonly sources: readonly SourceInput[];
}

interface Edit {
  readonly file: string;
  readonly offset: number;
  readonly endOffset: number;
  readonly text: string;
}

const flips: Record<string, string> = { ">": ">=", ">=": ">", "<": "<=", "<=": "<", "≥": ">", "≤": "<" };

/**
 * Every single mutation of the guideline: each comparison flipped (`>` ↔ `>=`, `<` ↔ `<=`),
 * each threshold and delay moved by one unit up and down, each yes/no, value and treatment test
 * negated, each rule's effect dropped (the rule removed), and each drug moved to every other class.
 * Edits are made on the source text at the spans of the AST, so a mutant is a source an editor
 * could have written.
 */
// Long by design: one short block per kind of mutation, listed in the order of the docs.
export function generateMutants(sources: readonly SourceInput[], files: readonly A.SourceFile[]): Mutant[] {
  const mutants: Mutant[] = [];
  const text = new Map(sources.map((s) => [s.file, s.text]));
  const apply = (edit: Edit): SourceInput[] =>
    sources.map((s) =>
      s.file === edit.file ? { file: s.file, text: s.text.slice(0, edit.offset) + edit.text + s.text.slice(edit.endOffset) } : s,
    );
  const add = (kind: Mutant["kind"], description: string, edit: Edit, line: number) => {
    mutants.push({ id: `${kind}#${mutants.length + 1}`, kind, description, file: edit.file, line, sources: apply(edit) });
  };
  const classes = files
    .flatMap((f) => f.declarations)
    .filter((d): d is A.ClassDeclaration => d.kind === "class")
    .map((c) => c.name.text);

  for (const file of files) {
    const source = text.get(file.file) ?? "";
    for (const declaration of file.declarations) {
      switch (declaration.kind) {
        case "threshold": {
          const value = declaration.value?.value;
          if (!value) break;
          for (const delta of [1, -1]) {
            const moved = (Number(value.decimal) + delta).toString();
            add(
              "threshold-moved",
              `${declaration.name.text}: ${value.written} → ${moved}`,
              { file: file.file, offset: value.span.offset, endOffset: value.span.endOffset, text: moved },
              value.span.line,
            );
          }
          break;
        }
        case "drug": {
          const drugClass = declaration.drugClass;
          if (!drugClass) break;
          const at = drugClass.span;
          for (const other of classes.filter((c) => c !== drugClass.text))
            add(
              "class-changed",
              `${declaration.name.text}: class ${drugClass.text} → ${other}`,
              { file: file.file, offset: at.offset, endOffset: at.endOffset, text: other },
              at.line,
            );
          break;
        }
        case "rule": {
          add(
            "effect-dropped",
            `rule ${declaration.id.text} removed`,
            { file: file.file, offset: declaration.span.offset, endOffset: declaration.span.endOffset, text: "" },
            declaration.span.line,
          );
          if (declaration.when) {
            for (const leaf of leaves(declaration.when)) {
              if (leaf.kind === "compare") {
                const between = source.slice(leaf.left.span.endOffset, leaf.right.span.offset);
                const match = /(>=|<=|≥|≤|>|<)/.exec(between);
                const flipped = match ? flips[match[1] ?? ""] : undefined;
                if (match && flipped) {
                  const offset = leaf.left.span.endOffset + match.index;
                  add(
                    "comparison-flipped",
                    `${declaration.id.text}: ${match[1]} → ${flipped}`,
                    { file: file.file, offset, endOffset: offset + (match[1]?.length ?? 0), text: flipped },
                    leaf.span.line,
                  );
                }
              } else if (leaf.kind === "flag" || leaf.kind === "member" || leaf.kind === "taking") {
                const original = source.slice(leaf.span.offset, leaf.span.endOffset);
                add(
                  "test-negated",
                  `${declaration.id.text}: ${original} → not (${original})`,
                  { file: file.file, offset: leaf.span.offset, endOffset: leaf.span.endOffset, text: `not (${original})` },
                  leaf.span.line,
                );
              }
            }
          }
          break;
        }
        default:
          break;
      }
    }
  }
  return mutants;
}

/** The tests of a condition: comparisons, yes/no tests, value tests and treatment tests. */
function leaves(condition: A.Condition): A.Condition[] {
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands.flatMap(leaves);
    case "not":
      return leaves(condition.operand);
    default:
      return [condition];
  }
}
