#!/usr/bin/env node
import { isSystemError, stdoutFailure } from "../io/io-error.js";
import { exitCodes, writeDiagnostic } from "./cli-io.js";
import { main } from "./main.js";

// A reader that stops early (`| head`) closes the pipe: that ends the output, it is not an error.
// Any other failure to write standard output (`> /dev/full`) is the user's to know, in one line
// with its code on standard error, and exit code 74; never a stack trace.
process.stdout.on("error", (error: unknown) => {
  if (isSystemError(error) && error.code === "EPIPE") process.exit(exitCodes.ok);
  if (isSystemError(error)) writeDiagnostic(process.stderr, stdoutFailure(error));
  else process.stderr.write(`guideline: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(exitCodes.inputOutput);
});
// Standard error that cannot be written leaves nowhere to report to: the exit code says it.
process.stderr.on("error", () => process.exit(exitCodes.inputOutput));

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not a user error: say so in one line, without a stack trace.
    process.stderr.write(`guideline: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  },
);
