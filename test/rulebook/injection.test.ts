import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { rulebookSearchScript } from "../../src/rulebook/search-script.js";
import { injectionFixture, inlineParts, isTryPatientScript, rulebookOf } from "./support.js";

/*
 * The fixture's quotes, labels, statements, titles and reference text carry markup, event
 * handlers, `javascript:` links and Handlebars expressions. Here the page's text is checked;
 * test/rulebook/browser.test.ts parses the same page in Chromium and checks its DOM.
 */

const payloads = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "{{constructor}}"];

let html = "";
/** The page with its own two scripts emptied: the markup, which the sources' texts must not change (the scripts are checked apart). */
let markup = "";
beforeAll(async () => {
  html = (await rulebookOf("test/fixtures/rulebook-injection")).html;
  markup = html.replace(/<script>[\s\S]*?<\/script>/g, "<script></script>");
});

describe("text from the sources cannot inject markup, links or templates into the rulebook", () => {
  it("the fixture really carries every payload, in quotes, labels and citations", () => {
    const source = readFileSync(join(injectionFixture, "injection.guideline"), "utf8");
    for (const payload of payloads) expect(source).toContain(payload.replace(/"/g, '\\"'));
    expect(source).toMatch(/quote "Le seuil est <script>alert\(1\)<\/script>/);
    expect(source).toMatch(/label "\\"><img src=x onerror=alert\(1\)>"/);
    expect(source).toMatch(/reference 1 ".*javascript:alert\(1\).*<script>/);
  });

  it("every `<` from the sources is escaped: the page has no script, img or anchor other than its own", () => {
    // Two scripts: the page's own search and its form (with the pack, whose texts are JSON with `<` escaped), each allowed by its hash; none from the sources.
    // The form's script carries the pack (JSON, `<` escaped) and its validator (strings where `</script` is `<\/script`): neither can end it.
    expect(markup.match(/<script/gi)).toHaveLength(2);
    const [search, form] = inlineParts(html).scripts;
    expect(search).toBe(rulebookSearchScript);
    expect(isTryPatientScript(form)).toBe(true);
    expect(form).toContain("\\u003cscript>alert(1)\\u003c/script>");
    expect(form).toContain("<script>alert(1)<\\/script>");
    expect(markup).not.toMatch(/<img/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
    // The reference's own `<a href="javascript:…">` is text.
    expect(html).toContain("&lt;a href&#x3D;&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;");
  });

  it("every attribute of the page is quoted and no event-handler attribute exists", () => {
    for (const [tag] of markup.matchAll(/<[a-z][^>]*>/gi)) {
      expect(tag.replace(/=\s*"[^"]*"/g, ""), tag).not.toContain("=");
      expect(tag, tag).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });

  it("every link is a fragment; no `javascript:` or other scheme reaches an href", () => {
    const hrefs = [...markup.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(hrefs.length).toBeGreaterThan(20);
    for (const href of hrefs) expect(href).toMatch(/^#[A-Za-z0-9._-]+$/);
  });

  it("Handlebars expressions in source text are shown as text, never evaluated", () => {
    expect(html).toContain("{{constructor}} {{#each this}}x{{/each}}");
    expect(markup).not.toMatch(/function Object\(\)|\[object Object\]/);
  });

  it("a sentence of the source quoted by no rule is highlighted, and one set aside shows its reason", () => {
    expect(html).toMatch(
      /<span class="passage uncovered" id="passage-\d+"><span class="num">\d+<\/span> Une phrase que personne ne cite et que rien n&#x27;explique\.<\/span> <strong class="flag">non repris<\/strong>/,
    );
    expect(html).toContain("(non repris : Raison &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("Aucune incohérence détectée");
  });
});
