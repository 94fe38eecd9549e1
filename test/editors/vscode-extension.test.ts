import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { keywordWords } from "../../src/lsp/keyword-words.js";
import { repoRoot } from "../support/compile-guideline.js";

/** The extension's manifest: it names the grammar and its scope, as VS Code reads them. */
const manifest = join(repoRoot, "editors/vscode/package.json");
const tool = join(repoRoot, "node_modules/vscode-tmgrammar-test/dist/unit.js");
const scratch = mkdtempSync(join(tmpdir(), "guideline-grammar-"));

/** Runs vscode-tmgrammar-test on grammar test files, with the grammar the extension contributes. */
function grammarTest(pattern: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [tool, "--config", manifest, "--compact", pattern], { cwd: repoRoot, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe("the TextMate grammar of editors/vscode, tested with vscode-tmgrammar-test", () => {
  it("passes every grammar test of test/grammar/", () => {
    const run = grammarTest("test/grammar/*.test.guideline");
    expect(run.output).not.toMatch(/fail/i);
    expect(run.status).toBe(0);
  });

  it("fails a grammar test whose expectation is wrong (the run can fail)", () => {
    const wrong = join(scratch, "wrong.test.guideline");
    writeFileSync(wrong, '# SYNTAX TEST "source.guideline"\nrule r\n#    ^ comment.line.number-sign.guideline\n');
    const run = grammarTest(wrong);
    expect(run.status).not.toBe(0);
  });

  it("shows every keyword of the language as a keyword, never as a name, and a keyword inside a longer name as part of the name", () => {
    const lines = ['# SYNTAX TEST "source.guideline" "every keyword"'];
    for (const word of keywordWords) {
      lines.push(`  (${word}`, `#  ${"^".repeat(word.length)} source.guideline - variable.other.name.guideline`);
      lines.push(`  (${word}.x`, `#  ${"^".repeat(word.length + 2)} variable.other.name.guideline`);
    }
    const file = join(scratch, "keywords.test.guideline");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = grammarTest(file);
    expect(run.output).not.toMatch(/fail/i);
    expect(run.status).toBe(0);
  });

  it("is the grammar the manifest names, for the `.guideline` files of the language `guideline`", () => {
    const read = JSON.parse(readFileSync(manifest, "utf8")) as {
      contributes: { languages: { id: string; extensions: string[] }[]; grammars: { language: string; scopeName: string; path: string }[] };
    };
    expect(read.contributes.languages).toEqual([expect.objectContaining({ id: "guideline", extensions: [".guideline"] })]);
    const [grammar] = read.contributes.grammars;
    const file = JSON.parse(readFileSync(join(repoRoot, "editors/vscode", grammar?.path ?? ""), "utf8")) as { scopeName: string };
    expect(grammar?.language).toBe("guideline");
    expect(file.scopeName).toBe(grammar?.scopeName);
  });
});

describe("the VS Code extension's client (editors/vscode/extension.js)", () => {
  const folder = join(repoRoot, "editors/vscode");
  const read = JSON.parse(readFileSync(manifest, "utf8")) as { main: string; dependencies: Record<string, string> };
  const entry = join(folder, read.main);

  it("is valid JavaScript", () => {
    const run = spawnSync(process.execPath, ["--check", entry], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("requires only Node's own modules, `vscode` (given by VS Code) and the dependencies its manifest declares (packaged in the .vsix)", () => {
    const required = [...readFileSync(entry, "utf8").matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? "");
    expect(required.length).toBeGreaterThan(0);
    const undeclared = required.filter(
      (name) => !name.startsWith("node:") && name !== "vscode" && !Object.hasOwn(read.dependencies, name.split("/")[0] ?? ""),
    );
    expect(undeclared).toEqual([]);
  });
});
