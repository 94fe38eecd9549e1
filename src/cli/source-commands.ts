import type { RulePack } from "../pack/pack-format.js";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { compileGuideline, type CompileHost, type CompileOptions, type CompileResult } from "../compiler/compile.js";
import { loadSources } from "../compiler/load-sources.js";
import type { PreviousEdition } from "../editions/previous-edition.js";
import { buildRulebook, rulebookOutputName, withRulebook } from "../rulebook/render-rulebook.js";
import { questionnaireOf } from "../fhir/questionnaire.js";

/** The file name of the generated FHIR Questionnaire, beside the pack. */
const questionnaireOutputName = "questionnaire.json";
import { hasErrors, makeDiagnostic, sortDiagnostics, SourceTexts } from "../diagnostics/diagnostic.js";
import { runExamples } from "../examples/run-examples.js";
import { startNewEdition } from "../editions/new-edition.js";
import { readEditionsFile } from "../editions/editions-file.js";
import { planMarkCurrent, writeCurrentEdition } from "../editions/mark-current.js";
import { assertNever } from "../shared/assert-never.js";
import { WriteGroup } from "../io/atomic-write.js";
import { displayPath, IoError } from "../io/io-error.js";
import { exitCodes, write, writeDiagnostic, writeFormatted, type CliIo } from "./cli-io.js";
import type { CommandDeclaration, CommandInput } from "./command-line.js";
import type { commandTable } from "./command-table.js";

/** The input of a source command, read against its table of options in `command-table.ts`. */
type InputOf<Name extends keyof typeof commandTable> = CommandInput<(typeof commandTable)[Name]["options"]>;

/*
 * The commands that read guideline sources: check, test, compile. They load the parser and
 * the compiler, so the CLI imports this module only when one of them runs.
 */

function compileFrom(
  paths: readonly string[],
  io: CliIo,
  options: CompileOptions = {},
): { result?: CompileResult; host?: CompileHost; code?: number } {
  const compiled = compileQuietly(paths, io, options);
  if (compiled.result && compiled.texts) {
    writeFormatted(io.stderr, sortDiagnostics(compiled.result.diagnostics), compiled.texts);
  }
  return compiled;
}

/**
 * Loads and compiles the guideline at `paths` (default `guideline/`) without printing its
 * diagnostics; a missing path or no file at all is reported on standard error, with the exit code.
 */
export function compileQuietly(
  paths: readonly string[],
  io: CliIo,
  options: CompileOptions = {},
): { result?: CompileResult; host?: CompileHost; texts?: SourceTexts; files?: readonly string[]; code?: number } {
  const loaded = loadSources(paths.length ? paths : ["guideline"], io.cwd);
  if (loaded.missing.length) {
    write(io.stderr, `guideline: no such file or folder: ${loaded.missing.join(", ")}\n`);
    return { code: exitCodes.usage };
  }
  if (loaded.sources.length === 0) {
    write(io.stderr, "guideline: no .guideline file found\n");
    return { code: exitCodes.usage };
  }
  const result = compileGuideline(loaded.sources, loaded.host, options);
  const texts = new SourceTexts(new Map(loaded.sources.map((s) => [s.file, s.text])));
  return { result, host: loaded.host, texts, files: loaded.sources.map((s) => s.file) };
}

function summary(result: CompileResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  const model = result.model;
  const counts = model
    ? `${model.rules.length} rules, ${model.facts.length} facts, ${model.thresholds.length} thresholds and delays, ${model.drugs.length} drugs`
    : "";
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

/**
 * The consistency line of `check`: what the analysis compared, then each accepted warning
 * with its reason (accepted warnings are not printed as warnings). No timings: the output of
 * `check` is the same from one run to the next.
 */
function consistencySummary(result: CompileResult): string {
  const analysis = result.analysis;
  const model = result.model;
  if (!analysis || !model) return "";
  const count = (status: string) => analysis.pairs.filter((p) => p.status === status).length;
  const lines = [
    `consistency: ${model.rules.length} rules checked; ${analysis.pairs.length} pair(s) of plan rules with different orders for a drug: ${count("disjoint")} never apply together, ${count("settled")} settled by a precedence, ${count("conflict")} in conflict; ${analysis.accepted.length} warning(s) accepted`,
  ];
  for (const a of analysis.accepted) {
    lines.push(`  accepted ${a.finding.code} for ${a.finding.subject} (${a.span.file}:${a.span.line}): ${a.reason}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The verdict relevance line of `check`: how many rules whose finding the verdict reads can
 * change it for some patient, how many cannot (GL3012, or already reported as redundant or
 * impossible) and how many of those are accepted with a reason, and any the search bound left open.
 */
function relevanceSummary(result: CompileResult): string {
  const relevance = result.analysis?.verdictRelevance;
  if (!relevance) return "";
  const count = (status: string) => relevance.filter((r) => r.status === status).length;
  const accepted = result.analysis.accepted.filter((a) => a.finding.code === "GL3012").length;
  const undecided = count("undecided");
  return `verdict relevance: ${count("relevant")} of ${relevance.length} rules that feed the verdict can change it; ${count("irrelevant")} cannot (${accepted} accepted with a reason)${undecided ? `; ${undecided} undecided (search bound reached)` : ""}\n`;
}

/** `guideline check [PATH...]`: prints the diagnostics and the summary, provenance and coverage lines; writes nothing. Returns the exit code. */
export function check(input: InputOf<"check">, io: CliIo): number {
  const { result, code } = compileFrom(input.positionals, io, { lower: false });
  if (!result) return code ?? exitCodes.usage;
  const [first] = sortDiagnostics(result.diagnostics);
  if (first) write(io.stderr, `For more about a diagnostic code, try \`guideline explain ${first.code}\`.\n`);
  write(io.stdout, summary(result));
  write(io.stdout, provenanceSummary(result));
  write(io.stdout, coverageSummary(result));
  write(io.stdout, consistencySummary(result));
  write(io.stdout, relevanceSummary(result));
  return hasErrors(result.diagnostics) ? exitCodes.errors : exitCodes.ok;
}

/** `guideline test [PATH...]`: runs every worked example and reports failures and rules no example fires. Returns the exit code. */
export async function test(input: InputOf<"test">, io: CliIo): Promise<number> {
  const paths = input.positionals;
  const loaded = loadSources(paths.length ? paths : ["guideline"], io.cwd);
  const { result, code } = compileFrom(paths, io);
  if (!result) return code ?? exitCodes.usage;
  if (!result.pack || !result.model) {
    write(io.stdout, summary(result));
    return exitCodes.errors;
  }
  const run = await runExamples(result.model, result.pack);
  const texts = new SourceTexts(new Map(loaded.sources.map((s) => [s.file, s.text])));
  writeFormatted(io.stderr, sortDiagnostics(run.diagnostics), texts);
  const passed = run.results.filter((r) => r.passed).length;
  const rules = result.model.rules.length;
  const percent = rules ? ((100 * run.fired.length) / rules).toFixed(1) : "100.0";
  write(io.stdout, `examples: ${passed} passed, ${run.results.length - passed} failed, of ${run.results.length}\n`);
  write(
    io.stdout,
    `rules fired by at least one example: ${run.fired.length} of ${rules} (${percent} %)${run.unfired.length ? `; never fired: ${run.unfired.join(", ")}` : ""}\n`,
  );
  return passed === run.results.length && run.unfired.length === 0 ? exitCodes.ok : exitCodes.errors;
}

/**
 * `guideline compile [PATH...] [--out DIR]`: checks, then writes the generated files only when
 * there is no error, to `DIR` (default: `generated/<edition>/` when run for an edition, else
 * `generated/`). Returns the exit code.
 */
export async function compile(input: InputOf<"compile">, io: CliIo, edition?: number): Promise<number> {
  const out = input.options.out ?? defaultOutput(edition);
  const paths = input.positionals;
  const { result: compiled, host, code } = compileFrom(paths, io);
  if (!compiled || !host) return code ?? exitCodes.usage;
  write(io.stdout, summary(compiled));
  if (!compiled.outputs || hasErrors(compiled.diagnostics)) return exitCodes.errors;
  // The rulebook is written with the pack, so that CI's freshness check covers it.
  const result = withQuestionnaire(await withRulebook(compiled, host, await previousOf(paths, compiled, io)));
  if (!result.outputs) return exitCodes.errors;
  // All of the edition's files change together or not at all; the pack, which the runtime
  // loads, is replaced last.
  const folder = resolve(io.cwd, out);
  const names = [...result.outputs.keys()].sort((a, b) => Number(a === "pack.json") - Number(b === "pack.json"));
  writeTogether(
    folder,
    names.map((name) => ({ path: join(folder, name), content: result.outputs?.get(name) ?? "" })),
    io,
  );
  write(io.stdout, `wrote ${[...result.outputs.keys()].map((n) => join(out, n)).join(", ")}\n`);
  return exitCodes.ok;
}

/** The outputs with the FHIR Questionnaire of the pack's facts (`questionnaire.json`), written with the pack. */
function withQuestionnaire<T extends { readonly outputs?: ReadonlyMap<string, string>; readonly pack?: RulePack }>(result: T): T {
  if (!result.outputs || !result.pack) return result;
  const outputs = new Map(result.outputs);
  outputs.set(questionnaireOutputName, `${JSON.stringify(questionnaireOf(result.pack), null, 2)}\n`);
  return { ...result, outputs };
}

/**
 * `guideline rulebook [PATH...] [--out DIR]`: checks, then writes the reviewer's rulebook to
 * `DIR/rulebook/index.html` (default as for {@link compile}) only when there is no error. Returns the exit code.
 */
export async function rulebook(input: InputOf<"rulebook">, io: CliIo, edition?: number): Promise<number> {
  const out = input.options.out ?? defaultOutput(edition);
  const paths = input.positionals;
  const { result, host, code } = compileFrom(paths, io);
  if (!result || !host) return code ?? exitCodes.usage;
  write(io.stdout, summary(result));
  if (hasErrors(result.diagnostics)) return exitCodes.errors;
  const html = await buildRulebook(result, host, await previousOf(paths, result, io));
  if (html === undefined) return exitCodes.errors;
  const file = join(out, rulebookOutputName);
  writeTogether(resolve(io.cwd, out), [{ path: resolve(io.cwd, file), content: html }], io);
  const model = result.model;
  const counts = model
    ? `${model.rules.length} rules, ${model.information.length} information items, ${model.examples.length} examples, ${model.references.length} references`
    : "";
  write(io.stdout, `wrote ${file} (${Math.round(Buffer.byteLength(html) / 1024)} KiB${counts ? `; ${counts}` : ""})\n`);
  return exitCodes.ok;
}

/**
 * `guideline fmt [PATH...] [--check]`: rewrites each `.guideline` file in canonical form (see
 * `src/dsl/format.ts`), keeping its comments. A file with syntax errors is reported and left
 * as it is. With `--check`, writes nothing and lists the files that are not in canonical form.
 * Exit 1 on a syntax error, or with `--check` when a file would change. Should the formatter
 * fail its own check (a bug), it throws before any file is written.
 */
export async function fmt(input: InputOf<"fmt">, io: CliIo): Promise<number> {
  const { formatGuideline } = await import("../dsl/format.js");
  const checkOnly = input.options.check;
  const paths = input.positionals;
  const loaded = loadSources(paths.length ? paths : ["guideline"], io.cwd);
  if (loaded.missing.length) {
    write(io.stderr, `guideline: no such file or folder: ${loaded.missing.join(", ")}\n`);
    return exitCodes.usage;
  }
  if (loaded.sources.length === 0) {
    write(io.stderr, "guideline: no .guideline file found\n");
    return exitCodes.usage;
  }
  const texts = new SourceTexts(new Map(loaded.sources.map((s) => [s.file, s.text])));
  // Every file is formatted before any is written: a formatter bug (it throws, reported as an
  // internal error) leaves all of them as they are.
  const results = loaded.sources.map((source) => ({ source, result: formatGuideline(source.text, source.file) }));
  let unreadable = 0;
  const changed: { file: string; text: string }[] = [];
  for (const { source, result } of results) {
    writeFormatted(io.stderr, sortDiagnostics(result.diagnostics), texts);
    if (result.text === undefined) {
      unreadable++;
      continue;
    }
    if (result.text !== source.text) changed.push({ file: source.file, text: result.text });
  }
  if (checkOnly) {
    for (const { file } of changed) write(io.stdout, `${file}\n`);
  } else if (changed.length) {
    // The files are rewritten together or not at all.
    const targets = changed.map(({ file, text }) => ({ path: resolve(io.cwd, file), content: text }));
    writeTogether(commonFolder(targets.map((t) => dirname(t.path))), targets, io);
    for (const { file } of changed) write(io.stdout, `formatted ${file}\n`);
  }
  const total = loaded.sources.length;
  if (unreadable) write(io.stderr, `guideline: ${unreadable} file(s) not formatted because of the errors above\n`);
  if (checkOnly) {
    if (changed.length) write(io.stderr, `${changed.length} of ${total} file(s) not in canonical form; \`guideline fmt\` rewrites them\n`);
    return unreadable || changed.length ? exitCodes.errors : exitCodes.ok;
  }
  write(io.stdout, `${changed.length} of ${total} file(s) rewritten, ${total - changed.length - unreadable} already in canonical form\n`);
  return unreadable ? exitCodes.errors : exitCodes.ok;
}

/**
 * `guideline mutate`: applies every single mutation of the guideline source and reports the
 * ones that neither the compiler nor an example catches. Exit 1 when a mutant survives.
 */
export async function mutate(input: InputOf<"mutate">, io: CliIo): Promise<number> {
  const { runMutation } = await import("../mutation/run-mutation.js");
  const paths = input.positionals;
  const loaded = loadSources(paths.length ? paths : ["guideline"], io.cwd);
  if (loaded.missing.length || loaded.sources.length === 0) {
    write(io.stderr, `guideline: no guideline sources in ${paths.join(", ") || "guideline/"}\n`);
    return exitCodes.usage;
  }
  const started = Date.now();
  const run = await runMutation(loaded.sources, loaded.host);
  const byKind = new Map<string, { total: number; killed: number }>();
  for (const o of run.outcomes) {
    const entry = byKind.get(o.mutant.kind) ?? { total: 0, killed: 0 };
    entry.total++;
    if (o.killedBy !== "survived") entry.killed++;
    byKind.set(o.mutant.kind, entry);
  }
  for (const o of run.outcomes.filter((x) => x.killedBy === "survived")) {
    write(io.stdout, `survived: ${o.mutant.file}:${o.mutant.line} ${o.mutant.kind}: ${o.mutant.description}\n`);
  }
  for (const [kind, { total, killed }] of [...byKind.entries()].sort()) write(io.stdout, `  ${kind}: ${killed} of ${total} caught\n`);
  const byCheck = run.outcomes.filter((o) => o.killedBy === "check").length;
  const score = run.total ? ((100 * run.killed) / run.total).toFixed(1) : "100.0";
  write(
    io.stdout,
    `mutation score: ${run.killed} of ${run.total} mutants caught (${score} %): ${byCheck} by the compiler, ${run.killed - byCheck} by the examples; ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return run.killed === run.total ? exitCodes.ok : exitCodes.errors;
}

/**
 * `guideline diff A B [--json] [--patients N] [--seed S]`: the semantic diff between two
 * editions (guideline folders), and with `--patients N` a behavioural diff on N generated patients.
 */
export async function diff(input: InputOf<"diff">, io: CliIo): Promise<number> {
  const { diffEditions } = await import("../editions/semantic-diff.js");
  const { behaviouralDiff } = await import("../editions/behavioural-diff.js");
  const { renderDiffText } = await import("../editions/render-diff.js");
  const positional = input.positionals;
  const [from, to] = positional;
  const patients = input.options.patients === undefined ? 0 : Number(input.options.patients);
  const seed = input.options.seed === undefined ? 2019 : Number(input.options.seed);
  if (
    from === undefined ||
    to === undefined ||
    positional.length > 2 ||
    !Number.isInteger(patients) ||
    patients < 0 ||
    !Number.isInteger(seed)
  ) {
    write(io.stderr, "usage: guideline diff A B [--json] [--patients N] [--seed S]   (A and B: guideline folders or edition years)\n");
    return exitCodes.usage;
  }
  const results = [];
  for (const path of [from, to]) {
    const folder = resolveEdition(path, io.cwd);
    const { result, host, code } = compileFrom([folder], io);
    if (!result) return code ?? exitCodes.usage;
    if (!result.model || !result.pack || hasErrors(result.diagnostics)) {
      write(io.stderr, `guideline: ${path} has errors: run \`guideline check ${folder}\`\n`);
      return exitCodes.errors;
    }
    results.push({ model: result.model, pack: result.pack, source: host?.readSourceDocument(result.model.sourceDocument) ?? "" });
  }
  const [a, b] = results as [(typeof results)[number], (typeof results)[number]];
  const semantic = diffEditions(a.model, b.model, { from: a.source, to: b.source });
  const started = Date.now();
  const behaviour = patients > 0 ? await behaviouralDiff(a.pack, b.pack, { patients, seed }) : undefined;
  const seconds = (Date.now() - started) / 1000;
  if (input.options.json) write(io.stdout, `${JSON.stringify({ ...semantic, ...(behaviour ? { behaviour } : {}) }, null, 2)}\n`);
  else {
    write(io.stdout, renderDiffText(semantic, behaviour));
    if (behaviour)
      write(
        io.stderr,
        `behavioural diff: ${behaviour.patients} patients in ${seconds.toFixed(1)} s (${Math.round(behaviour.patients / Math.max(seconds, 0.001))} patients/s through both editions)\n`,
      );
  }
  return exitCodes.ok;
}

/** An edition year names the folder `guideline/<year>`; anything else is a path. */
function resolveEdition(path: string, cwd: string): string {
  return /^\d{4}$/.test(path) && !existsSync(resolve(cwd, path)) ? join("guideline", path) : path;
}

/** The editions under `guideline/`, when `guideline/editions.json` says which there are. */
export function editionsOf(cwd: string): { current: number; editions: readonly number[] } | undefined {
  const file = resolve(cwd, "guideline", "editions.json");
  if (!existsSync(file)) return undefined;
  return readEditionsFile(resolve(cwd, "guideline"));
}

/** Where `compile` and `rulebook` write without `--out`: `generated/<edition>/` when run for an edition, else `generated/`. */
function defaultOutput(edition: number | undefined): string {
  return edition === undefined ? "generated" : join("generated", String(edition));
}

/**
 * Runs a source command for every edition when no guideline path is given: `check`, `test`,
 * `compile` and `rulebook` take each `guideline/<year>/` in turn (told the edition, compile
 * writes to `generated/<year>/`), then compile writes `generated/editions.json`; `mutate` takes
 * the current edition. With paths, the command runs once, as given. Returns the worst exit code.
 */
export async function perEdition<Options extends CommandDeclaration["options"]>(
  command: (input: CommandInput<Options>, io: CliIo, edition?: number) => Promise<number> | number,
  name: string,
  input: CommandInput<Options>,
  io: CliIo,
): Promise<number> {
  const editions = editionsOf(io.cwd);
  if (input.positionals.length > 0 || !editions) return command(input, io);
  const years = name === "mutate" ? [editions.current] : editions.editions;
  let worst = exitCodes.ok as number;
  for (const year of years) {
    if (years.length > 1) write(io.stdout, `== edition ${year}${year === editions.current ? " (current)" : ""}\n`);
    worst = Math.max(worst, await command({ ...input, positionals: [join("guideline", String(year))] }, io, year));
  }
  const outGiven = "out" in input.options && input.options.out !== undefined;
  if (name === "compile" && worst === exitCodes.ok && !outGiven) writeEditionsIndex(editions, io);
  return worst;
}

/** The folder under `generated/` that holds a copy of the current edition's files, under names that do not change from one edition to the next. */
export const currentFolderName = "current";

/**
 * After `compile` of every edition: writes `generated/editions.json` (which the runtime reads)
 * and `generated/current/`, a copy of the current edition's files (`pack.json`,
 * `facts.schema.json`, `facts.d.ts`, the validators; not the rulebook), which the package's
 * stable exports (`guideline-kb/pack.json`…) name. Both change together or not at all, and both
 * are byte-for-byte what `compile` writes, so CI's freshness check covers them.
 */
function writeEditionsIndex(editions: { current: number; editions: readonly number[] }, io: CliIo): void {
  const generated = resolve(io.cwd, "generated");
  const index = `${JSON.stringify({ generatedBy: "generated by guideline-kb from guideline/editions.json — do not edit", current: editions.current, editions: editions.editions }, null, 2)}\n`;
  const edition = join(generated, String(editions.current));
  const copies = readdirSync(edition, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort()
    .map((file) => ({ path: join(generated, currentFolderName, file), content: readFileSync(join(edition, file)) }));
  writeTogether(generated, [...copies, { path: join(generated, "editions.json"), content: index }], io);
  write(io.stdout, `wrote generated/editions.json, and generated/${currentFolderName}/ from generated/${editions.current}/\n`);
}

/**
 * Writes files all together or not at all (see `src/io/atomic-write.ts`), under `root`; reports
 * an interrupted earlier write that it completed first (GL7008). A failure is thrown as an
 * `IoError`, which `main` reports with its GL7xxx code.
 */
function writeTogether(root: string, files: readonly { path: string; content: string | Uint8Array }[], io: CliIo): void {
  const group = new WriteGroup(root, (path) => displayPath(path, io.cwd));
  if (group.recovered) writeDiagnostic(io.stderr, makeDiagnostic("GL7008", undefined, [group.recovered, displayPath(root, io.cwd)]));
  for (const file of files) group.stageFile(file.path, file.content);
  group.commit();
}

/** The deepest folder holding all of `folders`. */
function commonFolder(folders: readonly string[]): string {
  const split = folders.map((f) => f.split(sep));
  const first = split[0] ?? [];
  let length = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < length && parts[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join(sep) || sep;
}

/** `guideline new-edition YEAR`: starts the next edition from the current one, ready to edit. */
export function newEdition(input: InputOf<"new-edition">, io: CliIo): number {
  const year = Number(input.positionals[0]);
  if (input.positionals.length !== 1 || !Number.isInteger(year)) {
    write(io.stderr, "usage: guideline new-edition YEAR\n");
    return exitCodes.usage;
  }
  try {
    const made = startNewEdition(resolve(io.cwd, "guideline"), year);
    write(
      io.stdout,
      `started edition ${made.to} from ${made.from} in ${join("guideline", String(made.to))}/ (edition line set in ${made.updated.length} file(s))\n`,
    );
    write(
      io.stdout,
      `next: replace ${join("guideline", String(made.to), "source")}/ with the ${made.to} text, run \`guideline check\` (quotes no longer found are listed with the closest passage), edit rules and examples, then \`guideline diff ${made.from} ${made.to}\`; when it is signed off, \`guideline mark-current ${made.to}\` and \`guideline compile\`\n`,
    );
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof IoError) throw error;
    write(io.stderr, `guideline: ${(error as Error).message}\n`);
    return exitCodes.usage;
  }
}

/**
 * `guideline mark-current YEAR`: makes YEAR the current edition in `guideline/editions.json`,
 * written in one step, once the edition checks without errors. Refuses an edition the index does
 * not list (GL7080, exit 2) and one with errors (GL7081, exit 1, after its diagnostics); writes
 * nothing then. `generated/` follows at the next `compile`.
 */
export function markCurrent(input: InputOf<"mark-current">, io: CliIo): number {
  const year = Number(input.positionals[0]);
  if (input.positionals.length !== 1 || !/^\d{4}$/.test(input.positionals[0] ?? "")) {
    write(io.stderr, "usage: guideline mark-current YEAR\n");
    return exitCodes.usage;
  }
  const root = resolve(io.cwd, "guideline");
  const plan = planMarkCurrent(root, year);
  switch (plan.kind) {
    case "unknown":
      writeDiagnostic(io.stderr, makeDiagnostic("GL7080", undefined, [year, plan.editions.join(", ")]));
      return exitCodes.usage;
    case "already":
      write(io.stdout, `edition ${year} is already current; nothing was changed\n`);
      return exitCodes.ok;
    case "change": {
      const { result, code } = compileFrom([join("guideline", String(year))], io);
      if (!result) return code ?? exitCodes.usage;
      if (hasErrors(result.diagnostics)) {
        write(io.stdout, summary(result));
        writeDiagnostic(io.stderr, makeDiagnostic("GL7081", undefined, [year]));
        return exitCodes.errors;
      }
      writeCurrentEdition(root, plan.index, (path) => displayPath(path, io.cwd));
      write(io.stdout, `edition ${plan.to} is now current (was ${plan.from}) in ${join("guideline", "editions.json")}\n`);
      write(io.stdout, "next: `guideline compile` writes generated/ for it, then commit guideline/ and generated/ together\n");
      return exitCodes.ok;
    }
    default:
      return assertNever(plan);
  }
}

/** The previous edition of a single edition folder, and the difference from it, for the rulebook (see {@link previousEdition}). */
async function previousOf(paths: readonly string[], current: CompileResult, io: CliIo): Promise<PreviousEdition | undefined> {
  const folders = paths.filter((p) => !p.startsWith("--"));
  const [folder] = folders;
  if (folders.length !== 1 || folder === undefined) return undefined;
  const { previousEdition } = await import("../editions/previous-edition.js");
  return previousEdition(folder, current, io.cwd);
}
