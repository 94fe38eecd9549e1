/**
 * The rulebook as a reviewer reads it: opened from disk in Chromium (Debian's, at
 * /usr/bin/chromium, driven by playwright-core), links followed, thresholds checked against the
 * pack, axe-core run in the page, screenshots saved to test-artifacts/ for a human to look at,
 * and the injection fixture parsed by a real HTML parser.
 *
 * Without Chromium the tests are skipped with a warning saying so; under CI=true a missing
 * browser fails instead (`.ci/run` installs it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulebookOutputName } from "../../src/rulebook/render-rulebook.js";
import { rulebookSearchScript } from "../../src/rulebook/search-script.js";
import { repoRoot, shippedEditions, shippedPack } from "../support/compile-guideline.js";
import { axeViolations, chromiumAvailable, chromiumLaunchOptions, chromiumPath, isTryPatientScript, rulebookOf } from "./support.js";

const rulebookFile = join(repoRoot, "generated", String(shippedEditions.current), rulebookOutputName);
const artifacts = join(repoRoot, "test-artifacts");
const underCi = process.env.CI === "true";

if (!chromiumAvailable) {
  const why = `no Chromium at ${chromiumPath}`;
  if (underCi) {
    describe("the rulebook in Chromium", () => {
      it("needs Chromium under CI (.ci/run installs Debian's chromium)", () => {
        throw new Error(`${why}: the browser tests cannot run, and under CI=true that is a failure`);
      });
    });
  } else {
    console.warn(
      `[rulebook browser tests] SKIPPED: ${why}. Install it (apt-get install chromium) to run the link, accessibility, screenshot and injection checks in a real browser.`,
    );
  }
}

/** What the browser tests measured, for the closing note (written to test-artifacts/rulebook-browser.json). */
const summary: Record<string, unknown> = {};

describe.skipIf(!chromiumAvailable)("the rulebook in Chromium", () => {
  // Unset when Chromium fails to start: the closing hook must not fail on top of that.
  let browser: Browser | undefined;
  const opened = (): Browser => {
    if (!browser) throw new Error("Chromium did not start");
    return browser;
  };
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(rulebookFile).href);
  });

  afterAll(async () => {
    await browser?.close();
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, "rulebook-browser.json"), `${JSON.stringify(summary, null, 2)}\n`);
  });

  it("opens from disk with no console error and loads nothing else", async () => {
    expect(await page.title()).toMatch(/^Livre des règles — /);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(rulebookFile).href]);
    // Two scripts, the page's own search and form (allowed by their hashes in the Content-Security-Policy), and they ran: the box and the form are shown.
    expect(await page.locator("script").count()).toBe(2);
    expect(await page.locator("script").first().textContent()).toBe(rulebookSearchScript);
    expect(isTryPatientScript(await page.locator("script").last().textContent())).toBe(true);
    expect(await page.locator("form.try-form").isVisible()).toBe(true);
    expect(await page.locator("form.search").isVisible()).toBe(true);
  });

  it("every internal link leads to an element of the page, and every id is unique", async () => {
    const found = await page.evaluate(() => {
      const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
      const seen = new Set<string>();
      const duplicates = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
      const links = [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href") ?? "");
      const broken = links.filter((href) => !href.startsWith("#") || document.getElementById(decodeURIComponent(href.slice(1))) === null);
      return { ids: ids.length, duplicates, links: links.length, targets: new Set(links).size, broken };
    });
    summary.links = { checked: found.links, distinctTargets: found.targets, ids: found.ids, broken: found.broken.length };
    expect(found.duplicates).toEqual([]);
    expect(found.broken).toEqual([]);
    expect(found.links).toBeGreaterThan(1000);
  });

  it("clicking a link brings its target into view: rule → source sentence → rule, and a sample of all links", async () => {
    const inView = async (id: string) =>
      page.evaluate((target) => {
        const rect = document.getElementById(target)?.getBoundingClientRect();
        return rect !== undefined && rect.bottom > 0 && rect.top < window.innerHeight;
      }, id);
    const rule = page.locator('[id="regle-saignement.plaquettes"]');
    await page.goto(`${pathToFileURL(rulebookFile).href}#regle-saignement.plaquettes`);
    const toSource = rule.locator("a.to-source").last();
    const passage = ((await toSource.getAttribute("href")) ?? "").slice(1);
    await toSource.click();
    expect(await page.evaluate(() => location.hash)).toBe(`#${passage}`);
    expect(await inView(passage)).toBe(true);
    // The sentence names the rules that quote it: back to the rule.
    await page.locator(`.marks a[href="#regle-saignement.plaquettes"]`).first().click();
    expect(await page.evaluate(() => location.hash)).toBe("#regle-saignement.plaquettes");
    expect(await inView("regle-saignement.plaquettes")).toBe(true);

    // A sample spread over the whole page (every 40th link), clicked as a reader would.
    const links = await page.locator("main a[href^='#'], nav a[href^='#']").all();
    const sample = links.filter((_, index) => index % 40 === 0);
    for (const link of sample) {
      const href = (await link.getAttribute("href")) ?? "";
      await link.scrollIntoViewIfNeeded();
      await link.click();
      expect(await page.evaluate(() => location.hash), href).toBe(href);
      expect(await inView(decodeURIComponent(href.slice(1))), href).toBe(true);
    }
    summary.linksClicked = sample.length + 2;
  }, 180_000);

  it("the thresholds table shows every threshold and delay of the pack: name, value as written, unit", async () => {
    await page.goto(`${pathToFileURL(rulebookFile).href}#seuils`);
    const rows = await page.locator("#seuils tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.id,
        name: tr.querySelector(".value-name")?.textContent ?? "",
        written: tr.querySelector(".value-written")?.textContent ?? "",
        unit: tr.querySelector(".value-unit")?.textContent ?? "",
        usedBy: tr.querySelectorAll("a[href^='#regle-']").length,
      })),
    );
    const pack = shippedPack();
    expect(rows.map(({ id, name, written, unit }) => ({ id, name, written, unit }))).toEqual(
      pack.thresholds.map((t) => ({ id: `valeur-${t.name}`, name: t.name, written: t.written, unit: t.unit })),
    );
    for (const row of rows) expect(row.usedBy, row.name).toBeGreaterThan(0);
    summary.thresholds = rows.length;
  });

  it("axe-core finds no serious or critical accessibility violation", async () => {
    // axe-core is added to the page as a script: the page's policy would refuse it, so it is bypassed for this check only.
    const checker = await opened().newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await checker.goto(pathToFileURL(rulebookFile).href);
    const violations = await axeViolations(checker);
    await checker.close();
    summary.axe = { violations };
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  }, 120_000);

  it("prints on one column, with the table of contents in the flow", async () => {
    const printer = await opened().newPage();
    await printer.goto(pathToFileURL(rulebookFile).href);
    await printer.emulateMedia({ media: "print" });
    const layout = await printer.evaluate(() => ({
      nav: getComputedStyle(document.querySelector("nav.side") as Element).position,
      grid: getComputedStyle(document.querySelector(".layout") as Element).display,
    }));
    await printer.close();
    expect(layout).toEqual({ nav: "static", grid: "block" });
  });

  it("saves screenshots of the first screen and of one rule to test-artifacts/", async () => {
    mkdirSync(artifacts, { recursive: true });
    await page.goto(pathToFileURL(rulebookFile).href);
    await page.evaluate(() => {
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: join(artifacts, "rulebook-first-screen.png") });
    const rule = page.locator('[id="regle-saignement.plaquettes"]');
    await rule.scrollIntoViewIfNeeded();
    await rule.screenshot({ path: join(artifacts, "rulebook-rule.png") });
    summary.screenshots = ["test-artifacts/rulebook-first-screen.png", "test-artifacts/rulebook-rule.png"];
  });

  describe("the injection fixture, parsed by Chromium", () => {
    let dir = "";
    let injected: Page;
    const dialogs: string[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "rulebook-injection-"));
      const file = join(dir, "index.html");
      writeFileSync(file, (await rulebookOf("test/fixtures/rulebook-injection")).html);
      injected = await opened().newPage();
      injected.on("dialog", async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      await injected.goto(pathToFileURL(file).href);
    });

    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it("has no script element but its own, no img, and no event-handler attribute; nothing ran", async () => {
      const dom = await injected.evaluate(() => {
        const all = [...document.querySelectorAll("*")];
        return {
          scripts: [...document.querySelectorAll("script")].map((s) => s.textContent),
          images: document.querySelectorAll("img").length,
          handlers: all.flatMap((e) =>
            [...e.attributes].filter((a) => a.name.toLowerCase().startsWith("on")).map((a) => `${e.tagName}[${a.name}]`),
          ),
          elements: all.length,
        };
      });
      expect(dom.scripts).toHaveLength(2);
      expect(dom.scripts[0]).toBe(rulebookSearchScript);
      expect(isTryPatientScript(dom.scripts[1])).toBe(true);
      expect(dom.images).toBe(0);
      expect(dom.handlers).toEqual([]);
      expect(dom.elements).toBeGreaterThan(100);
      expect(dialogs).toEqual([]);
    });

    it("every link and every URL-bearing attribute is a fragment of the page", async () => {
      const urls = await injected.evaluate(() =>
        [...document.querySelectorAll("*")].flatMap((e) =>
          [...e.attributes]
            .filter((a) =>
              ["href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "background"].includes(
                a.name.toLowerCase(),
              ),
            )
            .map((a) => a.value),
        ),
      );
      expect(urls.length).toBeGreaterThan(20);
      expect(urls.filter((url) => !url.startsWith("#"))).toEqual([]);
      const broken = await injected.evaluate(() =>
        [...document.querySelectorAll("a[href]")]
          .map((a) => a.getAttribute("href") ?? "")
          .filter((href) => document.getElementById(decodeURIComponent(href.slice(1))) === null),
      );
      expect(broken).toEqual([]);
    });

    it("shows the payloads as text, where the reviewer can see them", async () => {
      const text = await injected.evaluate(() => document.body.textContent);
      expect(text).toContain("<script>alert(1)</script>");
      expect(text).toContain('"><img src=x onerror=alert(1)>');
      expect(text).toContain("javascript:alert(1)");
      expect(text).toContain("{{constructor}}");
    });
  });
});
