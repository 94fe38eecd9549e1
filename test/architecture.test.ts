import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/compile-guideline.js";

/** The page that names the stages, what each folder may import, and where a change goes. */
const page = readFileSync(join(repoRoot, "docs/architecture.md"), "utf8");

/** Every `.ts` file under `src/`, relative to the repository. */
function sourceFiles(dir = "src"): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** The relative imports (and re-exports) of a file, resolved to repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/(?:import|export)[^"';]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g)) {
    const specifier = match[1] ?? match[2] ?? "";
    found.push(relative(repoRoot, join(repoRoot, dirname(file), specifier.replace(/\.js$/, ".ts"))));
  }
  return found;
}

/** The folder table: each folder and the folders it may import (`every folder` for the CLI). */
function allowedImports(): Map<string, readonly string[] | "every folder"> {
  const table = new Map<string, readonly string[] | "every folder">();
  for (const line of page.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length !== 6 || !/^`src[^`]*`$/.test(cells[1] ?? "")) continue;
    const folder = (cells[1] ?? "").slice(1, -1);
    const may = cells[4] ?? "";
    table.set(folder, may === "every folder" ? "every folder" : [...may.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ""));
  }
  return table;
}

describe("docs/architecture.md stays true", () => {
  const table = allowedImports();
  const files = sourceFiles();

  it("lists every folder of src/, and only folders that exist", () => {
    const folders = new Set(files.map((f) => dirname(f)));
    expect([...folders].filter((f) => !table.has(f)).sort()).toEqual([]);
    expect([...table.keys()].filter((f) => !existsSync(join(repoRoot, f))).sort()).toEqual([]);
  });

  it("names only folders and files that exist", () => {
    const named = [...page.matchAll(/`((?:src|docs|test|guideline|generated)\/[^`\s]*)`/g)].map((m) => m[1] ?? "");
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((path) => !/[<>]/.test(path) && !existsSync(join(repoRoot, path)))).toEqual([]);
  });

  it("no import runs up a stage: every import is allowed by the folder table", () => {
    const offences: string[] = [];
    for (const file of files) {
      const from = dirname(file);
      const allowed = table.get(from);
      for (const target of importsOf(file)) {
        const to = dirname(target);
        if (to === from || allowed === "every folder") continue;
        if (!allowed?.includes(to)) offences.push(`${file} imports ${target}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it("has no import cycle between files", () => {
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, path: readonly string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...path.slice(path.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("catches an import that runs up: the runtime may not import the compiler", () => {
    const runtime = table.get("src/runtime");
    expect(runtime).not.toBe("every folder");
    expect(runtime).not.toContain("src/compiler");
    expect(runtime).not.toContain("src/dsl");
    expect(table.get("src/compiler")).not.toContain("src/rulebook");
    expect(table.get("src/compiler")).not.toContain("src/runtime");
    // The FHIR mapping reads the pack, never the source language nor the compiler, and the runtime never reads FHIR.
    for (const above of ["src/compiler", "src/dsl", "src/runtime"]) expect(table.get("src/fhir")).not.toContain(above);
    expect(runtime).not.toContain("src/fhir");
  });
});
