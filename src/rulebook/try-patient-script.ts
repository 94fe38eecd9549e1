import { readFileSync } from "node:fs";
import { tryFormScript } from "./try-form-script.js";
import { tryListScript } from "./try-list-script.js";
import type { TryPatientData } from "./view-types.js";
import { tryReportScript } from "./try-report-script.js";

/**
 * The script of « Essayer un patient »: one classic script, in one closure, that holds the
 * browser runtime and the UCUM library it converts the units outside the pack's table with
 * (built by `npm run build` into `dist/browser/`; see `tools/build-browser-runtime.mjs`), so that
 * the page takes every unit the command line takes; the facts validator generated with the pack (CommonJS,
 * given a `module` of its own), the text of `pack.json` (which that validator pins by its hash),
 * the form's data, and the form. The page allows it by its hash, as it allows the search box.
 */

/** The built scripts the page carries, by name (two folders up from `src/rulebook/` or `dist/rulebook/`). */
const builtFiles = {
  runtime: new URL("../../dist/browser/guideline-runtime.iife.js", import.meta.url),
  ucum: new URL("../../dist/browser/ucum.iife.js", import.meta.url),
} as const;

const builtTexts = new Map<keyof typeof builtFiles, string>();

/** A built script, read once; an error naming the build when it is missing. */
function built(name: keyof typeof builtFiles): string {
  const known = builtTexts.get(name);
  if (known !== undefined) return known;
  let text: string;
  try {
    text = readFileSync(builtFiles[name], "utf8");
  } catch {
    throw new Error(`the rulebook needs ${builtFiles[name].pathname}, which is missing: run \`npm run build\``);
  }
  builtTexts.set(name, text);
  return text;
}

/** The one module of ajv the generated validators require at run time, as ajv writes it. */
const ajvModules = `
var ucs2length = function (text) {
  var length = 0, position = 0, value;
  while (position < text.length) {
    length++;
    value = text.charCodeAt(position++);
    if (value >= 0xd800 && value <= 0xdbff && position < text.length) {
      value = text.charCodeAt(position);
      if ((value & 0xfc00) === 0xdc00) position++;
    }
  }
  return length;
};
var require = function (name) {
  if (name === "ajv/dist/runtime/ucs2length") return { default: ucs2length };
  throw new Error("the facts validator requires " + name + ", which the page does not carry");
};
`;

/** Text that ends an inline script, or hides its end, in HTML: refused rather than escaped. */
const scriptBreakers = /<\/script|<!--/i;

/**
 * Generated code for inside a script: `</script` and `<!--` (which the validator's strings may hold,
 * copied from the guideline's labels) written `<\/script` and `<\u0021--`, which mean the same in
 * a string, a template or a regular expression. The validator holds them nowhere else.
 */
function scriptCode(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\u0021--");
}

/** JSON for inside a script: `<` and the line separators escaped, so the text can never close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The form's wiring: builds the controls, evaluates on every change, shares by link, loads examples and links. */
const tryWiringScript = `
var root = document.getElementById("essai");
if (!root) return;
var form = document.getElementById("essai-formulaire");
var output = document.getElementById("essai-rapport");
var pack;
try { pack = runtime.loadPackText(packText, factsValidator); } catch (error) { showFailure(output, failureOf(error)); return; }
var kinds = { boolean: booleanControl, enum: enumControl, quantity: quantityControl, date: dateControl, medications: listControl };
var controls = pack.facts.filter(function (fact) { return own(kinds, fact.type); }).map(function (fact, index) {
  var control = kinds[fact.type](fact, "essai-fait-" + index);
  control.fact = fact;
  form.append(control.element);
  return control;
});
var goTo = function (path) { controls.forEach(function (c) { if (c.fact.path === path) { c.element.scrollIntoView(); c.focus(); } }); };
var readFacts = function () {
  var facts = {};
  controls.forEach(function (c) { var value = c.read(); if (value !== undefined) writePath(facts, c.fact.path, value); });
  return facts;
};
var writeFacts = function (facts) { controls.forEach(function (c) { c.write(readPath(facts, c.fact.path)); }); };
var shareText = el("input", { type: "text", readonly: "", id: "essai-lien" });
var share = el("p", { class: "try-share" }, [el("label", { for: "essai-lien" }, [words.shareLabel]), shareText]);
var clear = el("button", { type: "button" }, [words.clear]);
form.append(el("p", {}, [clear]), share);
var evaluateForm = function () {
  var facts = readFacts();
  var fragment = "#patient=" + encodeURIComponent(JSON.stringify(facts));
  shareText.value = location.href.split("#")[0] + fragment;
  try { showReport(output, runtime.evaluateSync(facts, pack), goTo); } catch (error) { showFailure(output, failureOf(error)); }
};
var loadFacts = function (facts) {
  try { runtime.evaluateSync(facts, pack); } catch (error) { showFailure(output, failureOf(error)); return false; }
  writeFacts(facts);
  evaluateForm();
  return true;
};
var loadFragment = function () {
  var hash = location.hash;
  if (hash.indexOf("#patient=") !== 0) return;
  var facts, text;
  try { text = decodeURIComponent(hash.slice("#patient=".length)); } catch (error) {
    return showFailure(output, { code: "GL5007", message: words.badLink + " (" + String(error && error.message) + ")" });
  }
  if (text.length > runtime.runtimeLimits.inputBytes) return showFailure(output, { code: "GL5040", message: words.badLink });
  try { facts = JSON.parse(text); } catch (error) {
    return showFailure(output, { code: "GL5007", message: words.badLink + " (" + String(error && error.message) + ")" });
  }
  loadFacts(facts);
  root.scrollIntoView();
};
form.addEventListener("input", evaluateForm);
form.addEventListener("change", evaluateForm);
form.addEventListener("submit", function (event) { event.preventDefault(); evaluateForm(); });
clear.addEventListener("click", function () { writeFacts({}); evaluateForm(); });
Array.prototype.forEach.call(document.querySelectorAll("button.try-example"), function (button) {
  var id = button.getAttribute("data-example");
  if (!own(data.examples, id)) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    if (!loadFacts(data.examples[id])) return;
    var heading = document.getElementById("essai-titre");
    heading.scrollIntoView();
    heading.focus();
  });
});
Array.prototype.forEach.call(document.querySelectorAll(".try-noscript"), function (note) { note.hidden = true; });
form.hidden = false;
window.addEventListener("hashchange", loadFragment);
evaluateForm();
loadFragment();
`;

/** The script of the form, for a pack's text and its facts validator (see the top of this file). */
export function tryPatientScript(packText: string, factsValidatorText: string, data: TryPatientData): string {
  const runtime = built("runtime");
  const ucum = built("ucum");
  for (const [name, text] of [
    ["browser runtime", runtime],
    ["UCUM library", ucum],
    ["facts validator", scriptCode(factsValidatorText)],
  ] as const)
    if (scriptBreakers.test(text)) throw new Error(`the ${name} holds text that would end the page's script`);
  return [
    "\n(function () {",
    '"use strict";',
    runtime.trim(),
    ucum.trim(),
    "guidelineRuntime.useUcum(guidelineUcum.UcumLhcUtils.getInstance());",
    "var factsValidator = (function () {",
    "var module = { exports: {} };",
    "var exports = module.exports;",
    ajvModules.trim(),
    scriptCode(factsValidatorText).trim(),
    "return module.exports;",
    "})();",
    `var packText = ${scriptJson(packText)};`,
    `var data = ${scriptJson(data)};`,
    "var words = data.words;",
    "var runtime = guidelineRuntime;",
    tryFormScript.trim(),
    tryListScript.trim(),
    tryReportScript.trim(),
    tryWiringScript.trim(),
    "})();\n",
  ].join("\n");
}
