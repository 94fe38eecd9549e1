/**
 * The browser runtime (issue 15, item 3): `src/runtime/browser.ts` bundled by esbuild with the
 * browser modules in place of the Node ones, run in Chromium under a strict
 * Content-Security-Policy (no `eval`), against the Node runtime on the guideline's worked
 * examples and on generated patients. Without Chromium the browser part is skipped (a failure
 * under CI=true), as in the rulebook's browser tests.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBrowserRuntime } from "../../tools/build-browser-runtime.mjs";
import { generatePatients } from "../../src/editions/patient-corpus.js";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { editionPack, bundledEditions } from "../../src/runtime/load-pack.js";
import { compileShipped, repoRoot } from "../support/compile-guideline.js";
import { chromiumAvailable, chromiumLaunchOptions, chromiumPath } from "../rulebook/support.js";

const edition = String(bundledEditions().current);
const packFile = join(repoRoot, "generated", edition, "pack.json");
const validatorFile = join(repoRoot, "generated", edition, "facts.validate.cjs");
const underCi = process.env.CI === "true";

let bundle = "";
beforeAll(async () => {
  bundle = await buildBrowserRuntime();
}, 120_000);

describe("the browser runtime bundle", () => {
  it("imports no Node module, runs no generated code, and carries neither UCUM nor json-rules-engine", () => {
    expect(bundle).not.toMatch(/["']node:|\brequire\(/);
    expect(bundle).not.toMatch(/\bnew Function\b|\beval\(/);
    expect(bundle).not.toContain("UcumLhcUtils");
    expect(bundle).not.toContain("almanac");
  });

  it("is at most 100 KB gzipped (its size is printed)", () => {
    const raw = Buffer.byteLength(bundle);
    const gzipped = gzipSync(bundle, { level: 9 }).length;
    mkdirSync(join(repoRoot, "test-artifacts"), { recursive: true });
    writeFileSync(join(repoRoot, "test-artifacts", "browser-runtime-size.json"), `${JSON.stringify({ raw, gzipped }, null, 2)}\n`);
    console.log(`[browser runtime] ${(raw / 1024).toFixed(1)} KiB, ${(gzipped / 1024).toFixed(1)} KiB gzipped`);
    expect(gzipped).toBeLessThanOrEqual(100 * 1000);
  });
});

if (!chromiumAvailable && underCi)
  describe("the browser runtime in Chromium", () => {
    it("needs Chromium under CI", () => {
      throw new Error(`no Chromium at ${chromiumPath}: the browser runtime cannot be tested, and under CI=true that is a failure`);
    });
  });

/** The page's answer to one patient: its report as JSON, or the error it threw. */
interface PageAnswer {
  readonly report?: string;
  readonly error?: { readonly name: string; readonly code?: string; readonly message: string };
}

describe.skipIf(!chromiumAvailable)("the browser runtime in Chromium", () => {
  let browser: Browser | undefined;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    // The facts validator is CommonJS: bundled for the page as the application's bundler would.
    const validator = await build({
      stdin: { contents: `import v from ${JSON.stringify(validatorFile)}; globalThis.factsValidator = v;`, resolveDir: repoRoot },
      bundle: true,
      format: "iife",
      write: false,
      logLevel: "silent",
    });
    const validatorScript = validator.outputFiles[0]?.text ?? "";
    // UCUM, the explicit fallback for units outside the pack's table: handed over later by the test (`useUcum`).
    const ucum = await build({
      stdin: {
        contents: `import { UcumLhcUtils } from "@lhncbc/ucum-lhc"; globalThis.ucumLibrary = UcumLhcUtils.getInstance();`,
        resolveDir: repoRoot,
      },
      bundle: true,
      format: "iife",
      platform: "browser",
      minify: true,
      write: false,
      logLevel: "silent",
    });
    const ucumScript = ucum.outputFiles[0]?.text ?? "";
    // The runtime's exports, given to the page's window (the bundle is one ES module).
    const runtimeScript = `${bundle}\n`.replace(/export\s*\{([^}]*)\};?\s*$/, (_all, names: string) => {
      const pairs = names.split(",").map((pair) => {
        const [local, exported] = pair.trim().split(/\s+as\s+/);
        return `${exported ?? local}: ${local}`;
      });
      return `window.guidelineRuntime = { ${pairs.join(", ")} };\n`;
    });
    expect(runtimeScript).toContain("window.guidelineRuntime");
    const hash = (script: string) => `'sha256-${createHash("sha256").update(script).digest("base64")}'`;
    const packText = readFileSync(packFile, "utf8");
    const html = [
      "<!doctype html><html><head><meta charset='utf-8'>",
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${hash(validatorScript)} ${hash(ucumScript)} ${hash(runtimeScript)}">`,
      `<script>${validatorScript}</script>`,
      `<script>${ucumScript}</script>`,
      `<script type="module">${runtimeScript}</script>`,
      "</head><body></body></html>",
    ].join("");
    browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args] });
    page = await browser.newPage();
    page.on("pageerror", (error) => {
      cspViolations.push(`page error: ${error.message}`);
    });
    page.on("console", (message) => {
      if (/Content Security Policy|Refused/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.setContent(html);
    await page.waitForFunction(() => "guidelineRuntime" in window && "factsValidator" in globalThis, undefined, { timeout: 30_000 });
    // The pack is read from the text of its file, as an application would fetch or import it.
    await page.evaluate((text) => {
      const w = window as unknown as {
        guidelineRuntime: { loadPackText: (text: string, validator: unknown) => unknown };
        factsValidator: unknown;
        pack: unknown;
        packText: string;
      };
      w.packText = text;
      w.pack = w.guidelineRuntime.loadPackText(text, w.factsValidator);
    }, packText);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Evaluates patients in the page: each report as JSON, or the error thrown. */
  const inPage = (patients: readonly unknown[]): Promise<PageAnswer[]> =>
    page.evaluate((given) => {
      const w = window as unknown as { guidelineRuntime: { evaluateSync: (facts: unknown, pack: unknown) => unknown }; pack: unknown };
      return given.map((facts) => {
        try {
          return { report: JSON.stringify(w.guidelineRuntime.evaluateSync(facts, w.pack)) };
        } catch (error) {
          const e = error as { name: string; code?: string; message: string };
          return { error: { name: e.name, ...(e.code ? { code: e.code } : {}), message: e.message } };
        }
      });
    }, patients);

  /** The same patients in Node. */
  const inNode = (patients: readonly unknown[]): PageAnswer[] => {
    const pack = editionPack(Number(edition));
    return patients.map((facts) => {
      try {
        return { report: JSON.stringify(evaluateSync(facts, pack)) };
      } catch (error) {
        const e = error as { name: string; code?: string; message: string };
        return { error: { name: e.name, ...(e.code ? { code: e.code } : {}), message: e.message } };
      }
    });
  };

  it("without UCUM, refuses a dose in a unit outside the pack's table with the coded error of invalid facts", async () => {
    const pack = editionPack(Number(edition));
    const list = pack.facts.find((f) => f.type === "medications");
    if (list?.type !== "medications" || !list.dose || !pack.drugs[0]) throw new Error("the pack has no medication list with a dose");
    // The list's dose unit with its time in weeks: the same quantity, in a unit the pack has no factor for.
    const unit = list.dose.unit.replace(/\/d$/, "/wk");
    const facts = { [list.path]: [{ name: pack.drugs[0].name, [list.dose.field]: { value: 7, unit } }] };
    const [answer] = await inPage([facts]);
    expect(answer?.error?.name).toBe("InvalidFactsError");
    expect(answer?.error?.message).toContain("useUcum");
  });

  it("gives the Node runtime's reports, byte for byte, on every worked example of the guideline (UCUM handed over)", async () => {
    await page.evaluate(() => {
      const w = window as unknown as { guidelineRuntime: { useUcum: (u: unknown) => void }; ucumLibrary: unknown };
      w.guidelineRuntime.useUcum(w.ucumLibrary);
    });
    const examples = compileShipped().model?.examples ?? [];
    expect(examples.length).toBeGreaterThan(0);
    const patients = examples.map((e) => e.facts);
    const answers = await inPage(patients);
    const expected = inNode(patients);
    for (const [i, example] of examples.entries()) expect(answers[i], example.id).toEqual(expected[i]);
    expect(cspViolations).toEqual([]);
  });

  it("gives the Node runtime's reports on 300 generated patients, errors included", async () => {
    const patients = generatePatients([editionPack(Number(edition))], 300, 20261202);
    // A few invalid ones: the same coded errors.
    const invalid = [{ nonsense: true }, [], { labs: "many" }];
    const all = [...patients, ...invalid];
    const answers = await inPage(all);
    expect(answers).toEqual(inNode(all));
    expect(answers.filter((a) => a.error).length).toBeGreaterThanOrEqual(invalid.length);
  });

  it("refuses, with a coded error, a pack text that is not the one its validator was generated with", async () => {
    const error = await page.evaluate(() => {
      const w = window as unknown as {
        guidelineRuntime: { loadPackText: (text: string, validator: unknown) => unknown };
        factsValidator: unknown;
        packText: string;
      };
      try {
        // The same pack, one byte longer: still JSON, no longer the file the validator was generated with.
        w.guidelineRuntime.loadPackText(`${w.packText} `, w.factsValidator);
        return undefined;
      } catch (e) {
        return { name: (e as Error).name, code: (e as { code?: string }).code };
      }
    });
    expect(error).toEqual({ name: "InvalidPackError", code: "GL5005" });
  });
});
