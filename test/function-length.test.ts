import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/compile-guideline.js";

/** The longest a function of `src/` may be without a reason written next to it. */
const maximumLines = 80;
const reason = /\/\/ Long by design: \S/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** Functions over the limit whose declaration (or the statement or member holding it) has no `// Long by design:` comment. */
function longFunctionsWithoutReason(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const hasReason = (node: ts.Node): boolean => {
    for (let at: ts.Node = node; !ts.isSourceFile(at); at = at.parent) {
      const leading = text.slice(at.getFullStart(), at.getStart());
      if (reason.test(leading)) return true;
      if (ts.isStatement(at) || ts.isClassElement(at)) break;
    }
    return false;
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
      node.body
    ) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      if (last - first + 1 > maximumLines && !hasReason(node)) found.push(`${file}:${first + 1} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("functions stay short", () => {
  it(`no function of src/ is longer than ${maximumLines} lines without a reason written next to it`, () => {
    const offenders = sourceFiles("src").flatMap((file) => longFunctionsWithoutReason(file, readFileSync(join(repoRoot, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("sees a long function, and accepts it only with its reason", () => {
    const body = Array.from({ length: maximumLines + 5 }, (_, i) => `  const v${i} = ${i};`).join("\n");
    expect(longFunctionsWithoutReason("a.ts", `export function long(): void {\n${body}\n}\n`)).toHaveLength(1);
    expect(longFunctionsWithoutReason("a.ts", `// Long by design: a table.\nexport function long(): void {\n${body}\n}\n`)).toEqual([]);
  });
});
