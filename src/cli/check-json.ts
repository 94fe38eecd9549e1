import { join, resolve } from "node:path";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { lspFormDiagnostic, uriOf, type LspFormDiagnostic } from "../diagnostics/lsp-form.js";
import { exitCodes, write, type CliIo } from "./cli-io.js";
import type { CommandInput } from "./command-line.js";
import type { commandTable } from "./command-table.js";
import { compileQuietly, editionsOf } from "./source-commands.js";

/** The version of the `check --json` document; it changes only when a field changes meaning or goes away. */
export const checkJsonVersion = 1;

/** The diagnostics of one file in the `check --json` document. */
export interface CheckJsonFile {
  /** The file's name relative to the current folder, as the text output shows it. */
  readonly path: string;
  /** The file's `file:` URI. */
  readonly uri: string;
  readonly diagnostics: readonly LspFormDiagnostic[];
}

/** The one JSON document `guideline check --json` prints: see docs/cli.md and docs/check-json.schema.json. */
export interface CheckJsonDocument {
  readonly format: "guideline-check";
  readonly version: typeof checkJsonVersion;
  /** Every file checked (with an empty list when it has no diagnostic), and every other file a diagnostic is in, sorted by path. */
  readonly files: readonly CheckJsonFile[];
  readonly summary: { readonly errors: number; readonly warnings: number };
}

/**
 * `guideline check --json [PATH...]`: checks as `check` does (every edition by default) and prints
 * one JSON document on standard output, nothing else; the exit code is the same as `check`'s.
 */
export function checkJson(input: CommandInput<(typeof commandTable)["check"]["options"]>, io: CliIo): number {
  const editions = editionsOf(io.cwd);
  const runs =
    input.positionals.length > 0 || !editions ? [input.positionals] : editions.editions.map((year) => [join("guideline", String(year))]);
  const byPath = new Map<string, Diagnostic[]>();
  const all: Diagnostic[] = [];
  for (const paths of runs) {
    const { result, files, code } = compileQuietly(paths, io, { lower: false });
    if (!result || !files) return code ?? exitCodes.usage;
    for (const file of files) if (!byPath.has(file)) byPath.set(file, []);
    for (const d of result.diagnostics) {
      // A diagnostic with no place in a file is shown at the start of the first file checked, as the editor does.
      const file = d.span?.file ?? files[0] ?? "";
      byPath.set(file, [...(byPath.get(file) ?? []), d]);
      all.push(d);
    }
  }
  const absolute = (file: string) => resolve(io.cwd, file);
  const document: CheckJsonDocument = {
    format: "guideline-check",
    version: checkJsonVersion,
    files: [...byPath.keys()].sort().map((path) => ({
      path,
      uri: uriOf(absolute(path)),
      diagnostics: (byPath.get(path) ?? [])
        .map((d) => lspFormDiagnostic(d, absolute))
        .sort(
          (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compare(a.code, b.code),
        ),
    })),
    summary: { errors: all.filter((d) => d.severity === "error").length, warnings: all.filter((d) => d.severity === "warning").length },
  };
  write(io.stdout, `${JSON.stringify(document, null, 2)}\n`);
  return hasErrors(all) ? exitCodes.errors : exitCodes.ok;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
