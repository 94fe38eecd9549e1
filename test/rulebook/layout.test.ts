/**
 * The rulebook on every screen, measured in Chromium: no sideways scrolling on a phone (390 px),
 * a tablet (768 px) or a laptop (1 280 px), every table within the viewport, the table of contents
 * folded on a phone, and, printed on A4, no table wider than the printable width. Screenshots at
 * 390 and 1 280 px go to test-artifacts/ for a human to look at.
 *
 * Like test/rulebook/browser.test.ts, the tests are skipped without Chromium, and under CI=true a
 * missing browser fails instead (browser.test.ts says so once; these are counted as skipped).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulebookOutputName } from "../../src/rulebook/render-rulebook.js";
import { repoRoot, shippedEditions } from "../support/compile-guideline.js";
import { axeViolations, chromiumAvailable, chromiumLaunchOptions } from "./support.js";

const rulebookFile = join(repoRoot, "generated", String(shippedEditions.current), rulebookOutputName);
const rulebookUrl = pathToFileURL(rulebookFile).href;
const artifacts = join(repoRoot, "test-artifacts");

/** The screens a reviewer reads the book on: a phone, a tablet held upright, a laptop. */
const widths = [390, 768, 1280] as const;

/** A4 is 210 mm wide; the print stylesheet's `@page` margins are 1.4 cm each side. In CSS px (96 per inch). */
const a4PrintableWidth = Math.floor(((210 - 2 * 14) / 25.4) * 96);

/** What the page measures at one width: how wide it scrolls, and the tables that stick out. */
interface Measure {
  readonly scrollWidth: number;
  readonly innerWidth: number;
  readonly tables: number;
  readonly tablesOutside: readonly string[];
}

/** Measures the open page: its scroll width and every table's right edge against the viewport. */
async function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const tables = [...document.querySelectorAll("table")];
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      tables: tables.length,
      tablesOutside: tables
        .filter((t) => t.getBoundingClientRect().left < 0 || t.getBoundingClientRect().right > width + 0.5)
        .map(
          (t) => `${t.id || (t.querySelector("caption")?.textContent ?? "")} (${String(Math.round(t.getBoundingClientRect().right))} px)`,
        ),
    };
  });
}

/** What the layout tests measured, for the closing note (test-artifacts/rulebook-layout.json). */
const summary: Record<string, unknown> = {};

describe.skipIf(!chromiumAvailable)("the rulebook reads well on every screen", () => {
  let browser: Browser | undefined;
  const opened = (): Browser => {
    if (!browser) throw new Error("Chromium did not start");
    return browser;
  };

  beforeAll(async () => {
    browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args] });
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, "rulebook-layout.json"), `${JSON.stringify(summary, null, 2)}\n`);
  });

  for (const width of widths) {
    it(`at ${String(width)} px: no sideways scrolling, and every table within the viewport`, async () => {
      const page = await opened().newPage({ viewport: { width, height: 800 } });
      await page.goto(rulebookUrl);
      const found = await measure(page);
      summary[`width-${String(width)}`] = found;
      if (width === 390 || width === 1280) await page.screenshot({ path: join(artifacts, `rulebook-${String(width)}px.png`) });
      await page.close();
      expect(found.tables).toBeGreaterThan(0);
      expect(found.tablesOutside).toEqual([]);
      expect(found.scrollWidth).toBeLessThanOrEqual(found.innerWidth);
    });
  }

  it("on a phone, each cell of a table says which column it is from (the tables are read as cards)", async () => {
    const page = await opened().newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(rulebookUrl);
    const cells = await page.evaluate(() =>
      [...document.querySelectorAll("main tbody tr > *")].map((cell) => ({
        label: cell.getAttribute("data-label") ?? "",
        shown: getComputedStyle(cell, "::before").content,
        header: (() => {
          const table = cell.closest("table");
          const index = [...(cell.parentElement?.children ?? [])].indexOf(cell);
          return table?.querySelectorAll("thead th")[index]?.textContent ?? "";
        })(),
      })),
    );
    await page.close();
    expect(cells.length).toBeGreaterThan(100);
    for (const cell of cells) {
      expect(cell.label).toBe(cell.header);
      expect(cell.shown).toBe(JSON.stringify(cell.label));
    }
  });

  it("on a phone, the table of contents is folded to one line and opens when tapped; on a laptop it is open", async () => {
    const phone = await opened().newPage({ viewport: { width: 390, height: 800 } });
    await phone.goto(rulebookUrl);
    const folded = await phone.evaluate(() => ({
      height: document.querySelector("nav.side")?.getBoundingClientRect().height ?? 0,
      mainTop: document.querySelector("main")?.getBoundingClientRect().top ?? 0,
    }));
    const firstLink = phone.locator("nav.side a").first();
    expect(await firstLink.isVisible()).toBe(false);
    await phone.locator("nav.side summary").click();
    expect(await firstLink.isVisible()).toBe(true);
    const unfolded = await phone.evaluate(() => document.querySelector("nav.side")?.getBoundingClientRect().height ?? 0);
    await phone.close();

    const laptop = await opened().newPage({ viewport: { width: 1280, height: 800 } });
    await laptop.goto(rulebookUrl);
    const links = await laptop.locator("nav.side a").count();
    const visible = await laptop.locator("nav.side a").last().isVisible();
    await laptop.close();

    summary.tableOfContents = { foldedHeightAt390: folded.height, unfoldedHeightAt390: unfolded };
    // Folded, it is one line: the book starts on the first screen, well above its fold.
    expect(folded.height).toBeLessThan(100);
    expect(folded.mainTop).toBeLessThan(800 / 4);
    expect(unfolded).toBeGreaterThan(folded.height * 3);
    expect(links).toBeGreaterThan(5);
    expect(visible).toBe(true);
  });

  it("printed on A4: no table wider than the printable width, the table of contents in full, and a PDF is made", async () => {
    const page = await opened().newPage({ viewport: { width: a4PrintableWidth, height: 1000 } });
    await page.goto(rulebookUrl);
    await page.emulateMedia({ media: "print" });
    const found = await measure(page);
    const tocLinksShown = await page.locator("nav.side a").last().isVisible();
    const pdf = await page.pdf({ format: "A4" });
    await page.close();
    summary.printA4 = { printableWidth: a4PrintableWidth, ...found, pdfBytes: pdf.length };
    expect(found.tablesOutside).toEqual([]);
    expect(found.scrollWidth).toBeLessThanOrEqual(a4PrintableWidth);
    expect(tocLinksShown).toBe(true);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }, 120_000);

  it("axe-core finds no accessibility violation on a phone, where the tables are cards", async () => {
    // axe-core is added to the page as a script: the page's policy would refuse it, so it is bypassed for this check only.
    const page = await opened().newPage({ viewport: { width: 390, height: 800 }, bypassCSP: true });
    await page.goto(rulebookUrl);
    const violations = await axeViolations(page);
    await page.close();
    summary.axeAt390 = { violations };
    expect(violations).toEqual([]);
  }, 120_000);
});
