import { createHash } from "node:crypto";
import Handlebars from "handlebars";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { fillWords, isInterfaceWordKey } from "../interface-words/index.js";
import { runExamples } from "../examples/run-examples.js";
import type { PreviousEdition } from "../editions/previous-edition.js";
import type { CompileHost, CompileResult } from "../compiler/compile.js";
import { rulebookSearchScript } from "./search-script.js";
import { rulebookPartials, rulebookStyles, rulebookTemplate } from "./templates.js";
import { buildRulebookView, type RulebookInput, type RulebookView } from "./view-model.js";

/** Where the rulebook goes among the generated files (under `generated/`). */
export const rulebookOutputName = "rulebook/index.html";

/** What the page template gets besides the view: the inline stylesheet and script, and the policy that allows exactly them. */
interface PageConstants {
  readonly styles: string;
  readonly script: string;
  readonly contentSecurityPolicy: string;
}

let compiled: Handlebars.TemplateDelegate<RulebookView & PageConstants> | undefined;

/**
 * `{{word "key" value…}}`: an interface word of the page's language (the view's `words`), with its
 * `{0}`, `{1}`… filled by the values. It returns a plain string, so Handlebars escapes it like any
 * other expression. An unknown key is a bug of the templates and throws.
 */
function wordHelper(key: unknown, ...rest: unknown[]): string {
  const options = rest.pop() as Handlebars.HelperOptions;
  const root = (options.data as { root: RulebookView }).root;
  if (typeof key !== "string" || !isInterfaceWordKey(key))
    throw new Error(`the rulebook template asks for an unknown interface word ${String(key)}`);
  return fillWords(root.words[key], ...rest.map((value) => (typeof value === "number" ? value : String(value))));
}

/** The page template, compiled once on an isolated Handlebars instance in strict mode. */
function pageTemplate(): Handlebars.TemplateDelegate<RulebookView & PageConstants> {
  if (compiled) return compiled;
  const handlebars = Handlebars.create();
  handlebars.registerHelper("word", wordHelper);
  const options = { strict: true, noEscape: false, knownHelpers: { word: true }, knownHelpersOnly: true, preventIndent: true } as const;
  for (const [name, text] of Object.entries(rulebookPartials)) handlebars.registerPartial(name, handlebars.compile(text, options));
  compiled = handlebars.compile<RulebookView & PageConstants>(rulebookTemplate, options);
  return compiled;
}

/** Trailing spaces and runs of blank lines, as the template's block tags leave them, removed. */
function tidy(text: string): string {
  return text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n");
}

/** The `'sha256-…'` source of a Content-Security-Policy that allows this inline text, and nothing else. */
function hashSource(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * The page's constants, tidied as the whole page will be (so the hashes match the text the
 * browser reads), and the policy: nothing may load, and only this stylesheet and this script run.
 */
function pageConstants(): PageConstants {
  const styles = tidy(rulebookStyles);
  const script = tidy(rulebookSearchScript);
  return {
    styles,
    script,
    contentSecurityPolicy: `default-src 'none'; style-src ${hashSource(styles)}; script-src ${hashSource(script)}; base-uri 'none'; form-action 'none'`,
  };
}

/**
 * Renders the reviewer's rulebook: one self-contained HTML page in the guideline's language,
 * with nothing loaded from the network and one script of its own (the search box), allowed by
 * its hash. Every string from the sources goes through Handlebars' escaping; the output is the
 * same, byte for byte, for the same input.
 */
function renderRulebook(input: RulebookInput): string {
  const view = buildRulebookView(input);
  const html = pageTemplate()({ ...view, ...pageConstants() }, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  return `${tidy(html).trim()}\n`;
}

/**
 * Builds the rulebook of a compiled guideline: reads the source document, runs the examples
 * to find the rules each one exercises, and renders the page. Undefined when the compilation
 * produced no pack (there were errors) or the source document cannot be read.
 */
export async function buildRulebook(result: CompileResult, host: CompileHost, previous?: PreviousEdition): Promise<string | undefined> {
  const { model, pack } = result;
  if (!model || !pack || hasErrors(result.diagnostics)) return undefined;
  const sourceText = host.readSourceDocument(model.sourceDocument);
  if (sourceText === undefined) return undefined;
  const examples = await runExamples(model, pack);
  return renderRulebook({
    model,
    pack,
    sourceText,
    diagnostics: result.diagnostics,
    ...(result.coverage ? { coverage: result.coverage } : {}),
    examples,
    ...(previous ? { previous } : {}),
    exampleBases: new Map(
      result.files.flatMap((file) =>
        file.declarations.flatMap((d) => (d.kind === "example" && d.base ? [[d.id.text, d.base.text] as const] : [])),
      ),
    ),
  });
}

/**
 * The compile result with the rulebook added to its outputs, as `rulebook/index.html`, so that
 * `guideline compile` writes it with the pack and CI checks it is fresh. The result is returned
 * unchanged when there is no pack.
 */
export async function withRulebook(result: CompileResult, host: CompileHost, previous?: PreviousEdition): Promise<CompileResult> {
  if (!result.outputs) return result;
  const html = await buildRulebook(result, host, previous);
  if (html === undefined) return result;
  return { ...result, outputs: new Map([...result.outputs, [rulebookOutputName, html]]) };
}
