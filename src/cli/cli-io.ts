import type { Readable, Writable } from "node:stream";
import { escapeText } from "../runtime/escape-text.js";
import { formatDiagnostic, type Diagnostic, type SourceTexts } from "../diagnostics/diagnostic.js";
import { displayPath, IoError, isSystemError, readFailure, writeFailure } from "../io/io-error.js";
import { colourStyle, wantsColour } from "./terminal-colour.js";

/** The streams and folder a CLI run uses, so tests can drive it in-process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly cwd: string;
}

/** Exit codes, documented in docs/cli.md. */
export const exitCodes = {
  ok: 0,
  /** The guideline has errors (check, compile), or the facts are invalid (evaluate). */
  errors: 1,
  /** The command line is wrong: unknown command or option, missing file. */
  usage: 2,
  /** The rule pack cannot be loaded. */
  pack: 3,
  /** A file, a folder or standard output cannot be read or written (GL7xxx): full disk, read-only, permission denied. */
  inputOutput: 74,
  /** Interrupted by Ctrl-C (`ask`): 128 + SIGINT, as a shell reports it. */
  interrupted: 130,
} as const;

/**
 * Writes text to a stream, every control character but line feed and tab written as a visible
 * `\uXXXX` escape: whatever a message quotes (a file name, a fact, a drug name) cannot drive the
 * terminal. JSON text stays valid JSON with the same data.
 */
export function write(stream: Writable, text: string): boolean {
  return stream.write(escapeText(text));
}

/** Prints a diagnostic that has no place in a source file: `guideline: error GL7002 …`. */
export function writeDiagnostic(stream: Writable, diagnostic: Diagnostic): void {
  writeFormatted(stream, [diagnostic], undefined, "guideline: ");
}

/**
 * Prints diagnostics as a compiler does (see `formatDiagnostic`), each after `prefix`: in colour
 * when the stream is a terminal (see `wantsColour`), the user's text escaped before the colours
 * are added; else plain, the whole text escaped.
 */
export function writeFormatted(stream: Writable, diagnostics: readonly Diagnostic[], texts?: SourceTexts, prefix = ""): void {
  if (diagnostics.length === 0) return;
  if (wantsColour(stream)) {
    stream.write(diagnostics.map((d) => `${prefix}${formatDiagnostic(d, texts, colourStyle)}\n`).join(""));
    return;
  }
  write(stream, diagnostics.map((d) => `${prefix}${formatDiagnostic(d, texts)}\n`).join(""));
}

/** System calls that only read: a failure of one of them is a file that cannot be read. */
const readingCalls = new Set(["open", "read", "scandir", "stat", "lstat", "readlink", "realpath", "access"]);

/**
 * The diagnostic for an input or output failure that reached the command's top level, or
 * undefined when `error` is not one (it is then a bug). Paths are shown relative to `cwd`.
 */
export function inputOutputDiagnostic(error: unknown, cwd: string): Diagnostic | undefined {
  if (error instanceof IoError) return error.diagnostic;
  if (!isSystemError(error)) return undefined;
  const file = error.path === undefined ? "a file" : displayPath(error.path, cwd);
  return error.syscall !== undefined && readingCalls.has(error.syscall) && error.code !== "ENOSPC"
    ? readFailure(file, error)
    : writeFailure(file, error);
}
