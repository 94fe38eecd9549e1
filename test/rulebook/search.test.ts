/**
 * The search box of the rulebook, in Chromium: it filters the rules and information items, the
 * facts and the thresholds and delays as the reader types; without JavaScript it stays hidden and
 * everything is shown; and the page's Content-Security-Policy lets no other script run.
 *
 * Skipped without Chromium, like test/rulebook/browser.test.ts (which fails under CI=true then).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulebookOutputName } from "../../src/rulebook/render-rulebook.js";
import { repoRoot, shippedEditions, shippedPack } from "../support/compile-guideline.js";
import { chromiumAvailable, chromiumLaunchOptions } from "./support.js";

const rulebookUrl = pathToFileURL(join(repoRoot, "generated", String(shippedEditions.current), rulebookOutputName)).href;

/** Lower case, accents removed: how the search compares. */
const fold = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** The ids of the searchable elements shown, and each one's text, folded. */
async function shown(page: Page): Promise<{ id: string; text: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".searchable")]
      .filter((element) => !element.hidden && element.getClientRects().length > 0)
      .map((element) => ({ id: element.id, text: element.textContent })),
  );
}

describe.skipIf(!chromiumAvailable)("the rulebook's search box", () => {
  let browser: Browser | undefined;
  const opened = (): Browser => {
    if (!browser) throw new Error("Chromium did not start");
    return browser;
  };
  const pack = shippedPack();
  // A name of the edition, found in its row and in the rules that use it: the words belong to the edition.
  const threshold = pack.thresholds[0];

  beforeAll(async () => {
    browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("filters the rules, facts and thresholds as the reader types, ignoring case and accents, and says how many are shown", async () => {
    if (!threshold) throw new Error("the edition has no threshold");
    const errors: string[] = [];
    const page = await opened().newPage({ viewport: { width: 390, height: 800 } });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(rulebookUrl);
    const all = await shown(page);
    // Every searchable element is shown before anything is typed (test/rulebook/rulebook.test.ts counts them against the model).
    expect(all.length).toBe(await page.locator(".searchable").count());
    expect(all.length).toBeGreaterThan(pack.information.length + pack.facts.length + pack.thresholds.length);

    await page.locator("form.search input").fill(threshold.name.toUpperCase());
    const found = await shown(page);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(all.length);
    expect(found.map((f) => f.id)).toContain(`valeur-${threshold.name}`);
    for (const item of found) expect(fold(item.text), item.id).toContain(fold(threshold.name));
    expect(await page.locator("form.search output").textContent()).toContain(String(found.length));

    // Every word must be found, wherever it is in the element: the label's words, accents removed, in any order.
    const words = fold(threshold.label)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 3)
      .slice(0, 2)
      .reverse();
    await page.locator("form.search input").fill(words.join(" "));
    const byLabel = await shown(page);
    expect(byLabel.map((f) => f.id)).toContain(`valeur-${threshold.name}`);
    for (const item of byLabel) for (const word of words) expect(fold(item.text), item.id).toContain(word);

    await page.locator("form.search input").fill("");
    expect(await shown(page)).toHaveLength(all.length);
    expect(await page.locator("form.search output").textContent()).toBe("");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.close();
    expect(errors).toEqual([]);
  });

  it("without JavaScript, the box is not shown and everything is", async () => {
    const context = await opened().newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(rulebookUrl);
    expect(await page.locator("form.search").isVisible()).toBe(false);
    const all = await page.locator(".searchable").count();
    expect(all).toBeGreaterThan(pack.information.length + pack.facts.length + pack.thresholds.length);
    expect(await shown(page)).toHaveLength(all);
    await context.close();
  });

  it("the Content-Security-Policy lets no other script run: an inline script added to the page is refused", async () => {
    const page = await opened().newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") refused.push(message.text());
    });
    await page.goto(rulebookUrl);
    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "document.body.setAttribute('data-ran', 'yes');";
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return document.body.getAttribute("data-ran");
    });
    await page.close();
    expect(ran).toBeNull();
    expect(refused.join("\n")).toMatch(/Content Security Policy/);
  });
});
