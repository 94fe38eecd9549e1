import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { compileGuideline, type CompileHost, type CompileResult, type SourceInput } from "../compiler/compile.js";
import { loadSources } from "../compiler/load-sources.js";
import { decodeUtf8 } from "../io/decode-utf8.js";
import { indexSymbols, type SymbolIndex } from "./symbol-index.js";

/** One edition as the editor sees it: its files (open documents as typed, the others as saved), checked and indexed. */
export interface EditionAnalysis {
  /** The edition's folder. */
  readonly folder: string;
  /** The absolute path of every `.guideline` file of the edition, with its text. */
  readonly texts: ReadonlyMap<string, string>;
  /** The compiler's result: diagnostics, ASTs, and the model when the sources check. Spans name files by absolute path (the source document by its path relative to the folder). */
  readonly result: CompileResult;
  readonly index: SymbolIndex;
}

/**
 * Checks the edition that `file` belongs to: every `.guideline` file of its folder, read from
 * `openTexts` when the editor has it open (the text as typed, saved or not), else from disk, with
 * the source document its header names. Never throws for what the files hold: a folder that
 * cannot be listed is checked as the one file.
 */
export function analyseEdition(file: string, openTexts: ReadonlyMap<string, string>): EditionAnalysis {
  const folder = dirname(file);
  const paths = new Set<string>([file]);
  for (const entry of listFolder(folder)) if (entry.endsWith(".guideline")) paths.add(join(folder, entry));
  for (const open of openTexts.keys()) if (dirname(open) === folder && open.endsWith(".guideline")) paths.add(open);
  const sources: SourceInput[] = [];
  for (const path of [...paths].sort()) {
    const open = openTexts.get(path);
    const source: SourceInput | undefined = open === undefined ? readSource(path) : { file: path, text: open };
    if (source) sources.push(source);
  }
  // The editor shows diagnostics and navigates the sources: it never needs the pack.
  const result = compileGuideline(sources, sourceDocumentHost(folder), { lower: false });
  return { folder, texts: new Map(sources.map((s) => [s.file, s.text])), result, index: indexSymbols(result.files) };
}

/** The absolute path of a file a diagnostic names (the source document is named relative to the edition's folder). */
export function absoluteFile(analysis: EditionAnalysis, file: string): string {
  return resolve(analysis.folder, file);
}

/** The host of the command line (the source document is read from inside the folder only), with the document named by its path in the folder. */
function sourceDocumentHost(folder: string): CompileHost {
  try {
    return loadSources([folder], folder).host;
  } catch {
    return { readSourceDocument: () => undefined };
  }
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** A file as saved; one that is not UTF-8 is reported where its first bad byte is (GL1011). */
function readSource(path: string): SourceInput | undefined {
  try {
    const decoded = decodeUtf8(readFileSync(path));
    return { file: path, text: decoded.text, ...(decoded.invalid ? { invalidUtf8: decoded.invalid } : {}) };
  } catch {
    return undefined;
  }
}
