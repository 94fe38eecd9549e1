import { relative, resolve } from "node:path";
import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * Input and output failures as user errors (the `GL7xxx` band): a full disk, a read-only or
 * forbidden folder, a path that runs through a file. The command line reports them with their
 * code and exit code 74; they are never reported as bugs.
 */

/** An error of the operating system, as Node reports it (`code` is `ENOSPC`, `EACCES`…). */
export interface SystemError extends Error {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
}

/** True for an error thrown by a system call (it has a string `code` such as `ENOENT`). */
export function isSystemError(error: unknown): error is SystemError {
  const code: unknown = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code);
}

/** An input or output failure with the diagnostic that tells the user what happened. */
export class IoError extends Error {
  /** The `GL7xxx` diagnostic to print. */
  readonly diagnostic: Diagnostic;

  constructor(diagnostic: Diagnostic, options?: { cause?: unknown }) {
    super(diagnostic.message, options);
    this.name = "IoError";
    this.diagnostic = diagnostic;
  }
}

/**
 * The diagnostic for a failed write of `file` (as the user named it). Before any file was
 * replaced, every message says that nothing was changed, which the atomic writer guarantees.
 */
export function writeFailure(file: string, error: SystemError): Diagnostic {
  switch (error.code) {
    case "EACCES":
    case "EPERM":
      return makeDiagnostic("GL7002", undefined, [file, error.code]);
    case "EROFS":
      return makeDiagnostic("GL7003", undefined, [file]);
    case "ENOTDIR":
    case "EEXIST":
      return makeDiagnostic("GL7004", undefined, [file, error.code]);
    case "ENOSPC":
    case "EDQUOT":
      return makeDiagnostic("GL7005", undefined, [file, error.code]);
    case "EFBIG":
      return makeDiagnostic("GL7006", undefined, [file]);
    default:
      return makeDiagnostic("GL7007", undefined, [file, systemReason(error)]);
  }
}

/** The diagnostic for a file or folder that cannot be read. */
export function readFailure(file: string, error: SystemError): Diagnostic {
  return makeDiagnostic("GL7009", undefined, [file, systemReason(error)]);
}

/** The diagnostic for standard output that cannot be written (`> /dev/full`). */
export function stdoutFailure(error: SystemError): Diagnostic {
  return makeDiagnostic("GL7001", undefined, [systemReason(error)]);
}

/** `ENOSPC, no space left on device`: the code, then the system's words without the path. */
function systemReason(error: SystemError): string {
  const words = /^[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1];
  return words ? `${error.code}, ${words}` : error.code;
}

/** A path as messages show it: relative to `cwd` when it lies inside it, absolute otherwise. */
export function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown === "" || shown.startsWith("..") || resolve(cwd, shown) !== resolve(path) ? path : shown;
}
