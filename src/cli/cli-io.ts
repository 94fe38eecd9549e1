import type { Readable, Writable } from "node:stream";
import { escapeText } from "../runtime/escape-text.js";

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
} as const;

/**
 * Writes text to a stream, every control character but line feed and tab written as a visible
 * `\uXXXX` escape: whatever a message quotes (a file name, a fact, a drug name) cannot drive the
 * terminal. JSON text stays valid JSON with the same data.
 */
export function write(stream: Writable, text: string): boolean {
  return stream.write(escapeText(text));
}
