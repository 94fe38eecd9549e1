import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { compileGuideline, type CompileResult } from "../../src/compiler/compile.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import type { RulePack } from "../../src/pack/pack-format.js";
import { readEditionsFile } from "../../src/editions/editions-file.js";

/** The repository root. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The editions of `guideline/editions.json`, read as the tests start: tests about the shipped
 * guideline follow the current edition, whatever its year, so that marking a new edition
 * current needs no change to a test.
 */
export const shippedEditions = readEditionsFile(join(repoRoot, "guideline"));

/** The current edition's folder, relative to the repository root (`guideline/<year>`). */
export const shippedFolder = `guideline/${String(shippedEditions.current)}`;

/**
 * Warning codes the shipped guideline may still show while its editors work on them: a new
 * check whose findings on the live rules are for the editors to fix or accept with a clinical
 * reason. Tests that want the shipped guideline free of warnings let these through, and only
 * these. Empty today: the GL3012 findings of issue 9 are fixed or accepted with a reason.
 */
export const pendingEditorialWarnings: ReadonlySet<string> = new Set<string>();

/**
 * What a command prints on stderr for the shipped guideline: nothing, but for the warnings its
 * editors are still working on (`pendingEditorialWarnings`). Returns how many there are.
 */
export function expectOnlyPendingWarnings(stderr: string): number {
  const heads = stderr.split("\n").filter((line) => /^\S+:\d+:\d+ (?:error|warning) GL\d{4} /.test(line));
  for (const head of heads)
    expect(
      pendingEditorialWarnings.size > 0 && new RegExp(` warning (?:${[...pendingEditorialWarnings].join("|")}) `).test(head),
      head,
    ).toBe(true);
  if (heads.length === 0) expect(stderr).toBe("");
  return heads.length;
}

/** Compiles the shipped guideline/ folder, as `guideline compile` does from the repo root. */
export function compileShipped(): CompileResult {
  const loaded = loadSources([shippedFolder], repoRoot);
  return compileGuideline(loaded.sources, loaded.host);
}

/**
 * Compiles the shipped guideline with its text changed by `edit` (for metamorphic tests:
 * move a threshold in the source and watch the evaluation follow), in every file or only in `onlyFile`.
 */
export function compileEdited(edit: (text: string) => string, onlyFile?: string): CompileResult {
  const loaded = loadSources([shippedFolder], repoRoot);
  const sources = loaded.sources.map((s) => ({
    file: s.file,
    text: onlyFile === undefined || s.file === onlyFile ? edit(s.text) : s.text,
  }));
  return compileGuideline(sources, loaded.host);
}

/** The shipped pack, compiled in-process (not read from generated/). */
export function shippedPack(): RulePack {
  const result = compileShipped();
  if (!result.pack)
    throw new Error(`the shipped guideline does not compile: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return result.pack;
}

/** Compiles one fixture guideline (a file or folder under test/fixtures/), throwing on errors. */
export function fixturePack(path: string): RulePack {
  const loaded = loadSources([path], repoRoot);
  const result = compileGuideline(loaded.sources, loaded.host);
  if (!result.pack) throw new Error(`${path} does not compile: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return result.pack;
}
