import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { exitCodes, inputOutputDiagnostic, write, writeDiagnostic, type CliIo } from "./cli-io.js";

export { exitCodes, type CliIo } from "./cli-io.js";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { evaluate } from "../runtime/evaluate.js";
import { InvalidFactsError, InvalidPackError } from "../runtime/fact-errors.js";
import { defaultPack, editionPack, readPack } from "../runtime/load-pack.js";
import type { RulePack } from "../runtime/pack-format.js";
import { renderReportText } from "../runtime/render-report.js";

const usage = `usage: guideline <command> [options]

commands:
  check [PATH...]                 check guideline sources (default: every edition in guideline/); exit 1 on errors
  test [PATH...]                  run the examples written in the sources; exit 1 if one fails or a rule fires in none
  compile [PATH...] [--out DIR]   check, then write the rule pack, facts schema, types and rulebook
                                  (default: each edition guideline/<year>/ to generated/<year>/, and generated/editions.json)
  rulebook [PATH...] [--out DIR]  check, then write the reviewers' rulebook to DIR/rulebook/index.html
  mutate [PATH...]                apply every single mutation of the source (default: the current edition); list those no example catches
  fmt [PATH...] [--check]         rewrite sources in canonical form; --check writes nothing, lists files not formatted, exit 1 if any
  diff A B [--json] [--patients N]  what changed between two editions (folders or years), and what it does to N patients
  new-edition YEAR                start guideline/<YEAR>/ from the current edition, ready to edit
  evaluate FILE [--json]          evaluate one patient's facts (JSON file, or - for stdin)
  evaluate --ndjson               one facts object per stdin line, one JSON report per output line
  help                            this text

options for evaluate:
  --edition YEAR  evaluate with that edition's bundled pack (default: the current edition)
  --pack FILE     the rule pack to use instead of a bundled one
`;

function packFrom(args: string[], io: CliIo): RulePack {
  const editionIndex = args.indexOf("--edition");
  if (editionIndex >= 0) {
    const year = Number(args[editionIndex + 1]);
    args.splice(editionIndex, 2);
    if (!Number.isInteger(year)) throw new InvalidPackError("--edition needs a year");
    return editionPack(year);
  }
  const index = args.indexOf("--pack");
  if (index < 0) return defaultPack();
  const file = args[index + 1];
  args.splice(index, 2);
  if (file === undefined) throw new InvalidPackError("--pack needs a file");
  return readPack(resolve(io.cwd, file));
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

function errorJson(error: unknown): unknown {
  if (error instanceof InvalidFactsError) return { error: { kind: "invalid-facts", errors: error.errors } };
  return { error: { kind: "internal", message: error instanceof Error ? error.message : String(error) } };
}

async function evaluateCommand(rawArgs: readonly string[], io: CliIo): Promise<number> {
  const args = [...rawArgs];
  const packIndex = args.indexOf("--pack");
  if (packIndex >= 0 && (args[packIndex + 1] === undefined || args[packIndex + 1]?.startsWith("--"))) {
    write(io.stderr, `guideline: --pack needs a file\n${usage}`);
    return exitCodes.usage;
  }
  let pack: RulePack;
  try {
    pack = packFrom(args, io);
  } catch (error) {
    write(io.stderr, `guideline: ${(error as Error).message}\n`);
    return exitCodes.pack;
  }
  const unknownOption = args.find((a) => a.startsWith("--") && !["--json", "--ndjson"].includes(a));
  if (unknownOption) {
    write(io.stderr, `guideline: unknown option ${unknownOption}\n${usage}`);
    return exitCodes.usage;
  }
  if (args.includes("--ndjson")) return evaluateStream(pack, io);
  const file = args.find((a) => !a.startsWith("--"));
  if (file === undefined) {
    write(io.stderr, `guideline: evaluate needs a facts file (or - for stdin)\n${usage}`);
    return exitCodes.usage;
  }
  let text: string;
  try {
    text = file === "-" ? await readAll(io.stdin) : readFileSync(resolve(io.cwd, file), "utf8");
  } catch {
    write(io.stderr, `guideline: cannot read ${file}\n`);
    return exitCodes.usage;
  }
  let facts: unknown;
  try {
    facts = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const message = makeDiagnostic("GL5007", undefined, [(error as Error).message]).message;
    if (args.includes("--json")) write(io.stdout, `${JSON.stringify({ error: { kind: "not-json", code: "GL5007", message } }, null, 2)}\n`);
    write(io.stderr, `guideline: ${file}: GL5007 ${message}\n`);
    return exitCodes.errors;
  }
  try {
    const report = await evaluate(facts, pack);
    write(io.stdout, args.includes("--json") ? `${JSON.stringify(report, null, 2)}\n` : renderReportText(report));
    return exitCodes.ok;
  } catch (error) {
    if (!(error instanceof InvalidFactsError)) throw error;
    if (args.includes("--json")) write(io.stdout, `${JSON.stringify(errorJson(error), null, 2)}\n`);
    write(io.stderr, `guideline: ${file}: the facts are not valid, nothing was evaluated:\n`);
    for (const e of error.errors) write(io.stderr, `  ${e.path}: ${e.code} ${e.message}${e.hint ? ` — ${e.hint}` : ""}\n`);
    return exitCodes.errors;
  }
}

/**
 * Streams NDJSON: one facts object per input line, one JSON line per input line, in order.
 * A line that is not JSON or not valid facts gives `{"error": ...}` and processing goes on.
 * Blank lines are echoed as blank lines so line numbers stay aligned.
 */
async function evaluateStream(pack: RulePack, io: CliIo): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let failed = 0;
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.length) io.stdout.write(buffer.join(""));
    buffer = [];
  };
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") {
      buffer.push("\n");
      continue;
    }
    let output: unknown;
    try {
      output = await evaluate(JSON.parse(line.replace(/^\uFEFF/, "")), pack);
    } catch (error) {
      failed++;
      output =
        error instanceof SyntaxError
          ? { error: { kind: "not-json", code: "GL5007", message: makeDiagnostic("GL5007", undefined, [error.message]).message }, line: lineNumber }
          : { ...(errorJson(error) as object), line: lineNumber };
    }
    buffer.push(`${JSON.stringify(output)}\n`);
    if (buffer.length >= 256) flush();
  }
  flush();
  return failed ? exitCodes.errors : exitCodes.ok;
}

/**
 * Runs the `guideline` command line; resolves to the exit code. A file, folder or stream that
 * cannot be read or written is a user error (a `GL7xxx` diagnostic, exit code 74); anything
 * else that is thrown is a bug, for the caller to report.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (error) {
    const diagnostic = inputOutputDiagnostic(error, io.cwd);
    if (diagnostic === undefined) throw error;
    writeDiagnostic(io.stderr, diagnostic);
    return exitCodes.inputOutput;
  }
}

async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    // The parser and compiler load only for the commands that need them.
    case "check": {
      const commands = await import("./source-commands.js");
      return commands.perEdition(commands.check, "check", args, io);
    }
    case "test": {
      const commands = await import("./source-commands.js");
      return commands.perEdition(commands.test, "test", args, io);
    }
    case "compile": {
      const commands = await import("./source-commands.js");
      return commands.perEdition(commands.compile, "compile", args, io);
    }
    case "rulebook": {
      const commands = await import("./source-commands.js");
      return commands.perEdition(commands.rulebook, "rulebook", args, io);
    }
    case "mutate": {
      const commands = await import("./source-commands.js");
      return commands.perEdition(commands.mutate, "mutate", args, io);
    }
    case "fmt": {
      const commands = await import("./source-commands.js");
      return commands.perEdition(commands.fmt, "fmt", args, io);
    }
    case "diff": return (await import("./source-commands.js")).diff(args, io);
    case "new-edition": return (await import("./source-commands.js")).newEdition(args, io);
    case "evaluate": return evaluateCommand(args, io);
    case "help":
    case "--help":
    case "-h":
      write(io.stdout, usage);
      return exitCodes.ok;
    default:
      write(io.stderr, `${command === undefined ? "" : `guideline: unknown command ${command}\n`}${usage}`);
      return exitCodes.usage;
  }
}
