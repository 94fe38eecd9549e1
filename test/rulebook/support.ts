import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { compileGuideline, type CompileResult } from "../../src/compiler/compile.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import { previousEdition } from "../../src/editions/previous-edition.js";
import { buildRulebook } from "../../src/rulebook/render-rulebook.js";
import { repoRoot } from "../support/compile-guideline.js";

/** The folder of the guideline whose texts try to inject markup into the rulebook. */
export const injectionFixture = join(repoRoot, "test", "fixtures", "rulebook-injection");

/** Compiles a guideline folder (relative to the repository root) and renders its rulebook. */
export async function rulebookOf(folder: string): Promise<{ result: CompileResult; html: string }> {
  const loaded = loadSources([folder], repoRoot);
  const result = compileGuideline(loaded.sources, loaded.host);
  // As `guideline compile` builds it: with the changes since the previous edition, when there is one.
  const html = await buildRulebook(result, loaded.host, previousEdition(folder, result, repoRoot));
  if (html === undefined)
    throw new Error(`${folder} does not compile: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return { result, html };
}

/** Debian's Chromium, which `.ci/run` installs (`RULEBOOK_CHROMIUM` names another, e.g. a missing one to see the skip). */
export const chromiumPath = process.env.RULEBOOK_CHROMIUM ?? "/usr/bin/chromium";

/** Whether the browser tests can run here. */
export const chromiumAvailable = existsSync(chromiumPath);

/** The launch options of every browser test: headless, sandbox off (containers), no network chatter. */
export const chromiumLaunchOptions = {
  executablePath: chromiumPath,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
} as const;

/** Ids defined and fragment links used in an HTML page this project generated (quoted attributes only). */
export function idsAndLinks(html: string): { ids: string[]; hrefs: string[] } {
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? "");
  const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1] ?? "");
  return { ids, hrefs };
}

/** Handlebars escapes these characters in attribute values; undo it to compare an id with a link. */
export function unescapeAttribute(value: string): string {
  return value
    .replace(/&#x3D;/g, "=")
    .replace(/&#x60;/g, "`")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** One accessibility violation axe-core found: its rule, how serious, and on how many elements. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: number;
}

/** Runs axe-core (from node_modules, added to the page) on the open page and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: join(repoRoot, "node_modules", "axe-core", "axe.min.js") });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}

/** The page's Content-Security-Policy (its meta element, unescaped) and the text of its inline `<style>` and `<script>` elements. */
export function inlineParts(html: string): { policy: string; styles: string[]; scripts: string[] } {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  return {
    policy: unescapeAttribute(meta?.[1] ?? ""),
    styles: [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? ""),
    scripts: [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? ""),
  };
}

/**
 * Whether a script is the page's own form « Essayer un patient » (`src/rulebook/try-patient-script.ts`):
 * one closure holding the browser runtime, and nothing that could end it (`</script`) or hide its end (`<!--`).
 */
export function isTryPatientScript(text: string | null | undefined): boolean {
  return (
    typeof text === "string" &&
    text.startsWith('\n(function () {\n"use strict";\n') &&
    text.includes("var guidelineRuntime=") &&
    !/<\/script|<!--/i.test(text)
  );
}

/** The Content-Security-Policy source that allows exactly this inline text: `'sha256-…'`. */
export function hashSource(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}
