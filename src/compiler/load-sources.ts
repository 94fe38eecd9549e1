import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { CompileHost, SourceInput } from "./compile.js";

/** Guideline sources found on disk, and the host that reads their source document. */
export interface LoadedSources {
  readonly sources: readonly SourceInput[];
  readonly host: CompileHost;
  /** Paths given that do not exist. */
  readonly missing: readonly string[];
}

/**
 * Reads `.guideline` files from the given files or folders (folders are searched, not
 * recursively into `source/`). File names in diagnostics are relative to the working directory.
 * The source document named in the header is read relative to the first guideline's folder.
 */
export function loadSources(paths: readonly string[], cwd: string = process.cwd()): LoadedSources {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      missing.push(path);
      continue;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) {
        if (entry.endsWith(".guideline")) files.push(join(absolute, entry));
      }
    } else {
      files.push(absolute);
    }
  }
  const unique = [...new Set(files)].sort();
  const sources = unique.map((absolute) => ({ file: relative(cwd, absolute) || absolute, text: readFileSync(absolute, "utf8") }));
  const base = unique[0] ? dirname(unique[0]) : cwd;
  return {
    sources,
    missing,
    host: {
      sourceDocumentFile(path: string) {
        return relative(cwd, resolve(base, path)) || path;
      },
      readSourceDocument(path: string) {
        try {
          return readFileSync(resolve(base, path), "utf8");
        } catch {
          return undefined;
        }
      },
    },
  };
}
