#!/usr/bin/env node
/**
 * Builds the browser runtime (`src/runtime/browser.ts`) into one ES module with esbuild:
 * `dist/browser/guideline-runtime.js`, and the same runtime as one classic script that sets
 * nothing global but the variable it is assigned to (`dist/browser/guideline-runtime.iife.js`,
 * `var guidelineRuntime = …`), which the rulebook inlines in its page with the UCUM library
 * (`dist/browser/ucum.iife.js`, for the units outside the pack's table); prints their size, raw
 * and gzipped. Run by `npm run build` (after tsc), `npm run build:browser` and
 * `tools/build-if-stale.mjs`; the tests build it in memory with the same options
 * (`browserRuntimeBuild`).
 *
 * Each runtime module that needs Node is replaced by its browser module, `<name>.browser.ts`
 * beside it (the `browserModules` below); the build fails if the bundle still imports a
 * `node:` module or a Node built-in.
 */
import { build } from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The modules replaced in the browser, by their path under src/ (as imported, `.js`). */
export const browserModules = ["runtime/load-pack", "runtime/schema-validators", "runtime/engine-pool", "pack/pack-crypto", "units/ucum"];

/** The esbuild plugin that puts each browser module in the place of its Node module. */
const browserSwap = {
  name: "guideline-kb-browser-modules",
  setup(builder) {
    builder.onResolve({ filter: /\.js$/ }, (args) => {
      if (!args.importer.startsWith(join(root, "src"))) return undefined;
      const target = resolve(args.resolveDir, args.path)
        .slice(join(root, "src").length + 1)
        .replace(/\.js$/, "");
      if (!browserModules.includes(target)) return undefined;
      return { path: join(root, "src", `${target}.browser.ts`) };
    });
    // A `.js` import of a TypeScript source: resolved to the `.ts` file, as tsc does.
    builder.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (!args.importer.startsWith(join(root, "src"))) return undefined;
      return { path: resolve(args.resolveDir, args.path).replace(/\.js$/, ".ts") };
    });
    builder.onResolve({ filter: /^node:|^(fs|path|url|crypto|module|os|zlib|worker_threads|child_process)$/ }, (args) => ({
      errors: [{ text: `the browser runtime must not import ${args.path} (imported by ${args.importer.slice(root.length + 1)})` }],
    }));
  },
};

/** The esbuild options of the browser runtime (`write: false`: the caller gets the output files). */
export function browserRuntimeBuild() {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return {
    entryPoints: [join(root, "src/runtime/browser.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    write: false,
    outfile: join(root, "dist/browser/guideline-runtime.js"),
    define: { __GUIDELINE_KB_VERSION__: JSON.stringify(version) },
    plugins: [browserSwap],
    logLevel: "silent",
  };
}

/** The file of the classic-script build, which the rulebook inlines (relative to the repository). */
export const browserRuntimeScriptFile = "dist/browser/guideline-runtime.iife.js";

/** Builds the bundle; returns its text (an ES module, or with `script` a classic script: `var guidelineRuntime = …;`). */
export async function buildBrowserRuntime(script = false) {
  const options = browserRuntimeBuild();
  const result = await build(
    script ? { ...options, format: "iife", globalName: "guidelineRuntime", outfile: join(root, browserRuntimeScriptFile) } : options,
  );
  const [file] = result.outputFiles;
  if (!file) throw new Error("esbuild wrote no file");
  return file.text;
}

/** The file of the UCUM library as one classic script (`var guidelineUcum = …;`, its `UcumLhcUtils` as `.UcumLhcUtils`), which the rulebook inlines for `useUcum`. */
export const ucumScriptFile = "dist/browser/ucum.iife.js";

/** Builds the UCUM library for a page; returns its text (`var guidelineUcum = …;`). */
export async function buildUcumScript() {
  const result = await build({
    stdin: { contents: `export { UcumLhcUtils } from "@lhncbc/ucum-lhc";`, resolveDir: root },
    bundle: true,
    format: "iife",
    globalName: "guidelineUcum",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error("esbuild wrote no file");
  return file.text;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, build] of [
    ["dist/browser/guideline-runtime.js", () => buildBrowserRuntime(false)],
    [browserRuntimeScriptFile, () => buildBrowserRuntime(true)],
    [ucumScriptFile, buildUcumScript],
  ]) {
    const text = await build();
    const out = join(root, name);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    const raw = Buffer.byteLength(text);
    const gzip = gzipSync(text, { level: 9 }).length;
    console.log(`${name}: ${(raw / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzipped`);
  }
}
