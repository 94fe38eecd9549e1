// Renders the screenshots of docs/editing.md#editor-setup: an excerpt of the current edition
// coloured by the TextMate grammar of editors/vscode (tokenised by vscode-textmate, as VS Code
// does, with the colours of VS Code's Dark+ theme), with what the real language server answers:
// the hover of a threshold, and the diagnostic of a misspelt name. They are drawn in Chromium
// (/usr/bin/chromium, through playwright-core): a rendering of the grammar's and the server's own
// output, not a capture of VS Code, which this machine does not have.
//
//   npm run build && node tools/editor-screenshots.mjs   # writes docs/images/editor-*.png
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";

const require = createRequire(import.meta.url);
const textmate = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = fileURLToPath(new URL("..", import.meta.url));
const grammarPath = join(root, "editors/vscode/syntaxes/guideline.tmLanguage.json");

/** VS Code's Dark+ colours for the scopes the grammar gives, most specific first. */
const colours = [
  ["comment", "#6A9955"],
  ["constant.character.escape", "#D7BA7D"],
  ["string", "#CE9178"],
  ["storage.type", "#569CD6"],
  ["entity.name", "#4EC9B0"],
  ["keyword.control", "#C586C0"],
  ["keyword.operator", "#D4D4D4"],
  ["keyword", "#569CD6"],
  ["support.type", "#4EC9B0"],
  ["constant.numeric", "#B5CEA8"],
  ["constant.other.unit", "#DCDCAA"],
  ["variable", "#9CDCFE"],
];

async function loadGrammar() {
  const wasm = readFileSync(join(root, "node_modules/vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath),
  });
  return registry.loadGrammar("source.guideline");
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** The lines coloured as VS Code colours them: one HTML line per source line. */
function colourLines(grammar, lines) {
  let state = textmate.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens
      .map((t) => {
        const scopes = t.scopes.slice().reverse().join(" ");
        const colour = colours.find(([scope]) => t.scopes.some((s) => s.startsWith(scope)))?.[1] ?? "#D4D4D4";
        return `<span style="color:${colour}" title="${escapeHtml(scopes)}">${escapeHtml(line.slice(t.startIndex, t.endIndex))}</span>`;
      })
      .join("");
  });
}

/** A session with the real server: open the file, then ask. */
async function serverAnswers(file, text, position, misspelt) {
  const child = spawn(process.execPath, [join(root, "dist/cli/guideline.js"), "lsp", "--stdio"], { cwd: root });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map();
  connection.onNotification("textDocument/publishDiagnostics", (p) => published.set(p.uri, p.diagnostics));
  connection.listen();
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {} });
  await connection.sendNotification("initialized", {});
  const uri = pathToFileURL(file).href;
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "guideline", version: 1, text } });
  const hover = await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position });
  await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: misspelt }] });
  await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 0 } });
  const diagnostics = published.get(uri) ?? [];
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  connection.dispose();
  return { hover: hover?.contents?.value ?? "", diagnostics };
}

/** A little Markdown, as the hover shows it: bold, code, quotes, paragraphs. */
function markdownHtml(markdown) {
  return markdown
    .split("\n\n")
    .map((p) => {
      const html = escapeHtml(p.replace(/\\(.)/g, "$1"))
        .replace(/\*\*(.+?)\*\*/g, "<b>$1</b>")
        .replace(/`([^`]+)`/g, "<code>$1</code>")
        .replace(/^\*(.+)\*$/, "<i>$1</i>");
      return p.startsWith("&gt;") || p.startsWith(">") ? `<blockquote>${html.replace(/^&gt; ?/, "")}</blockquote>` : `<p>${html}</p>`;
    })
    .join("");
}

function page(lines, firstLine, overlay) {
  const gutter = lines.map((_, i) => `<div>${firstLine + i + 1}</div>`).join("");
  return `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; background: #1E1E1E; font: 14px/20px "DejaVu Sans Mono", monospace; color: #D4D4D4; }
    .editor { display: flex; padding: 12px 0; position: relative; }
    .gutter { color: #858585; text-align: right; padding: 0 16px 0 12px; min-width: 36px; }
    pre { margin: 0; font: inherit; }
    .box { position: absolute; background: #252526; border: 1px solid #454545; padding: 4px 10px; max-width: 640px;
           font: 13px/18px sans-serif; color: #CCCCCC; box-shadow: 0 2px 8px #000A; }
    .box code { font-family: "DejaVu Sans Mono", monospace; color: #D7BA7D; }
    .box blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #555; color: #AAAAAA; }
    .squiggle { text-decoration: underline wavy #F14C4C; }
  </style><div class="editor"><div class="gutter">${gutter}</div><pre>${lines.join("\n")}</pre>${overlay}</div>`;
}

async function main() {
  const editions = JSON.parse(readFileSync(join(root, "guideline/editions.json"), "utf8"));
  const folder = join(root, "guideline", String(editions.current));
  const file = join(
    folder,
    readdirSync(folder)
      .filter((f) => f.endsWith(".guideline"))
      .sort()[0],
  );
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  // The first rule that compares a fact with a threshold, and that threshold.
  const use = lines.findIndex((l) => /^\s*when .*[<>]=? *[A-Za-z_][\w.-]*\s*$/.test(l));
  const threshold = /[<>]=? *([A-Za-z_][\w.-]*)\s*$/.exec(lines[use])[1];
  const ruleStart = lines.slice(0, use + 1).findLastIndex((l) => l.startsWith("rule "));
  const excerpt = lines.slice(ruleStart, use + 3);
  const character = lines[use].lastIndexOf(threshold);
  const misspelt = lines
    .map((l, i) => (i === use ? l.slice(0, character) + threshold.slice(0, -1) + l.slice(character + threshold.length) : l))
    .join("\n");
  const { hover, diagnostics } = await serverAnswers(file, text, { line: use, character: character + 1 }, misspelt);
  const diagnostic = diagnostics.find((d) => d.range.start.line === use);
  if (!hover || !diagnostic) throw new Error("the server gave no hover or no diagnostic for the excerpt");

  const grammar = await loadGrammar();
  const coloured = colourLines(grammar, excerpt);
  const top = (use - ruleStart + 1) * 20 + 16;
  const left = 64 + character * 8.4;
  const hoverPage = page(coloured, ruleStart, `<div class="box" style="top:${top}px; left:${left}px">${markdownHtml(hover)}</div>`);
  const wrong = colourLines(grammar, misspelt.split("\n").slice(ruleStart, use + 3));
  const row = use - ruleStart;
  wrong[row] = wrong[row].replace(
    new RegExp(`(<span[^>]*>)(${threshold.slice(0, -1).replace(/[.-]/g, "\\$&")})(</span>)`),
    '$1<span class="squiggle">$2</span>$3',
  );
  const message = `<p>${escapeHtml(diagnostic.message).replace(/\n/g, "<br>")}</p><p style="color:#858585">guideline(${diagnostic.code})</p>`;
  const diagnosticPage = page(wrong, ruleStart, `<div class="box" style="top:${top}px; left:${left}px">${message}</div>`);

  mkdirSync(join(root, "docs/images"), { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.RULEBOOK_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const view = await browser.newPage({ viewport: { width: 1000, height: (excerpt.length + 9) * 20 } });
    for (const [name, html] of [
      ["editor-hover.png", hoverPage],
      ["editor-diagnostic.png", diagnosticPage],
    ]) {
      await view.setContent(html);
      await view.screenshot({ path: join(root, "docs/images", name) });
      console.log(`wrote docs/images/${name}`);
    }
  } finally {
    await browser.close();
  }
}

await main();
