import { watch, type FSWatcher } from "node:fs";
import { resolve } from "node:path";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { exitCodes, write, writeDiagnostic, type CliIo } from "./cli-io.js";
import type { CommandInput } from "./command-line.js";
import type { commandTable } from "./command-table.js";

/** How long after the last change a check starts, in milliseconds: a save that writes several files checks once. */
const settleTime = 200;

/** Clears a terminal and puts the cursor at its top. */
const clearScreen = "\u001b[2J\u001b[3J\u001b[H";

/**
 * `guideline check --watch [PATH...]`: checks, then checks again each time a `.guideline` file or
 * a source document (`.txt`) under the paths (default: `guideline/`) changes, once the changes
 * settle. On a terminal the screen is cleared before each check, so only the last one shows; in a
 * pipe each check starts with a `== checked again` line. Runs until interrupted (Ctrl-C); a path
 * that cannot be watched is GL7074, exit code 74.
 */
export async function watchCheck(input: CommandInput<typeof commandTable.check.options>, io: CliIo): Promise<number> {
  const commands = await import("./source-commands.js");
  const once = { ...input, options: { ...input.options, watch: false } };
  const terminal = "isTTY" in io.stdout && io.stdout.isTTY === true;
  // Written as it is: `write` would escape the control sequence that clears the screen.
  const clear = (): void => {
    io.stdout.write(clearScreen);
  };
  if (terminal) clear();
  // A path that is missing is the command line's mistake: said once, exit code 2, nothing watched.
  const first = await commands.perEdition(commands.check, "check", once, io);
  if (first === exitCodes.usage) return first;
  let running = Promise.resolve();
  const run = (changed: string): void => {
    running = running.then(async () => {
      if (terminal) clear();
      else write(io.stdout, `== checked again: ${changed} changed\n`);
      await commands.perEdition(commands.check, "check", once, io);
    });
  };
  const paths = input.positionals.length ? input.positionals : ["guideline"];
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  for (const path of paths) {
    try {
      const watcher = watch(resolve(io.cwd, path), { recursive: true }, (_event, name) => {
        const file = typeof name === "string" ? name : "";
        if (file && !/\.(guideline|txt)$/.test(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          run(file || path);
        }, settleTime);
      });
      watchers.push(watcher);
    } catch (error) {
      for (const w of watchers) w.close();
      const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
      writeDiagnostic(io.stderr, makeDiagnostic("GL7074", undefined, [path, reason]));
      return exitCodes.inputOutput;
    }
  }
  return new Promise<number>(() => undefined);
}
