import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/compile-guideline.js";

/**
 * Every module reachable from `entry` by relative imports, and the packages they import,
 * including those loaded on first use with `require("…")` (UCUM, ajv).
 */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']|(?:import|require)\(\s*["']([^"']+)["']\s*\)/g)) {
      const specifier = match[1] ?? match[2] ?? "";
      if (specifier.startsWith(".")) visit(join(file, "..", specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/"));
    }
  };
  visit(entry);
  return { files, packages };
}

describe("the runtime stands alone", () => {
  it("imports nothing from src/dsl or src/compiler, and no parser", () => {
    const { files, packages } = importGraph(join(repoRoot, "src/runtime/index.ts"));
    const relative = [...files].map((f) => f.slice(repoRoot.length));
    expect(relative.filter((f) => f.startsWith("src/dsl/") || f.startsWith("src/compiler/"))).toEqual([]);
    expect([...packages].sort()).toEqual(["@lhncbc/ucum-lhc", "ajv", "json-rules-engine", "node:crypto", "node:fs", "node:module", "node:path", "node:url"]);
  });

  it("src/ holds no clinical word: the guideline source owns them", () => {
    const clinical = /plaquett|platelet|clopidogrel|aspirin|apixaban|rivaroxaban|dabigatran|cimento|cement|fracture|epidur|prothromb|hépar|heparin|anesth|anaesth|antivitamine|warfarin|antithrombo|analgési|analgesic/i;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (clinical.test(readFileSync(path, "utf8"))) offenders.push(path.slice(repoRoot.length));
      }
    };
    walk(join(repoRoot, "src"));
    expect(offenders).toEqual([]);
  });
});
