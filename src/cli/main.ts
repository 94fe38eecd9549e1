import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { exitCodes, inputOutputDiagnostic, write, writeDiagnostic, writeFormatted, type CliIo } from "./cli-io.js";
import { commandHelp, commandUsage, readCommandLine, type CommandInput, type OptionValues } from "./command-line.js";
import { commandTable, type CommandName } from "./command-table.js";
import { assertNever } from "../shared/assert-never.js";

export { exitCodes, type CliIo } from "./cli-io.js";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { InvalidFactsError } from "../runtime/fact-errors.js";
import { InvalidPackError } from "../pack/invalid-pack-error.js";
import { defaultPack, editionPack, readPack } from "../runtime/load-pack.js";
import type { RulePack } from "../pack/pack-format.js";
import type { EngineName } from "../runtime/evaluate.js";
import type { Expansions, FactProvenance, FhirFacts } from "../fhir/index.js";
import { runtimeLimits } from "../runtime/limits.js";
import { readTextAtMost } from "../runtime/read-bounded.js";

const usage = `usage: guideline <command> [options]

commands:
  check [PATH...] [--watch] [--json]
                                  check guideline sources (default: every edition in guideline/); exit 1 on errors;
                                  --watch checks again on every save; --json prints the diagnostics as JSON
  test [PATH...]                  run the examples written in the sources; exit 1 if one fails or a rule fires in none
  compile [PATH...] [--out DIR]   check, then write the rule pack, facts schema, types and rulebook
                                  (default: each edition guideline/<year>/ to generated/<year>/, and generated/editions.json)
  rulebook [PATH...] [--out DIR]  check, then write the reviewers' rulebook to DIR/rulebook/index.html
  mutate [PATH...]                apply every single mutation of the source (default: the current edition); list those no example catches
  fmt [PATH...] [--check]         rewrite sources in canonical form; --check writes nothing, lists files not formatted, exit 1 if any
  diff A B [--json] [--patients N]  what changed between two editions (folders or years), and what it does to N patients
  new-edition YEAR                start guideline/<YEAR>/ from the current edition, ready to edit
  mark-current YEAR               make YEAR the current edition (guideline/editions.json), once it checks clean
  evaluate FILE [--json]          evaluate one patient's facts (JSON file, or - for stdin)
  evaluate --ndjson [--workers N] [--compact]
                                  one facts object per stdin line, one JSON report per output line;
                                  --workers N evaluates on N worker threads (output order kept),
                                  --compact leaves out what the pack holds (quotes, wordings)
  ask [FILE] [--out FILE]         a questionnaire on the terminal: asks the missing facts that can change the report,
                                  one at a time, then prints the report; --out writes the facts gathered

  sign PACK [--key FILE] [--out FILE]  sign a rule pack with an Ed25519 private key (--key, or the
                                  GUIDELINE_SIGNING_KEY variable holding the PEM); writes PACK.sig
  lsp                             the language server, over standard input and output, for an editor
  serve [--port N]                the CDS Hooks service on 127.0.0.1 (discovery, order-select and order-sign hooks, /health)
  explain CODE                    what a diagnostic code (GL2011) means, what to do, and an example
  help [COMMAND]                  this text, or the options of one command (also: COMMAND --help)

options for evaluate:
  --edition YEAR      evaluate with that edition's bundled pack (default: the current edition)
  --pack FILE         the rule pack to use instead of a bundled one; it must be signed:
  --trust-key FILE    a public key (PEM) trusted to sign packs (repeat for several)
  --signature FILE    the pack's signature (default: FILE.sig next to the pack)
  --unsigned          run --pack without checking its signature (prints a warning)
  --engine NAME       closures (default: the rules compiled to closures) or json-rules-engine (the stock Engine, the reference)
  --fhir              FILE is a FHIR R4 Bundle: the facts are read from its resources
  --valueset FILE     with --fhir: expanded ValueSets; a code in the expansion of a guideline's code counts as it (repeatable)
`;

/** The options of `evaluate`, as its table in `command-table.ts` declares them. */
type EvaluateOptions = OptionValues<typeof commandTable.evaluate.options>;

/**
 * The pack of `evaluate`: a bundled edition, or `--pack FILE`, which must be signed by a key of
 * `--trust-key FILE` (its signature in `--signature FILE`, by default `FILE.sig`) unless
 * `--unsigned` opts out, with a warning on standard error.
 */
function packFrom(options: EvaluateOptions, io: CliIo): RulePack {
  if (options.edition !== undefined) {
    const year = Number(options.edition);
    if (!Number.isInteger(year)) throw new InvalidPackError("--edition needs a year");
    return editionPack(year);
  }
  const { pack: file, "trust-key": keyFiles, signature: signatureFile, unsigned } = options;
  if (file === undefined) {
    if (keyFiles.length || signatureFile !== undefined || unsigned)
      throw new InvalidPackError("--trust-key, --signature and --unsigned apply to a pack given with --pack");
    return defaultPack();
  }
  const path = resolve(io.cwd, file);
  if (unsigned) {
    write(io.stderr, `guideline: warning GL5047 ${makeDiagnostic("GL5047", undefined, [file]).message}\n`);
    return readPack(path, { allowUnsigned: true });
  }
  const readText = (what: string, name: string): string => {
    try {
      return readFileSync(resolve(io.cwd, name), "utf8");
    } catch {
      throw new InvalidPackError(`cannot read the ${what} ${name}`);
    }
  };
  const trustedKeys = keyFiles.map((name) => readText("trusted key", name));
  return readPack(path, { trustedKeys, ...(signatureFile !== undefined ? { signature: readText("signature", signatureFile) } : {}) });
}

/** The whole of a stream, or undefined as soon as it is longer than `maxBytes`. */
async function readAll(stream: Readable, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The facts text of a file (or stdin for `-`): undefined when it is over the size limit. */
async function readFacts(file: string, io: CliIo): Promise<string | undefined> {
  if (file === "-") return readAll(io.stdin, runtimeLimits.inputBytes);
  return readTextAtMost(resolve(io.cwd, file), runtimeLimits.inputBytes);
}

async function evaluateCommand(input: CommandInput<typeof commandTable.evaluate.options>, io: CliIo): Promise<number> {
  const { options } = input;
  let pack: RulePack;
  try {
    pack = packFrom(options, io);
  } catch (error) {
    if (!(error instanceof InvalidPackError)) throw error;
    write(io.stderr, `guideline: error ${error.code} ${error.message}\n`);
    return exitCodes.pack;
  }
  // The runtime and the text rendering load only for the commands that evaluate.
  const { engineNames } = await import("../runtime/evaluate.js");
  const engine = engineNames.find((name) => name === (options.engine ?? "closures"));
  if (!engine) {
    write(io.stderr, `guideline: --engine takes one of ${engineNames.join(", ")}\n${usage}`);
    return exitCodes.usage;
  }
  if (options.ndjson || options.workers !== undefined || options.compact) {
    if (options.fhir) {
      write(io.stderr, `guideline: --fhir reads one Bundle from FILE, not a stream\n${usage}`);
      return exitCodes.usage;
    }
    const { evaluateStream, streamOptionsFrom } = await import("./ndjson-stream.js");
    const streamOptions = streamOptionsFrom(options, engine);
    if ("error" in streamOptions) {
      writeDiagnostic(io.stderr, streamOptions.error);
      write(io.stderr, usage);
      return exitCodes.usage;
    }
    return evaluateStream(pack, io, streamOptions);
  }
  const { tooLargeJson } = await import("./line-answer.js");
  const [file] = input.positionals;
  if (file === undefined) {
    write(io.stderr, `guideline: evaluate needs a facts file (or - for stdin)\n${usage}`);
    return exitCodes.usage;
  }
  let text: string | undefined;
  try {
    text = await readFacts(file, io);
  } catch {
    write(io.stderr, `guideline: cannot read ${file}\n`);
    return exitCodes.usage;
  }
  if (text === undefined) {
    const error = tooLargeJson();
    if (options.json) write(io.stdout, `${JSON.stringify({ error }, null, 2)}\n`);
    write(io.stderr, `guideline: ${file}: ${error.code} ${error.message}\n`);
    return exitCodes.errors;
  }
  let facts: unknown;
  try {
    facts = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const message = makeDiagnostic("GL5007", undefined, [(error as Error).message]).message;
    if (options.json) write(io.stdout, `${JSON.stringify({ error: { kind: "not-json", code: "GL5007", message } }, null, 2)}\n`);
    write(io.stderr, `guideline: ${file}: GL5007 ${message}\n`);
    return exitCodes.errors;
  }
  let expansions: Expansions | undefined;
  if (options.valueset.length) {
    if (!options.fhir) {
      write(io.stderr, `guideline: --valueset needs --fhir: the expansions widen the codes read from a FHIR Bundle\n${usage}`);
      return exitCodes.usage;
    }
    const read = await readExpansions(options.valueset, io);
    if ("exit" in read) return read.exit;
    expansions = read.expansions;
  }
  return evaluateAndPrint(facts, { file, pack, engine, json: options.json, fhir: options.fhir, expansions }, io);
}

/**
 * The expansions of the ValueSets of `--valueset` files (each a ValueSet or a Bundle of them),
 * or the exit code when a file cannot be read or a ValueSet cannot be used: a bad expansion
 * would silently narrow what the record is read for, so nothing is evaluated.
 */
async function readExpansions(
  files: readonly string[],
  io: CliIo,
): Promise<{ readonly expansions: Expansions } | { readonly exit: number }> {
  const given: unknown[] = [];
  for (const file of files) {
    let text: string | undefined;
    try {
      text = readTextAtMost(resolve(io.cwd, file), runtimeLimits.inputBytes);
      if (text === undefined) {
        write(io.stderr, `guideline: ${file}: more than ${runtimeLimits.inputBytes} bytes, the limit\n`);
        return { exit: exitCodes.errors };
      }
      given.push(JSON.parse(text.replace(/^\uFEFF/, "")));
    } catch (error) {
      const why =
        error instanceof SyntaxError ? `GL5007 ${makeDiagnostic("GL5007", undefined, [error.message]).message}` : "cannot be read";
      write(io.stderr, `guideline: ${file}: ${why}\n`);
      return { exit: error instanceof SyntaxError ? exitCodes.errors : exitCodes.usage };
    }
  }
  const read = (await import("../fhir/index.js")).expansionsFromValueSets(given);
  writeFormatted(io.stderr, read.problems, undefined, "guideline: --valueset: ");
  return read.problems.some((p) => p.severity === "error") ? { exit: exitCodes.errors } : { expansions: read.expansions };
}

/** Evaluates facts read from a file (a FHIR Bundle read into facts first, with `--fhir`) and prints the report. */
async function evaluateAndPrint(
  given: unknown,
  how: {
    readonly file: string;
    readonly pack: RulePack;
    readonly engine: EngineName;
    readonly json: boolean;
    readonly fhir: boolean;
    readonly expansions?: Expansions | undefined;
  },
  io: CliIo,
): Promise<number> {
  const { file, pack, engine, json } = how;
  const { evaluate } = await import("../runtime/evaluate.js");
  const { errorJson } = await import("./line-answer.js");
  let facts = given;
  let factSources: readonly FactProvenance[] | undefined;
  let sourceProblems: FhirFacts["sourceProblems"] | undefined;
  if (how.fhir) {
    const read = (await import("../fhir/index.js")).factsFromFhir(given, pack, how.expansions ? { expansions: how.expansions } : {});
    writeFormatted(io.stderr, read.problems, undefined, `guideline: ${file}: `);
    const refused = read.problems.find((p) => p.severity === "error");
    if (refused) {
      if (json)
        write(io.stdout, `${JSON.stringify({ error: { kind: "not-fhir", code: refused.code, message: refused.message } }, null, 2)}\n`);
      return exitCodes.errors;
    }
    facts = read.facts;
    factSources = read.provenance;
    sourceProblems = read.sourceProblems;
  }
  try {
    const report = await evaluate(facts, {
      pack,
      engine,
      ...(factSources ? { factSources } : {}),
      ...(sourceProblems ? { sourceProblems } : {}),
    });
    const text = json ? `${JSON.stringify(report, null, 2)}\n` : (await import("../runtime/render-report.js")).renderReportText(report);
    write(io.stdout, text);
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof InvalidPackError) {
      write(io.stderr, `guideline: error ${error.code} ${error.message}\n`);
      return exitCodes.pack;
    }
    if (!(error instanceof InvalidFactsError)) throw error;
    if (json) write(io.stdout, `${JSON.stringify(errorJson(error), null, 2)}\n`);
    write(io.stderr, `guideline: ${file}: the facts are not valid, nothing was evaluated:\n`);
    for (const e of error.errors) write(io.stderr, `  ${e.path}: ${e.code} ${e.message}${e.hint ? ` — ${e.hint}` : ""}\n`);
    return exitCodes.errors;
  }
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

/**
 * Reads a command's arguments against its table of options (`command-table.ts`), then runs it.
 * `--help` prints the command's help; a mistake in the options (GL7011–GL7015) is printed with
 * the command's usage line, exit code 2.
 */
async function withCommandLine<Name extends CommandName>(
  name: Name,
  args: readonly string[],
  io: CliIo,
  run: (input: CommandInput<(typeof commandTable)[Name]["options"]>) => Promise<number> | number,
): Promise<number> {
  const declaration = commandTable[name];
  const line = readCommandLine(name, declaration, args);
  switch (line.kind) {
    case "run":
      return run(line.input);
    case "help":
      write(io.stdout, commandHelp(name, declaration));
      return exitCodes.ok;
    case "wrong":
      writeDiagnostic(io.stderr, line.diagnostic);
      write(io.stderr, `usage: ${commandUsage(name, declaration)}\n`);
      return exitCodes.usage;
    default:
      return assertNever(line);
  }
}

/** `guideline help [COMMAND]`: the list of commands, or the help of one. */
function helpCommand(input: CommandInput<typeof commandTable.help.options>, io: CliIo): number {
  const [name, ...rest] = input.positionals;
  if (name === undefined) {
    write(io.stdout, usage);
    return exitCodes.ok;
  }
  if (!Object.hasOwn(commandTable, name) || rest.length) {
    write(io.stderr, `guideline: unknown command ${[name, ...rest].join(" ")}\n${usage}`);
    return exitCodes.usage;
  }
  write(io.stdout, commandHelp(name, commandTable[name as CommandName]));
  return exitCodes.ok;
}

async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    // The parser and compiler load only for the commands that need them.
    case "check":
      return withCommandLine(command, args, io, async (input) => {
        if (input.options.watch && input.options.json) {
          write(io.stderr, `guideline: --watch and --json cannot be used together\nusage: ${commandUsage(command, commandTable.check)}\n`);
          return exitCodes.usage;
        }
        if (input.options.watch) return (await import("./watch-command.js")).watchCheck(input, io);
        if (input.options.json) return (await import("./check-json.js")).checkJson(input, io);
        const commands = await import("./source-commands.js");
        return commands.perEdition(commands.check, command, input, io);
      });
    case "test":
      return withCommandLine(command, args, io, async (input) => {
        const commands = await import("./source-commands.js");
        return commands.perEdition(commands.test, command, input, io);
      });
    case "compile":
      return withCommandLine(command, args, io, async (input) => {
        const commands = await import("./source-commands.js");
        return commands.perEdition(commands.compile, command, input, io);
      });
    case "rulebook":
      return withCommandLine(command, args, io, async (input) => {
        const commands = await import("./source-commands.js");
        return commands.perEdition(commands.rulebook, command, input, io);
      });
    case "mutate":
      return withCommandLine(command, args, io, async (input) => {
        const commands = await import("./source-commands.js");
        return commands.perEdition(commands.mutate, command, input, io);
      });
    case "fmt":
      return withCommandLine(command, args, io, async (input) => {
        const commands = await import("./source-commands.js");
        return commands.perEdition(commands.fmt, command, input, io);
      });
    case "diff":
      return withCommandLine(command, args, io, async (input) => (await import("./source-commands.js")).diff(input, io));
    case "new-edition":
      return withCommandLine(command, args, io, async (input) => (await import("./source-commands.js")).newEdition(input, io));
    case "mark-current":
      return withCommandLine(command, args, io, async (input) => (await import("./source-commands.js")).markCurrent(input, io));
    case "evaluate":
      return withCommandLine(command, args, io, (input) => evaluateCommand(input, io));
    case "ask":
      return withCommandLine(command, args, io, async (input) => (await import("./ask-command.js")).askCommand(input, io));
    case "sign":
      return withCommandLine(command, args, io, async (input) => (await import("./sign-command.js")).signCommand(input, io));
    case "lsp":
      return withCommandLine(command, args, io, async () => (await import("./lsp-command.js")).lspCommand());
    case "serve":
      return withCommandLine(command, args, io, async (input) => (await import("./serve-command.js")).serveCommand(input, io));
    case "explain":
      return withCommandLine(command, args, io, async (input) => (await import("./explain-command.js")).explainCommand(input, io));
    case "help":
      return withCommandLine(command, args, io, (input) => helpCommand(input, io));
    case "--help":
    case "-h":
      write(io.stdout, usage);
      return exitCodes.ok;
    default:
      write(io.stderr, `${command === undefined ? "" : `guideline: unknown command ${command}\n`}${usage}`);
      return exitCodes.usage;
  }
}
