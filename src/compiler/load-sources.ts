import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { decodeUtf8 } from "../io/decode-utf8.js";
import { displayPath, IoError, isSystemError, readFailure } from "../io/io-error.js";
import type { CompileHost, SourceDocumentRefusal, SourceInput } from "./compile.js";

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
 * The source document named in the header is read relative to the first guideline's folder,
 * and only from inside it: a path out of the folder, or a symbolic link out of it, is refused
 * (GL4010, GL4011), so that no other file can reach the rulebook or a diagnostic. Files that are
 * not UTF-8 are reported (GL1011, GL4012), not read with U+FFFD in place of the bad bytes. A file that
 * cannot be read throws an `IoError` (GL7009).
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
      for (const entry of readBytesOr(absolute, cwd, () => readdirSync(absolute)).sort()) {
        if (entry.endsWith(".guideline")) files.push(join(absolute, entry));
      }
    } else {
      files.push(absolute);
    }
  }
  const unique = [...new Set(files)].sort();
  const sources = unique.map((absolute): SourceInput => {
    const decoded = decodeUtf8(readBytesOr(absolute, cwd, () => readFileSync(absolute)));
    return { file: relative(cwd, absolute) || absolute, text: decoded.text, ...(decoded.invalid ? { invalidUtf8: decoded.invalid } : {}) };
  });
  const base = unique[0] ? dirname(unique[0]) : cwd;
  const refusal = (path: string): SourceDocumentRefusal | undefined => {
    const target = resolve(base, path);
    if (isAbsolute(path) || !isInside(base, target)) return { kind: "outside-folder", folder: displayPath(base, cwd) };
    let real: string;
    try {
      real = realpathSync(target);
    } catch {
      return undefined; // missing: GL4001
    }
    if (!isInside(realpathSync(base), real))
      return { kind: "link-outside-folder", target: displayPath(real, cwd), folder: displayPath(base, cwd) };
    return undefined;
  };
  const read = (path: string) => {
    if (refusal(path)) return undefined;
    try {
      return decodeUtf8(readFileSync(resolve(base, path)));
    } catch {
      return undefined;
    }
  };
  return {
    sources,
    missing,
    host: {
      sourceDocumentFile(path: string) {
        return relative(cwd, resolve(base, path)) || path;
      },
      readSourceDocument(path: string) {
        const decoded = read(path);
        return decoded && !decoded.invalid ? decoded.text : undefined;
      },
      refuseSourceDocument(path: string) {
        const invalid = read(path)?.invalid;
        return refusal(path) ?? (invalid ? { kind: "not-utf8", ...invalid } : undefined);
      },
    },
  };
}

function isInside(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest !== "" && !rest.startsWith("..") && !isAbsolute(rest);
}

function readBytesOr<T>(absolute: string, cwd: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isSystemError(error)) throw new IoError(readFailure(displayPath(absolute, cwd), error), { cause: error });
    throw error;
  }
}
