import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, and the built command line. */
export const cliRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const cli = join(cliRoot, "dist", "cli", "guideline.js");

/** What a run of the command line gave. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI; `cwd` defaults to the project root; `env` adds variables. */
export function run(args: readonly string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  // A fixed time zone: the CLI's output must not depend on the host's.
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? cliRoot,
    env: { ...process.env, TZ: "UTC", NO_COLOR: "1", ...options.env },
  });
  return collect(child, options.input);
}

/** The exit code and outputs of a child process, once it has closed; `input` is its standard input. */
export function collect(child: ChildProcessWithoutNullStreams, input = ""): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      resolvePromise({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") });
    });
    // The CLI may exit before reading all of its input (bad pack, usage error): ignore EPIPE.
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}

/** The first line a child writes on standard output, while its input may still be open; rejects after `ms`. */
export function firstOutputLine(child: ChildProcessWithoutNullStreams, ms: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => {
      reject(new Error("no output while the input is still open"));
    }, ms);
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      if (!text.includes("\n")) return;
      clearTimeout(timer);
      resolve(text.slice(0, text.indexOf("\n")));
    });
    child.on("error", reject);
  });
}
