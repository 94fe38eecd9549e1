import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileGuideline, type CompileResult } from "../compiler/compile.js";
import { loadSources } from "../compiler/load-sources.js";
import { formatDiagnostic, hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { runExamples } from "../examples/run-examples.js";
import { exitCodes, write, type CliIo } from "./cli-io.js";

/*
 * The commands that read guideline sources: check, test, compile. They load the parser and
 * the compiler, so the CLI imports this module only when one of them runs.
 */

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

export async function check(args: readonly string[], io: CliIo): Promise<number> {
  const { result, code } = compileFrom(args, io);
  if (!result) return code ?? exitCodes.usage;
  write(io.stdout, summary(result));
  write(io.stdout, provenanceSummary(result));
  write(io.stdout, coverageSummary(result));
  return hasErrors(result.diagnostics) ? exitCodes.errors : exitCodes.ok;
}

export async function test(args: readonly string[], io: CliIo): Promise<number> {
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

export async function compile(args: readonly string[], io: CliIo): Promise<number> {
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

/**
 * `guideline mutate`: applies every single mutation of the guideline source and reports the
 * ones that neither the compiler nor an example catches. Exit 1 when a mutant survives.
 */
export async function mutate(args: readonly string[], io: CliIo): Promise<number> {
  const { runMutation } = await import("../mutation/run-mutation.js");
  const loaded = loadSources(args.length ? args : ["guideline"], io.cwd);
  if (loaded.missing.length || loaded.sources.length === 0) {
    write(io.stderr, `guideline: no guideline sources in ${args.join(", ") || "guideline/"}\n`);
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
  write(io.stdout, `mutation score: ${run.killed} of ${run.total} mutants caught (${score} %): ${byCheck} by the compiler, ${run.killed - byCheck} by the examples; ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return run.killed === run.total ? exitCodes.ok : exitCodes.errors;
}

/**
 * `guideline diff A B [--json] [--patients N] [--seed S]`: the semantic diff between two
 * editions (guideline folders), and with `--patients N` a behavioural diff on N generated patients.
 */
export async function diff(args: readonly string[], io: CliIo): Promise<number> {
  const { diffEditions } = await import("../editions/semantic-diff.js");
  const { behaviouralDiff } = await import("../editions/behavioural-diff.js");
  const { renderDiffText } = await import("../editions/render-diff.js");
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const positional = args.filter((a, i) => !a.startsWith("--") && !["--patients", "--seed"].includes(args[i - 1] ?? ""));
  const [from, to] = positional;
  const patients = option("--patients") === undefined ? 0 : Number(option("--patients"));
  const seed = option("--seed") === undefined ? 2019 : Number(option("--seed"));
  if (from === undefined || to === undefined || positional.length > 2 || !Number.isInteger(patients) || patients < 0 || !Number.isInteger(seed)) {
    write(io.stderr, "usage: guideline diff A B [--json] [--patients N] [--seed S]   (A and B: guideline folders or edition years)\n");
    return exitCodes.usage;
  }
  const results = [];
  for (const path of [from, to]) {
    const folder = resolveEdition(path, io.cwd);
    const { result, code } = compileFrom([folder], io);
    if (!result) return code ?? exitCodes.usage;
    if (!result.model || !result.pack || hasErrors(result.diagnostics)) {
      write(io.stderr, `guideline: ${path} has errors: run \`guideline check ${folder}\`\n`);
      return exitCodes.errors;
    }
    results.push({ model: result.model, pack: result.pack });
  }
  const [a, b] = results as [(typeof results)[number], (typeof results)[number]];
  const semantic = diffEditions(a.model, b.model);
  const started = Date.now();
  const behaviour = patients > 0 ? await behaviouralDiff(a.pack, b.pack, { patients, seed }) : undefined;
  const seconds = (Date.now() - started) / 1000;
  if (args.includes("--json")) write(io.stdout, `${JSON.stringify({ ...semantic, ...(behaviour ? { behaviour } : {}) }, null, 2)}\n`);
  else {
    write(io.stdout, renderDiffText(semantic, behaviour));
    if (behaviour) write(io.stderr, `behavioural diff: ${behaviour.patients} patients in ${seconds.toFixed(1)} s (${Math.round(behaviour.patients / Math.max(seconds, 0.001))} patients/s through both editions)\n`);
  }
  return exitCodes.ok;
}

/** An edition year names the folder `guideline/<year>`; anything else is a path. */
function resolveEdition(path: string, cwd: string): string {
  return /^\d{4}$/.test(path) && !existsSync(resolve(cwd, path)) ? join("guideline", path) : path;
}
