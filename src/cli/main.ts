import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { compileGuideline, type CompileResult } from "../compiler/compile.js";
import { loadSources } from "../compiler/load-sources.js";
import { formatDiagnostic, hasErrors, makeDiagnostic, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { evaluate } from "../runtime/evaluate.js";
import { InvalidFactsError, InvalidPackError } from "../runtime/fact-errors.js";
import { defaultPack, readPack } from "../runtime/load-pack.js";
import type { RulePack } from "../runtime/pack-format.js";
import { renderReportText } from "../runtime/render-report.js";
import { runExamples } from "../examples/run-examples.js";

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

const usage = `usage: guideline <command> [options]

commands:
  check [PATH...]                 check guideline sources (default: guideline/); exit 1 on errors
  test [PATH...]                  run the examples written in the sources; exit 1 if one fails or a rule fires in none
  compile [PATH...] [--out DIR]   check, then write the rule pack, facts schema and types (default: generated/)
  evaluate FILE [--json]          evaluate one patient's facts (JSON file, or - for stdin)
  evaluate --ndjson               one facts object per stdin line, one JSON report per output line
  help                            this text

options for evaluate:
  --pack FILE   the rule pack to use (default: the bundled generated/pack.json)
`;

function write(stream: Writable, text: string): void {
  stream.write(text);
}

function compileFrom(paths: readonly string[], io: CliIo): { result?: CompileResult; code?: number } {
  const loaded = loadSources(paths.length ? paths : ["guideline"], io.cwd);
  if (loaded.missing.length) {
    write(io.stderr, `guideline: no such file or folder: ${loaded.missing.join(", ")}\n`);
    return { code: exitCodes.usage };
  }
  if (loaded.sources.length === 0) {
    write(io.stderr, "guideline: no .guideline file found\n");
    return { code: exitCodes.usage };
  }
  const result = compileGuideline(loaded.sources, loaded.host);
  const texts = new Map(loaded.sources.map((s) => [s.file, s.text]));
  for (const d of sortDiagnostics(result.diagnostics)) write(io.stderr, `${formatDiagnostic(d, texts)}\n`);
  return { result };
}

function summary(result: CompileResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  const model = result.model;
  const counts = model ? `${model.rules.length} rules, ${model.facts.length} facts, ${model.thresholds.length} thresholds and delays, ${model.drugs.length} drugs` : "";
  return `${errors} error(s), ${warnings} warning(s)${counts ? `; ${counts}` : ""}\n`;
}

function coverageSummary(result: CompileResult): string {
  const c = result.coverage;
  if (!c || c.sentences === 0) return "";
  const percent = ((100 * c.quoted) / c.sentences).toFixed(1);
  const lines = [
    `coverage: ${c.quoted} of ${c.sentences} sentences of the section quoted (${percent} %); ${c.justified.length} not quoted, with a reason; ${c.uncovered.length} not quoted, without a reason`,
  ];
  for (const s of c.justified) lines.push(`  not quoted (reason given): ${s.span.file}:${s.span.line}: ${s.text}`);
  return `${lines.join("\n")}\n`;
}

function provenanceSummary(result: CompileResult): string {
  const model = result.model;
  if (!model || hasErrors(result.diagnostics)) return "";
  const quotes = model.rules.reduce((n, r) => n + r.quotes.length, 0) + model.information.reduce((n, i) => n + i.quotes.length, 0);
  const citations = new Set([...model.rules.flatMap((r) => r.citations), ...model.information.flatMap((i) => i.citations)]);
  return `provenance: all ${quotes} quotes found in ${model.sourceDocument}; all ${citations.size} cited references resolve (${model.references.length} references listed); ${model.information.length} information items, ${model.examples.length} examples\n`;
}

async function check(args: readonly string[], io: CliIo): Promise<number> {
  const { result, code } = compileFrom(args, io);
  if (!result) return code ?? exitCodes.usage;
  write(io.stdout, summary(result));
  write(io.stdout, provenanceSummary(result));
  write(io.stdout, coverageSummary(result));
  return hasErrors(result.diagnostics) ? exitCodes.errors : exitCodes.ok;
}

async function test(args: readonly string[], io: CliIo): Promise<number> {
  const loaded = loadSources(args.length ? args : ["guideline"], io.cwd);
  const { result, code } = compileFrom(args, io);
  if (!result) return code ?? exitCodes.usage;
  if (!result.pack || !result.model) {
    write(io.stdout, summary(result));
    return exitCodes.errors;
  }
  const run = await runExamples(result.model, result.pack);
  const texts = new Map(loaded.sources.map((s) => [s.file, s.text]));
  for (const d of sortDiagnostics(run.diagnostics)) write(io.stderr, `${formatDiagnostic(d, texts)}\n`);
  const passed = run.results.filter((r) => r.passed).length;
  const rules = result.model.rules.length;
  const percent = rules ? ((100 * run.fired.length) / rules).toFixed(1) : "100.0";
  write(io.stdout, `examples: ${passed} passed, ${run.results.length - passed} failed, of ${run.results.length}\n`);
  write(io.stdout, `rules fired by at least one example: ${run.fired.length} of ${rules} (${percent} %)${run.unfired.length ? `; never fired: ${run.unfired.join(", ")}` : ""}\n`);
  return passed === run.results.length && run.unfired.length === 0 ? exitCodes.ok : exitCodes.errors;
}

async function compile(args: readonly string[], io: CliIo): Promise<number> {
  const outIndex = args.indexOf("--out");
  const out = outIndex >= 0 ? args[outIndex + 1] : "generated";
  if (out === undefined) {
    write(io.stderr, "guideline: --out needs a folder\n");
    return exitCodes.usage;
  }
  const paths = outIndex >= 0 ? [...args.slice(0, outIndex), ...args.slice(outIndex + 2)] : args;
  const { result, code } = compileFrom(paths, io);
  if (!result) return code ?? exitCodes.usage;
  write(io.stdout, summary(result));
  if (!result.outputs || hasErrors(result.diagnostics)) return exitCodes.errors;
  const folder = resolve(io.cwd, out);
  mkdirSync(folder, { recursive: true });
  for (const [name, content] of result.outputs) writeFileSync(join(folder, name), content);
  write(io.stdout, `wrote ${[...result.outputs.keys()].map((n) => join(out, n)).join(", ")}\n`);
  return exitCodes.ok;
}

function packFrom(args: string[], io: CliIo): RulePack {
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
    facts = JSON.parse(text);
  } catch (error) {
    write(io.stderr, `guideline: ${file} is not JSON: ${(error as Error).message}\n`);
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
      output = await evaluate(JSON.parse(line), pack);
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

/** Runs the `guideline` command line; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "check": return check(args, io);
    case "test": return test(args, io);
    case "compile": return compile(args, io);
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
