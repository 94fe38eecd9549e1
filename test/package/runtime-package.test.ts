/**
 * The runtime-only package, `@guideline-kb/runtime` (`tools/build-runtime-package.mjs`), as an
 * application gets it: built, packed with the real `npm pack`, installed from the tarball into a
 * scratch app, type-checked with the real `tsc --strict` against the current edition's typed
 * entry, and run with node. Everything is read from the current edition (its facts, its
 * verdicts): a new edition made current passes unchanged.
 *
 * The install is `npm install --prefer-offline <tarball>`: the runtime's dependencies come from
 * npm's cache when they are there (after `npm ci`), else from the registry. When neither can give
 * them (no network), the tests are skipped with the reason, except under CI=true, where that is a
 * failure.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { undecidedVerdict, type RulePack } from "../../src/pack/pack-format.js";
import { evaluate } from "../../src/runtime/evaluate.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const underCi = process.env.CI === "true";
/** What an application that only evaluates must not install. */
const otherStages = ["chevrotain", "handlebars", "vscode-languageserver", "vscode-languageserver-textdocument", "fastify"];
const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|ENOTCACHED/;

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What `npm test` tells its scripts about the repository (its folder, its package): not for a command run in the scratch app. */
const repositoryVariables = /^npm_(config_local_prefix|package_|lifecycle_)/i;

/** Runs a command in the scratch app, with npm's settings (registry, cache) but not the repository's variables, bounded in time. */
function exec(file: string, args: readonly string[], cwd: string, timeout = 120_000): Promise<Ran> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !repositoryVariables.test(name)));
  return new Promise((done) => {
    execFile(file, args, { cwd, env, timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      const killed = error?.killed === true ? `\n${file} ${args.join(" ")}: ETIMEDOUT after ${String(timeout / 1000)} s` : "";
      done({ code, stdout, stderr: `${stderr}${killed}` });
    });
  });
}

const pack = JSON.parse(readFileSync(join(root, "generated", "current", "pack.json"), "utf8")) as RulePack;
const verdicts = [...new Set([...pack.verdict.outcomes.map((o) => o.code), pack.verdict.otherwise.code, undecidedVerdict])];
const patient = JSON.parse(readFileSync(join(root, "examples", "patient-vertebra.json"), "utf8")) as unknown;

/** An app that evaluates the example patient with the typed entry and names its verdict in a switch over `cases`. */
function appSource(cases: readonly string[]): string {
  return [
    'import { evaluate, verdicts, type Facts, type Report, type Verdict } from "@guideline-kb/runtime/current";',
    'import { InvalidFactsError } from "@guideline-kb/runtime";',
    "",
    `const facts: Facts = ${JSON.stringify(patient, null, 2)};`,
    "",
    "function said(verdict: Verdict): string {",
    "  switch (verdict) {",
    ...cases.map((code) => `    case ${JSON.stringify(code)}:\n      return ${JSON.stringify(code)};`),
    "    default: {",
    "      const unreachable: never = verdict;",
    "      return unreachable;",
    "    }",
    "  }",
    "}",
    "",
    "try {",
    "  const report: Report = await evaluate(facts);",
    "  console.log(said(report.verdict), verdicts.length);",
    "} catch (error) {",
    '  if (error instanceof InvalidFactsError) console.log("invalid facts");',
    "  else throw error;",
    "}",
    "",
  ].join("\n");
}

/** A property name as written in TypeScript: bare when it is an identifier. */
function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** A declared fact path with its last name misspelt (two letters swapped), and the object literal that gives it. */
function misspeltFact(): { readonly name: string; readonly literal: string } {
  const declared = new Set(pack.facts.map((f) => f.path));
  for (const { path } of pack.facts) {
    const parts = path.split(".");
    const last = parts.at(-1) ?? "";
    if (last.length < 3 || last.at(-1) === last.at(-2)) continue;
    const name = `${last.slice(0, -2)}${last.at(-1) ?? ""}${last.at(-2) ?? ""}`;
    if (declared.has([...parts.slice(0, -1), name].join("."))) continue;
    const literal = [...parts.slice(0, -1), name].reduceRight((inner, part) => `{ ${key(part)}: ${inner} }`, "null");
    return { name, literal };
  }
  throw new Error("the current edition declares no fact whose name can be misspelt");
}

const consumerOptions = {
  strict: true,
  module: "NodeNext",
  moduleResolution: "NodeNext",
  target: "ES2022",
  lib: ["ES2022", "DOM"],
  types: [],
  skipLibCheck: false,
  outDir: "out",
};

let work = "";
let app = "";
let packageDir = "";
let unavailable: string | undefined;
let installFailure: string | undefined;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "runtime-package-"));
  packageDir = join(work, "package");
  const built = await exec(process.execPath, [join(root, "tools", "build-runtime-package.mjs"), "--out", packageDir], root);
  if (built.code !== 0) throw new Error(`build-runtime-package failed: ${built.stderr}`);
  const packed = await exec("npm", ["pack", "--json", "--pack-destination", work], packageDir);
  if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [tarball] = JSON.parse(packed.stdout) as { filename: string }[];
  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), `${JSON.stringify({ name: "scratch-app", private: true, type: "module" })}\n`);
  const installed = await exec(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      // Without a registry npm retries for minutes: once, briefly, is enough to tell.
      "--fetch-retries=1",
      "--fetch-retry-mintimeout=2000",
      "--fetch-retry-maxtimeout=5000",
      join(work, tarball?.filename ?? ""),
    ],
    app,
    240_000,
  );
  if (installed.code !== 0) {
    if (offline.test(installed.stderr) && !underCi)
      unavailable = `npm could not fetch the runtime's dependencies: ${installed.stderr.trim().split("\n")[0] ?? ""}`;
    else installFailure = installed.stderr || installed.stdout;
  }
}, 360_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Skips when the registry cannot be reached (not under CI); fails when the install failed otherwise. */
function installedOrSkip(skip: (note: string) => never): void {
  if (unavailable) skip(unavailable);
  if (installFailure) throw new Error(`npm install of the tarball failed:\n${installFailure}`);
}

/** Every package folder under a node_modules tree, by name. */
function installedPackages(folder: string): string[] {
  const names: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return names;
  }
  for (const entry of entries) {
    if (entry.startsWith(".")) continue;
    const scoped = entry.startsWith("@") ? readdirSync(join(folder, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const name of scoped) names.push(name, ...installedPackages(join(folder, name, "node_modules")));
  }
  return names;
}

describe("the runtime-only package, packed and installed into a scratch app", () => {
  it("installs no parser, no template engine and nothing of the other stages", ({ skip }) => {
    installedOrSkip(skip);
    const installed = installedPackages(join(app, "node_modules"));
    expect(installed).toContain("@guideline-kb/runtime");
    for (const name of otherStages) expect(installed).not.toContain(name);
    const manifest = JSON.parse(readFileSync(join(app, "node_modules", "@guideline-kb", "runtime", "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      exports: Record<string, unknown>;
    };
    for (const name of otherStages) expect(Object.keys(manifest.dependencies)).not.toContain(name);
    expect(Object.keys(manifest.exports)).toEqual(expect.arrayContaining([".", "./runtime", "./current"]));
    const dist = readdirSync(join(app, "node_modules", "@guideline-kb", "runtime", "dist"));
    for (const stage of ["dsl", "compiler", "rulebook", "cli", "lsp"]) expect(dist).not.toContain(stage);
  });

  it("type-checks a strict app that switches over every verdict, and runs it: the verdict the runtime gives", async ({ skip }) => {
    installedOrSkip(skip);
    writeFileSync(join(app, "app.ts"), appSource(verdicts));
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions: consumerOptions, files: ["app.ts"] }));
    const checked = await exec(process.execPath, [tsc, "-p", "tsconfig.json"], app);
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.code).toBe(0);
    const ran = await exec(process.execPath, [join(app, "out", "app.js")], app);
    expect(ran.stderr).toBe("");
    const expected = await evaluate(patient);
    expect(ran.stdout).toBe(`${expected.verdict} ${String(verdicts.length)}\n`);
  });

  it("refuses to compile a misspelt fact, and a switch that forgets a verdict", async ({ skip }) => {
    installedOrSkip(skip);
    const misspelt = misspeltFact();
    writeFileSync(
      join(app, "misspelt.ts"),
      `import { evaluate } from "@guideline-kb/runtime/current";\n\nawait evaluate(${misspelt.literal});\n`,
    );
    writeFileSync(join(app, "forgotten.ts"), appSource(verdicts.slice(1)));
    const options = { ...consumerOptions, noEmit: true };
    writeFileSync(join(app, "tsconfig.wrong.json"), JSON.stringify({ compilerOptions: options, files: ["misspelt.ts", "forgotten.ts"] }));
    const checked = await exec(process.execPath, [tsc, "-p", "tsconfig.wrong.json"], app);
    expect(checked.code).not.toBe(0);
    const errors = checked.stdout.split("\n").filter((line) => line.includes("error TS"));
    const inMisspelt = errors.filter((line) => line.startsWith("misspelt.ts("));
    expect(inMisspelt).toHaveLength(1);
    expect(inMisspelt[0]).toMatch(/error TS(2353|2561):/);
    expect(inMisspelt[0]).toContain(`'${key(misspelt.name)}'`);
    const inForgotten = errors.filter((line) => line.startsWith("forgotten.ts("));
    expect(inForgotten).toHaveLength(1);
    expect(inForgotten[0]).toMatch(new RegExp(`error TS2322: Type '"${verdicts[0] ?? ""}"' is not assignable to type 'never'`));
    expect(errors).toHaveLength(2);
  });
});
