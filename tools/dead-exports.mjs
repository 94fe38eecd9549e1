#!/usr/bin/env node
/**
 * Lists the exports of src/ that no other file imports: `node tools/dead-exports.mjs [--json]`.
 *
 * The public API is what package.json's entry points and typedoc.json's entry points export (the
 * `index.ts` files): those exports, and everything they re-export, count as used. Any other export
 * is reported as
 *   - "unused": no file imports it (src/, test/ or the bench scripts);
 *   - "tests only": only test files import it;
 *   - "own file only": nothing imports it, but its own file uses it, so only the `export` is dead (a type
 *     named in an exported signature must stay exported for the declarations and typedoc).
 * Imports are resolved with the TypeScript checker (aliases followed, type-only imports included), with
 * test/tsconfig.json, which covers src/ and test/. The bench scripts load dist/ modules with
 * `const { a, b } = await import(dist("x/y.js"))`; those names count as used by src/x/y.ts.
 * Exit code 0 always: the list is for a reader to judge, not a gate.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const rel = (file) => relative(root, file).split("\\").join("/");

/** The files whose exports are the public API. */
function entryPoints() {
  const typedoc = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8"));
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const fromPackage = Object.values(pkg.exports)
    .map((target) => (typeof target === "string" ? target : target.default))
    .filter((target) => typeof target === "string" && target.startsWith("./dist/"))
    .map((target) => target.replace("./dist/", "src/").replace(/\.js$/, ".ts"));
  return new Set([...typedoc.entryPoints, ...fromPackage]);
}

function loadProgram() {
  const configPath = join(root, "test", "tsconfig.json");
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  return ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
}

/** `file#name` of the declaration a symbol stands for, following import and export aliases. */
function keyOf(checker, symbol) {
  let target = symbol;
  while (target.flags & ts.SymbolFlags.Alias) {
    const next = checker.getAliasedSymbol(target);
    if (next === target) break;
    target = next;
  }
  const declaration = target.declarations?.[0];
  if (!declaration) return undefined;
  return `${rel(declaration.getSourceFile().fileName)}#${target.escapedName}`;
}

function main() {
  const program = loadProgram();
  const checker = program.getTypeChecker();
  const entries = entryPoints();
  const sourceFiles = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !rel(file.fileName).startsWith(".."));
  const isTest = (file) => rel(file.fileName).startsWith("test/");

  /** Every export of src/: key → { file, name, line }. */
  const exported = new Map();
  for (const file of sourceFiles) {
    const path = rel(file.fileName);
    if (!path.startsWith("src/")) continue;
    const moduleSymbol = checker.getSymbolAtLocation(file);
    if (!moduleSymbol) continue;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const key = keyOf(checker, symbol);
      if (!key || !key.startsWith(`${path}#`)) continue; // a re-export: counted at its own declaration
      const declaration = symbol.declarations?.[0];
      const line = declaration ? file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1 : 0;
      const kind = symbol.flags & (ts.SymbolFlags.Value | ts.SymbolFlags.Alias) ? "value" : "type";
      exported.set(key, { file: path, name: symbol.name, line, kind });
    }
  }

  /** key → the set of "src" | "test" | "bench" | "public" that use it from another file. */
  const usedBy = new Map();
  const use = (key, by) => {
    if (!key) return;
    if (!usedBy.has(key)) usedBy.set(key, new Set());
    usedBy.get(key).add(by);
  };
  const useAllOf = (moduleFile, by) => {
    const moduleSymbol = moduleFile && checker.getSymbolAtLocation(moduleFile);
    if (!moduleSymbol) return;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) use(keyOf(checker, symbol), by);
  };
  const resolvedFile = (specifier, from) => {
    const resolved = ts.resolveModuleName(specifier.text, from.fileName, program.getCompilerOptions(), ts.sys).resolvedModule;
    return resolved && program.getSourceFile(resolved.resolvedFileName);
  };

  for (const file of sourceFiles) {
    const by = entries.has(rel(file.fileName)) ? "public" : isTest(file) ? "test" : "src";
    const visit = (node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        if (clause?.name) use(keyOf(checker, checker.getSymbolAtLocation(clause.name)), by);
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) useAllOf(resolvedFile(node.moduleSpecifier, file), by);
        if (bindings && ts.isNamedImports(bindings))
          for (const element of bindings.elements) use(keyOf(checker, checker.getSymbolAtLocation(element.name)), by);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        if (!node.exportClause || ts.isNamespaceExport(node.exportClause)) useAllOf(resolvedFile(node.moduleSpecifier, file), by);
        else for (const element of node.exportClause.elements) use(keyOf(checker, checker.getSymbolAtLocation(element.name)), by);
      } else if (ts.isImportTypeNode(node) && node.qualifier) {
        use(keyOf(checker, checker.getSymbolAtLocation(ts.isIdentifier(node.qualifier) ? node.qualifier : node.qualifier.right)), by);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [argument] = node.arguments;
        if (argument && ts.isStringLiteral(argument)) useAllOf(resolvedFile(argument, file), by);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  // The bench scripts: `const { a, b } = await import(dist("x/y.js"))`.
  for (const name of readdirSync(join(root, "bench")).filter((n) => n.endsWith(".mjs"))) {
    const text = readFileSync(join(root, "bench", name), "utf8");
    for (const match of text.matchAll(/const\s*\{([^}]*)\}\s*=\s*await import\(dist\("([^"]+)"\)\)/g)) {
      const file = `src/${match[2].replace(/\.js$/, ".ts")}`;
      for (const binding of match[1].split(",")) use(`${file}#${binding.split(":")[0].trim()}`, "bench");
    }
  }

  /** Whether a file mentions a name outside its export declaration (a rough "used in its own file"). */
  const usedInOwnFile = (entry) => {
    const text = readFileSync(join(root, entry.file), "utf8");
    return (text.match(new RegExp(`\\b${entry.name}\\b`, "g")) ?? []).length > 1;
  };

  const rows = [];
  for (const [key, entry] of exported) {
    if (entries.has(entry.file)) continue;
    const users = usedBy.get(key) ?? new Set();
    if (users.has("public") || users.has("src") || users.has("bench")) continue;
    const verdict = users.has("test") ? "tests only" : usedInOwnFile(entry) ? "own file only" : "unused";
    rows.push({ ...entry, verdict });
  }
  rows.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);

  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  for (const row of rows) console.log(`${row.file}:${row.line}\t${row.kind} ${row.name}\t${row.verdict}`);
  const count = (verdict) => rows.filter((row) => row.verdict === verdict).length;
  console.log(
    `${rows.length} exports nothing else in src/ imports: ${count("unused")} unused, ${count("own file only")} used only in their own file, ${count("tests only")} imported only by tests`,
  );
}

main();
