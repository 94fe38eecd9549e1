import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic as LspDiagnostic, Location, Position } from "vscode-languageserver/node.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { lspFormDiagnostic, spanRange, uriOf } from "../diagnostics/lsp-form.js";
import { escapeText } from "../runtime/escape-text.js";
import { absoluteFile, analyseEdition, type EditionAnalysis } from "./edition-analysis.js";
import { occurrenceAt, type Occurrence } from "./symbol-index.js";

/** How long the server waits after the last keystroke before checking the edition again, in milliseconds. */
const typingPause = 150;

export { spanRange, uriOf };

/** The absolute path of a `file:` URI; undefined for another scheme (an unsaved document has no edition). */
export function pathOf(uri: string): string | undefined {
  return uri.startsWith("file:") ? fileURLToPath(uri) : undefined;
}

/** The path of a `.guideline` file; undefined for any other document (a source text opened beside it is not checked as a guideline). */
function guidelinePath(uri: string): string | undefined {
  const path = pathOf(uri);
  return path?.endsWith(".guideline") ? path : undefined;
}

/** The diagnostic as the editor shows it: its LSP form (shared with `check --json`), the hints under the message. */
function lspDiagnostic(d: Diagnostic, analysis: EditionAnalysis): LspDiagnostic {
  const form = lspFormDiagnostic(d, (file) => absoluteFile(analysis, file));
  return {
    ...form,
    message: escapeText([form.message, ...form.hints.map((h) => `hint: ${h}`)].join("\n")),
    relatedInformation: form.relatedInformation.map((r) => ({ location: r.location, message: escapeText(r.message) })),
  };
}

/** The editor's documents, read through the outside world the server has. */
export interface DocumentSource {
  all(): TextDocument[];
  get(uri: string): TextDocument | undefined;
}

/**
 * The editions the editor has files of open: each checked again a pause after the last change to
 * one of its files, its diagnostics published for every file of the edition (and cleared from a
 * file that no longer has any); a request checks at once when a check is pending.
 */
export class OpenEditions {
  private readonly analyses = new Map<string, EditionAnalysis>();
  private readonly published = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly documents: DocumentSource,
    private readonly send: (uri: string, diagnostics: LspDiagnostic[]) => void,
  ) {}

  /** Checks the edition of `uri` again after the typing pause. */
  schedule(uri: string): void {
    const path = guidelinePath(uri);
    if (!path) return;
    const folder = dirname(path);
    clearTimeout(this.timers.get(folder));
    this.timers.set(
      folder,
      setTimeout(() => {
        this.timers.delete(folder);
        this.publish(path);
      }, typingPause),
    );
  }

  /**
   * A file changed on disk (saved by another program, a `git pull`): a `.guideline` file checks its
   * edition again; any other file (a source document) checks every edition the server knows again.
   */
  changedOnDisk(uri: string): void {
    if (uri.endsWith(".guideline")) {
      this.analyses.delete(dirname(pathOf(uri) ?? ""));
      this.schedule(uri);
      return;
    }
    for (const analysis of this.analyses.values()) {
      const first = [...analysis.texts.keys()][0];
      if (first) this.schedule(uriOf(first));
    }
  }

  /** The edition of `uri` as it stands now (checked now if a check is pending), and the document's path. */
  current(uri: string): { readonly analysis: EditionAnalysis; readonly path: string } | undefined {
    const path = guidelinePath(uri);
    if (!path) return undefined;
    const folder = dirname(path);
    const pending = this.timers.get(folder);
    if (pending) {
      clearTimeout(pending);
      this.timers.delete(folder);
      return { analysis: this.publish(path), path };
    }
    return { analysis: this.analyses.get(folder) ?? this.analyse(path), path };
  }

  /** The name at `position` in the document `uri`, with its edition. */
  occurrence(uri: string, position: Position): { readonly analysis: EditionAnalysis; readonly at: Occurrence } | undefined {
    const found = this.current(uri);
    const doc = this.documents.get(uri);
    if (!found || !doc) return undefined;
    const at = occurrenceAt(found.analysis.index, found.path, doc.offsetAt(position));
    return at ? { analysis: found.analysis, at } : undefined;
  }

  /** Where an occurrence is, for the editor. */
  location(o: Occurrence, analysis: EditionAnalysis): Location {
    return { uri: uriOf(absoluteFile(analysis, o.span.file)), range: spanRange(o.span) };
  }

  private analyse(path: string): EditionAnalysis {
    const texts = new Map<string, string>();
    for (const doc of this.documents.all()) {
      const open = guidelinePath(doc.uri);
      if (open) texts.set(open, doc.getText());
    }
    const analysis = analyseEdition(path, texts);
    this.analyses.set(analysis.folder, analysis);
    return analysis;
  }

  private publish(path: string): EditionAnalysis {
    const analysis = this.analyse(path);
    const byUri = new Map<string, LspDiagnostic[]>();
    for (const file of analysis.texts.keys()) byUri.set(uriOf(file), []);
    for (const uri of this.published.get(analysis.folder) ?? []) byUri.set(uri, []);
    // A diagnostic with no place in a file (a problem of the edition as a whole) goes to the top of its first file.
    const first = [...analysis.texts.keys()][0] ?? path;
    for (const d of analysis.result.diagnostics) {
      const uri = uriOf(d.span ? absoluteFile(analysis, d.span.file) : first);
      byUri.set(uri, [...(byUri.get(uri) ?? []), lspDiagnostic(d, analysis)]);
    }
    this.published.set(analysis.folder, new Set([...byUri].filter(([, list]) => list.length > 0).map(([uri]) => uri)));
    for (const [uri, diagnostics] of byUri) this.send(uri, diagnostics);
    return analysis;
  }
}
