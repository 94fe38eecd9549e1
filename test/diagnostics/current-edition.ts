import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileGuideline, type CompileResult, type SourceInput } from "../../src/compiler/compile.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import { repoRoot } from "../support/compile-guideline.js";

/** The folder of the current edition (`guideline/<year>`), read from `guideline/editions.json`: no year is pinned here. */
export function currentEditionFolder(): string {
  const index = JSON.parse(readFileSync(join(repoRoot, "guideline", "editions.json"), "utf8")) as { current: number };
  return `guideline/${String(index.current)}`;
}

/** The current edition's sources, loaded as `guideline check` loads them, and a compiler for edited copies of them. */
export function currentEdition(): {
  readonly sources: readonly SourceInput[];
  readonly compile: (sources: readonly SourceInput[]) => CompileResult;
} {
  const loaded = loadSources([currentEditionFolder()], repoRoot);
  return { sources: loaded.sources, compile: (sources) => compileGuideline(sources, loaded.host) };
}
