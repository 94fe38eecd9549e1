import { createHash } from "node:crypto";
import Handlebars from "handlebars";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { fillWords, isInterfaceWordKey } from "../interface-words/index.js";
import { runExamples } from "../examples/run-examples.js";
import type { PreviousEdition } from "../editions/previous-edition.js";
import type { CompileHost, CompileResult } from "../compiler/compile.js";
import { rulebookSearchScript } from "./search-script.js";
import { tryPatientScript } from "./try-patient-script.js";
import { rulebookPartials, rulebookStyles, rulebookTemplate } from "./templates.js";
import { buildRulebookView, type RulebookInput, type RulebookView } from "./view-model.js";

/** Where the rulebook goes among the generated files (under `generated/`). */
export const rulebookOutputName = "rulebook/index.html";

/** What the page template gets besides the view: the inline stylesheet and scripts, and the policy that allows exactly them. */
interface PageConstants {
  readonly styles: string;
  readonly script: string;
  /** A placeholder, replaced after tidying by the script of the form (which tidying must not touch). */
  readonly tryScript: string;
  readonly contentSecurityPolicy: string;
}

/** What the template writes in the place of the form's script, replaced once the page is tidied. */
const tryScriptPlaceholder = "/*try-patient-script*/";

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
function pageConstants(tryScript: string): PageConstants {
  const styles = tidy(rulebookStyles);
  const script = tidy(rulebookSearchScript);
  return {
    styles,
    script,
    tryScript: tryScriptPlaceholder,
    contentSecurityPolicy: `default-src 'none'; style-src ${hashSource(styles)}; script-src ${hashSource(script)} ${hashSource(tryScript)}; base-uri 'none'; form-action 'none'`,
  };
}

/** The texts the form « Essayer un patient » carries into the page: the pack file and its facts validator, as the compiler wrote them. */
interface PackTexts {
  readonly packText: string;
  readonly factsValidatorText: string;
}

/**
 * Renders the reviewer's rulebook: one self-contained HTML page in the guideline's language,
 * with nothing loaded from the network and two scripts of its own (the search box, and the form
 * « Essayer un patient » with the runtime and the pack), each allowed by its hash. Every string
 * from the sources goes through Handlebars' escaping (or, in the form's script, JSON with `<`
 * escaped); the output is the same, byte for byte, for the same input.
 */
function renderRulebook(input: RulebookInput, texts: PackTexts): string {
  const view = buildRulebookView(input);
  const tryScript = tryPatientScript(texts.packText, texts.factsValidatorText, view.tryPatient);
  const html = pageTemplate()(
    { ...view, ...pageConstants(tryScript) },
    { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false },
  );
  const page = `${tidy(html).trim()}\n`;
  const at = page.indexOf(tryScriptPlaceholder);
  if (at < 0 || page.indexOf(tryScriptPlaceholder, at + 1) >= 0) throw new Error("the rulebook template must hold the form's script once");
  return `${page.slice(0, at)}${tryScript}${page.slice(at + tryScriptPlaceholder.length)}`;
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
  const packText = result.outputs?.get("pack.json");
  const factsValidatorText = result.outputs?.get("facts.validate.cjs");
  if (packText === undefined || factsValidatorText === undefined) return undefined;
  const examples = await runExamples(model, pack);
  return renderRulebook(
    {
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
    },
    { packText, factsValidatorText },
  );
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
