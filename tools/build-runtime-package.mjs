#!/usr/bin/env node
/**
 * Builds the runtime-only package, `@guideline-kb/runtime`, into `dist-runtime/` (or `--out DIR`):
 * for an application that only evaluates, with no parser and no template engine.
 *
 * It holds the files of `dist/` that the runtime's entry points reach (`dist/index.js`,
 * `dist/runtime/index.js` and their declarations, found by walking their imports: static,
 * dynamic and `require`), the current edition's generated files (pack, validators, facts types,
 * typed entry) in `generated/<year>/` and `generated/current/`, and a `package.json` whose
 * dependencies are the packages those files import, at the ranges of this package's
 * `package.json`, and whose exports are this package's exports that the copied files can serve.
 * The build fails if a copied file reaches a folder or a package of the other stages (the
 * language, the compiler, the rulebook, the command line).
 *
 * Usage: `npm run build` first, then `node tools/build-runtime-package.mjs [--out DIR]`.
 */
import { builtinModules } from "node:module";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The runtime-only package's name. */
export const runtimePackageName = "@guideline-kb/runtime";

/** Folders of `dist/` and packages the runtime must never reach. */
const forbiddenFolders = ["dsl", "compiler", "rulebook", "lsp", "cli", "editions", "examples", "mutation"];
const forbiddenPackages = ["chevrotain", "handlebars", "vscode-languageserver", "vscode-languageserver-textdocument", "fastify"];

/** Every module specifier a JavaScript or declaration file names: `import … from "…"`, `export … from "…"`, `import "…"`, `import("…")`, `require("…")`. */
function specifiers(text) {
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"'\n]+)["']/gm,
    /^\s*import\s*["']([^"'\n]+)["']/gm,
    /\b(?:import|require)\(\s*["']([^"'\n]+)["']\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
}

/** The package a bare specifier names (`ajv/dist/2020.js` → `ajv`, `@scope/name/x` → `@scope/name`), or undefined for a built-in. */
function packageOf(specifier) {
  const name = specifier.startsWith("node:")
    ? undefined
    : specifier
        .split("/")
        .slice(0, specifier.startsWith("@") ? 2 : 1)
        .join("/");
  return name === undefined || builtinModules.includes(name) ? undefined : name;
}

/** The file a relative specifier names from `file`: a declaration file names `./x.js` for `./x.d.ts`. */
function target(file, specifier) {
  const path = resolve(dirname(file), specifier);
  if (!file.endsWith(".d.ts")) return path;
  if (path.endsWith(".js")) return `${path.slice(0, -3)}.d.ts`;
  return existsSync(path) ? path : `${path}.d.ts`;
}

/** Walks the imports from the entry files: the files reached (repository paths) and the packages named. */
export function runtimeGraph(entries) {
  const files = new Set();
  const packages = new Set();
  const queue = entries.map((entry) => join(root, entry));
  while (queue.length) {
    const file = queue.pop();
    const path = relative(root, file).split(sep).join("/");
    if (files.has(path)) continue;
    if (!existsSync(file)) throw new Error(`${path} is missing: run \`npm run build\` and \`guideline compile\` first`);
    files.add(path);
    for (const specifier of specifiers(readFileSync(file, "utf8"))) {
      if (specifier.startsWith(".")) queue.push(target(file, specifier));
      else if (packageOf(specifier)) packages.add(packageOf(specifier));
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** Refuses a graph that reaches another stage's folder or package. */
function checkIsolation({ files, packages }) {
  const folders = files.filter((f) => forbiddenFolders.some((folder) => f.startsWith(`dist/${folder}/`)));
  const named = packages.filter((p) => forbiddenPackages.includes(p));
  if (folders.length || named.length) throw new Error(`the runtime reaches what it must not: ${[...folders, ...named].join(", ")}`);
}

/** This package's exports that the runtime package's files can serve (a pattern when the folder of its target is there). */
function exportsFor(mainExports, out) {
  const served = (path) => existsSync(join(out, path.includes("*") ? path.slice(0, path.indexOf("*")) : path));
  const kept = {};
  for (const [key, value] of Object.entries(mainExports)) {
    const targets = typeof value === "string" ? [value] : Object.values(value);
    if (key === "./package.json" || targets.every(served)) kept[key] = value;
  }
  return kept;
}

/** The current edition's generated files (no rulebook), and an editions index that names it alone. */
function editionFiles(current) {
  const files = [];
  for (const folder of [String(current), "current"])
    for (const entry of readdirSync(join(root, "generated", folder), { withFileTypes: true }))
      if (entry.isFile()) files.push(`generated/${folder}/${entry.name}`);
  return files;
}

export function buildRuntimePackage(out = join(root, "dist-runtime")) {
  const main = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const index = JSON.parse(readFileSync(join(root, "generated", "editions.json"), "utf8"));
  const entries = ["dist/index.js", "dist/index.d.ts", "generated/current/evaluate.js", "generated/current/evaluate.d.ts"];
  const graph = runtimeGraph([...entries, `generated/${String(index.current)}/evaluate.js`]);
  checkIsolation(graph);
  rmSync(out, { recursive: true, force: true });
  for (const file of new Set([...graph.files, ...editionFiles(index.current)])) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    copyFileSync(join(root, file), join(out, file));
  }
  writeFileSync(join(out, "generated", "editions.json"), `${JSON.stringify({ ...index, editions: [index.current] }, null, 2)}\n`);
  const missing = graph.packages.filter((name) => !main.dependencies?.[name]);
  if (missing.length) throw new Error(`the runtime imports packages that are not dependencies: ${missing.join(", ")}`);
  const manifest = {
    name: runtimePackageName,
    version: main.version,
    description: `The runtime of ${main.name} with its current edition (${String(index.current)}): evaluate facts, no parser, no compiler.`,
    type: "module",
    license: main.license,
    engines: main.engines,
    main: main.main,
    types: main.types,
    exports: exportsFor(main.exports, out),
    dependencies: Object.fromEntries(graph.packages.map((name) => [name, main.dependencies[name]])),
  };
  writeFileSync(join(out, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return { out, files: graph.files.length, dependencies: graph.packages, edition: index.current };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--out");
  const built = buildRuntimePackage(at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : undefined);
  console.log(
    `${relative(root, built.out).startsWith("..") ? built.out : relative(root, built.out)}: ${runtimePackageName}, edition ${String(built.edition)}, ${String(built.files)} files reached from the runtime; dependencies: ${built.dependencies.join(", ")}`,
  );
}
