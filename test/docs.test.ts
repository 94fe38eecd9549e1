/**
 * The documentation a reader relies on: the API reference (`npm run docs`, typedoc) builds with
 * no warning — every exported symbol of the package entry points carries TSDoc, no link is
 * broken, no exported type refers to one that is not exported — and the Markdown guides link
 * only to files and headings that exist.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diagnosticCodes } from "../src/diagnostics/codes.js";
import { allTokens } from "../src/dsl/tokens.js";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const typedocBin = join(root, "node_modules", "typedoc", "bin", "typedoc");

interface TypedocConfig {
  readonly entryPoints: readonly string[];
  readonly out: string;
  readonly treatWarningsAsErrors: boolean;
  readonly validation: Readonly<Record<string, boolean>>;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(root, path), "utf8"));
}

describe("API reference (typedoc)", () => {
  const config = readJson("typedoc.json") as TypedocConfig;

  it("documents every code entry point of package.json, with warnings treated as errors", () => {
    const pkg = readJson("package.json") as { exports: Record<string, string | { default?: string }> };
    const codeEntries = Object.values(pkg.exports)
      .map((target) => (typeof target === "string" ? target : target.default))
      .filter((target) => target?.startsWith("./dist/") === true)
      .map((target) => target ?? "")
      .map((target) => target.replace("./dist/", "src/").replace(/\.js$/, ".ts"));
    expect(codeEntries.length).toBeGreaterThan(0);
    for (const entry of codeEntries) expect(config.entryPoints).toContain(entry);
    expect(config.treatWarningsAsErrors).toBe(true);
    expect(config.validation).toMatchObject({ notExported: true, invalidLink: true, notDocumented: true });
    expect(readFileSync(join(root, ".gitignore"), "utf8").split("\n")).toContain(`${config.out.replace(/^\.\//, "")}/`);
  });

  it("builds with no warning: every export documented, every link valid", async () => {
    const { code, output } = await new Promise<{ code: number; output: string }>((done) => {
      // Type errors are the build's to report (`npm test` builds first); skipping them halves the time.
      execFile(
        process.execPath,
        [typedocBin, "--emit", "none", "--skipErrorChecking"],
        { cwd: root, env: { ...process.env, NO_COLOR: "1" } },
        (error, stdout, stderr) => {
          done({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
        },
      );
    });
    expect(output).not.toMatch(/warning|error/i);
    expect(code).toBe(0);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, "")
    .replace(/ /g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = !fenced ? /^#{1,6} (.*)$/.exec(line) : null;
    if (!heading?.[1]) continue;
    const base = slug(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

describe("Markdown guides", () => {
  const guides = [
    "README.md",
    ...readdirSync(join(root, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];

  it.each(guides)("%s links only to files and headings that exist", (guide) => {
    const text = readFileSync(join(root, guide), "utf8").replace(/```[\s\S]*?```/g, "");
    const folder = guide.includes("/") ? guide.slice(0, guide.lastIndexOf("/")) : ".";
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!target || /^[a-z]+:/i.test(target)) continue;
      const [file = "", anchor] = target.split("#");
      const path = file ? join(folder, file) : guide;
      let content: string;
      try {
        content = readFileSync(join(root, path), "utf8");
      } catch {
        broken.push(`${target}: no file ${path}`);
        continue;
      }
      if (anchor && path.endsWith(".md") && !anchorsOf(content).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${path}`);
    }
    expect(broken).toEqual([]);
  });
});

describe("docs/language.md", () => {
  it("lists every keyword of the language, and only those, among the names an editor may not use", () => {
    const keywords = allTokens.filter((t) => t.name.startsWith("Kw_")).map((t) => String(t.LABEL).replace(/`/g, ""));
    const text = readFileSync(join(root, "docs", "language.md"), "utf8");
    const listed = /keywords on its own:\s*`([^`]+)`/.exec(text)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
    expect([...listed].sort()).toEqual([...keywords].sort());
  });

  it('explains every diagnostic code of the table in "Every diagnostic code", and no other', () => {
    const text = readFileSync(join(root, "docs", "language.md"), "utf8");
    const rows = [...text.matchAll(/^\| `(GL\d{4})` \|/gm)].map((m) => m[1]);
    expect([...rows].sort()).toEqual(Object.keys(diagnosticCodes).sort());
  });
});
