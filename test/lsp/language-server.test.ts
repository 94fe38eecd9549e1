import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionItem, Hover, Location, Range, TextEdit, WorkspaceEdit } from "vscode-languageserver/node.js";
import { compileGuideline } from "../../src/compiler/compile.js";
import { formatGuideline } from "../../src/dsl/format.js";
import { keywordWords } from "../../src/lsp/keyword-words.js";
import { runLabel, seedOf } from "../properties/property-settings.js";
import { repoRoot } from "../support/compile-guideline.js";
import { applyEdits, LanguageClient, positionOf, textAt } from "../support/lsp-client.js";

/** A small fictitious edition in two files: the declarations and rules, and the worked examples. */
const folder = join(repoRoot, "test/fixtures/lsp");
const mainPath = join(folder, "main.guideline");
const examplesPath = join(folder, "examples.guideline");
const mainText = readFileSync(mainPath, "utf8");
const examplesText = readFileSync(examplesPath, "utf8");
const texts = new Map([
  [pathToFileURL(mainPath).href, mainText],
  [pathToFileURL(examplesPath).href, examplesText],
]);

/** The text a location points at, in the fixture files. */
function located(l: Location): string {
  return textAt(texts.get(l.uri) ?? "", l.range);
}

function hoverValue(hover: Hover | null): string {
  const contents = hover?.contents;
  return contents && typeof contents === "object" && "value" in contents ? contents.value : "";
}

describe("the language server, driven over stdio as an editor drives it", () => {
  let client: LanguageClient;
  let mainUri: string;
  let examplesUri: string;

  beforeAll(async () => {
    client = new LanguageClient();
    const capabilities = await client.initialize();
    expect(capabilities).toMatchObject({
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentFormattingProvider: true,
    });
    mainUri = await client.open(mainPath);
    examplesUri = await client.open(examplesPath);
  }, 30_000);

  afterAll(async () => {
    expect(await client.close()).toBe(0);
    expect(client.stderr).toBe("");
  });

  it("publishes no diagnostics for an edition that checks, for each of its files", async () => {
    expect(await client.diagnosticsFor(mainUri)).toEqual([]);
    expect(await client.diagnosticsFor(examplesUri)).toEqual([]);
  });

  it("reports a mistake as it is typed, at the mistake, with its code and did-you-mean; and clears it once fixed", async () => {
    const typo = mainText.replace("when labs.count > seuil.count", "when labs.cuont > seuil.count");
    const reported = client.nextDiagnostics(mainUri, (d) => d.length > 0);
    await client.change(mainUri, typo);
    const diagnostics = await reported;
    const first = diagnostics[0];
    expect(first?.severity).toBe(1);
    expect(String(first?.code)).toMatch(/^GL2\d{3}$/);
    expect(first?.message).toContain("labs.count");
    expect(first && textAt(typo, first.range)).toBe("labs.cuont");
    const cleared = client.nextDiagnostics(mainUri, (d) => d.length === 0);
    await client.change(mainUri, mainText);
    expect(await cleared).toEqual([]);
  });

  it("reports a mistake in one file against the other file of the edition (a name used in the examples, declared in the rules)", async () => {
    // A renamed declaration is one error at the declaration (GL2090), each use, in either file, a related place.
    const renamed = mainText.replace("delay delai.a = 5 d", "delay delai.b = 5 d");
    const reported = client.nextDiagnostics(mainUri, (d) => d.length > 0);
    await client.change(mainUri, renamed);
    const diagnostics = await reported;
    const gathered = diagnostics.find((d) => d.code === "GL2090");
    expect(gathered && textAt(renamed, gathered.range)).toBe("delai.b");
    const places = gathered?.relatedInformation ?? [];
    expect(places.filter((p) => p.location.uri === examplesUri).map((p) => textAt(examplesText, p.location.range))).toContain("delai.a");
    const cleared = client.nextDiagnostics(mainUri, (d) => d.length === 0);
    await client.change(mainUri, mainText);
    await cleared;
  });

  it("hovers a threshold with its label, value and the rules that use it", async () => {
    const hover = await client.request<Hover | null>("textDocument/hover", {
      textDocument: { uri: mainUri },
      position: positionOf(mainText, "> seuil.count", 0, 4),
    });
    const value = hoverValue(hover);
    expect(value).toContain("seuil");
    expect(value).toContain("Numération minimale");
    expect(value).toContain("`50 000 /mm3`");
    expect(value).toContain("`seuil`");
    expect(hover?.range && textAt(mainText, hover.range)).toBe("seuil.count");
  });

  it("hovers a fact with its label and type, and a drug with its ATC code and class", async () => {
    const fact = hoverValue(
      await client.request<Hover | null>("textDocument/hover", {
        textDocument: { uri: examplesUri },
        position: positionOf(examplesText, "labs.count", 0, 2),
      }),
    );
    expect(fact).toContain("Numération");
    expect(fact).toContain("`quantity in /mm3 from 0 to 1 000 000`");
    const drug = hoverValue(
      await client.request<Hover | null>("textDocument/hover", {
        textDocument: { uri: mainUri },
        position: positionOf(mainText, "stop drug-a", 0, 6),
      }),
    );
    expect(drug).toContain("`B01AC04`");
    expect(drug).toContain("`classe-a` (Classe A)");
  });

  it("answers null on a place that names nothing", async () => {
    expect(await client.request("textDocument/hover", { textDocument: { uri: mainUri }, position: { line: 0, character: 0 } })).toBeNull();
  });

  it("jumps to a declaration from a use, across files", async () => {
    const fromRule = await client.request<Location | null>("textDocument/definition", {
      textDocument: { uri: mainUri },
      position: positionOf(mainText, "> seuil.count", 0, 3),
    });
    expect(fromRule && located(fromRule)).toBe("seuil.count");
    expect(fromRule?.range.start).toEqual(positionOf(mainText, "threshold seuil.count", 0, "threshold ".length));
    const fromExample = await client.request<Location | null>("textDocument/definition", {
      textDocument: { uri: examplesUri },
      position: positionOf(examplesText, "delai.a"),
    });
    expect(fromExample?.uri).toBe(mainUri);
    expect(fromExample?.range.start).toEqual(positionOf(mainText, "delay delai.a", 0, "delay ".length));
    const toRule = await client.request<Location | null>("textDocument/definition", {
      textDocument: { uri: examplesUri },
      position: positionOf(examplesText, "precondition seuil", 0, "precondition ".length),
    });
    expect(toRule?.range.start).toEqual(positionOf(mainText, "rule seuil", 0, "rule ".length));
  });

  it("finds every reference of a fact, in both files, with or without its declaration", async () => {
    const params = { textDocument: { uri: mainUri }, position: positionOf(mainText, "fact labs.count", 0, 6) };
    const all = await client.request<Location[]>("textDocument/references", { ...params, context: { includeDeclaration: true } });
    expect(all.map(located)).toEqual(all.map(() => "labs.count"));
    expect(new Set(all.map((l) => l.uri))).toEqual(new Set([mainUri, examplesUri]));
    const count = (text: string) => text.split("labs.count").length - 1;
    expect(all).toHaveLength(count(mainText) + count(examplesText));
    const uses = await client.request<Location[]>("textDocument/references", { ...params, context: { includeDeclaration: false } });
    expect(uses).toHaveLength(all.length - 1);
  });

  it("completes facts after `when`, thresholds after a comparison sign, units after a number, keywords at the start of a line", async () => {
    const complete = async (text: string, position: { line: number; character: number }) => {
      await client.change(mainUri, text);
      return (await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri: mainUri }, position })).map(
        (i) => i.label,
      );
    };
    const lines = mainText.split("\n").length;
    const afterWhen = await complete(`${mainText}\nrule nouvelle\n  when `, { line: lines + 1, character: "  when ".length });
    expect(afterWhen).toContain("labs.count");
    expect(afterWhen).not.toContain("seuil.count");
    expect(afterWhen).toEqual(expect.arrayContaining(["not", "taking"]));
    expect(afterWhen).not.toContain("rule");
    const afterSign = await complete(`${mainText}\nrule nouvelle\n  when labs.count > `, {
      line: lines + 1,
      character: "  when labs.count > ".length,
    });
    expect(afterSign).toContain("seuil.count");
    const afterNumber = await complete(`${mainText}\nthreshold seuil.autre = 12 `, {
      line: lines,
      character: "threshold seuil.autre = 12 ".length,
    });
    expect(afterNumber).toContain("/mm3");
    expect(afterNumber).toContain("d");
    expect(afterNumber).not.toContain("labs.count");
    const atStart = await complete(`${mainText}\n`, { line: lines, character: 0 });
    expect(atStart).toEqual(expect.arrayContaining([...keywordWords]));
    await client.change(mainUri, mainText);
  });

  it("formats a document as `guideline fmt` does, and leaves a canonical one untouched", async () => {
    const messy = mainText.replace("threshold seuil.count = 50 000 /mm3\n  label", "threshold   seuil.count =   50 000 /mm3 label");
    await client.change(mainUri, messy);
    const edits = await client.request<TextEdit[]>("textDocument/formatting", {
      textDocument: { uri: mainUri },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(applyEdits(messy, edits)).toBe(formatGuideline(messy, mainPath).text);
    expect(applyEdits(messy, edits)).toBe(mainText);
    await client.change(mainUri, mainText);
    expect(
      await client.request("textDocument/formatting", { textDocument: { uri: mainUri }, options: { tabSize: 2, insertSpaces: true } }),
    ).toEqual([]);
  });

  it("renames a delay in every file of the edition, and the renamed edition still checks", async () => {
    const position = positionOf(examplesText, "delai.a");
    const prepared = await client.request<{ range: Range; placeholder: string }>("textDocument/prepareRename", {
      textDocument: { uri: examplesUri },
      position,
    });
    expect(prepared.placeholder).toBe("delai.a");
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", {
      textDocument: { uri: examplesUri },
      position,
      newName: "delai.arret-a",
    });
    const changes = edit.changes ?? {};
    expect(Object.keys(changes).sort()).toEqual([examplesUri, mainUri].sort());
    const sources = [...texts].map(([uri, text]) => ({ file: fileURLToPath(uri), text: applyEdits(text, changes[uri] ?? []) }));
    for (const s of sources) expect(s.text).not.toMatch(/delai\.a\b(?!rret)/);
    const source = readFileSync(join(folder, "source.txt"), "utf8");
    const result = compileGuideline(sources, { readSourceDocument: () => source });
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.thresholds.map((t) => t.name)).toContain("delai.arret-a");
  });

  it("refuses a rename, with its code, that would not give a name, gives a keyword, renames a rule, or takes a declared name", async () => {
    const rename = (uri: string, position: { line: number; character: number }, newName: string) =>
      client.request("textDocument/rename", { textDocument: { uri }, position, newName }).then(
        () => "accepted",
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    const threshold = positionOf(mainText, "threshold seuil.count", 0, "threshold ".length);
    expect(await rename(mainUri, threshold, "seuil compte")).toMatch(/^GL7070 /);
    expect(await rename(mainUri, threshold, "rule")).toMatch(/^GL7071 /);
    expect(await rename(mainUri, threshold, "labs.count")).toMatch(/^GL7073 /);
    expect(await rename(mainUri, positionOf(mainText, "rule seuil", 0, "rule ".length), "seuil2")).toMatch(/^GL7072 /);
  });

  it("survives hostile text (an unclosed quote, control characters, deep nesting) and still answers", async () => {
    const hostile = `${mainText}\nrule x\n  statement "jamais fermé\u001b[2J\u0000\n  when ${"(".repeat(500)}labs.count`;
    const reported = client.nextDiagnostics(mainUri, (d) => d.length > 0);
    await client.change(mainUri, hostile);
    const diagnostics = await reported;
    expect(diagnostics.every((d) => /^GL\d{4}$/.test(String(d.code)))).toBe(true);
    expect(diagnostics.some((d) => d.message.includes("\u001b"))).toBe(false);
    await client.change(mainUri, mainText);
    const hover = await client.request<Hover | null>("textDocument/hover", {
      textDocument: { uri: mainUri },
      position: positionOf(mainText, "> seuil.count", 0, 4),
    });
    expect(hoverValue(hover)).toContain("seuil.count");
  });

  const cases = 25;
  const seed = seedOf(71);
  it(`law: whatever is typed, the server answers every request and reports only coded diagnostics (${runLabel(cases, seed)})`, async () => {
    const edit = fc.record({
      at: fc.nat({ max: mainText.length }),
      cut: fc.nat({ max: 40 }),
      insert: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('"', "(", ")", "\u0000", "\u001b[2J", "rule ", "when ", " > ", "#", "50 000 /mm3", "é"),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.nat(), async (edits, where) => {
        const text = edits.reduce(
          (t, e) => t.slice(0, Math.min(e.at, t.length)) + e.insert + t.slice(Math.min(e.at, t.length) + e.cut),
          mainText,
        );
        const lines = text.split("\n");
        const line = where % lines.length;
        const position = { line, character: where % ((lines[line] ?? "").length + 1) };
        await client.change(mainUri, text);
        const params = { textDocument: { uri: mainUri }, position };
        await client.request("textDocument/hover", params);
        await client.request("textDocument/definition", params);
        await client.request("textDocument/completion", params);
        await client.request("textDocument/references", { ...params, context: { includeDeclaration: true } });
        await client.request("textDocument/formatting", { textDocument: { uri: mainUri }, options: { tabSize: 2, insertSpaces: true } });
        const diagnostics = await client.diagnosticsFor(mainUri);
        for (const d of diagnostics) {
          expect(String(d.code)).toMatch(/^GL\d{4}$/);
          expect(Array.from(d.message, (c) => c.charCodeAt(0)).filter((code) => code < 32 && code !== 10)).toEqual([]);
        }
      }),
      { seed, numRuns: cases },
    );
    await client.change(mainUri, mainText);
    expect(client.stderr).toBe("");
  }, 120_000);
});

describe("the language server follows files changed on disk, as the editor reports them", () => {
  const scratch = mkdtempSync(join(tmpdir(), "guideline-lsp-"));
  const copy = join(scratch, "edition");
  cpSync(folder, copy, { recursive: true });
  const client = new LanguageClient();

  afterAll(async () => {
    expect(await client.close()).toBe(0);
    rmSync(scratch, { recursive: true, force: true });
  });

  it("checks again when the source document or a file not open changes: a quote no longer found, a name no longer declared", async () => {
    await client.initialize();
    const main = join(copy, "main.guideline");
    const uri = await client.open(main);
    expect(await client.diagnosticsFor(uri)).toEqual([]);
    const source = join(copy, "source.txt");
    const sentence = "La fièvre contre-indique le geste.";
    writeFileSync(source, readFileSync(source, "utf8").replace(sentence, "Une autre phrase."));
    const quoteLost = client.nextDiagnostics(uri, (d) => d.length > 0);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: pathToFileURL(source).href, type: 2 }],
    });
    const diagnostics = await quoteLost;
    expect(diagnostics.map((d) => String(d.code))).toContain("GL4002");
    expect(diagnostics.map((d) => textAt(mainText, d.range))).toContain(`"${sentence}"`);

    const examples = join(copy, "examples.guideline");
    writeFileSync(
      examples,
      `${readFileSync(examples, "utf8")}\nexample ex.nouveau "Nouveau"\n  given labs.inconnu = yes\n  expect verdict ok\n`,
    );
    const examplesUri = pathToFileURL(examples).href;
    const unknown = client.nextDiagnostics(examplesUri, (d) => d.length > 0);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: examplesUri, type: 2 }] });
    expect((await unknown).map((d) => d.message).join("\n")).toContain("labs.inconnu");
  });
});
