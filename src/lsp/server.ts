import { TextDocument } from "vscode-languageserver-textdocument";
import {
  createConnection,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  SymbolKind as LspSymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type DocumentSymbol,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node.js";
import { formatGuideline } from "../dsl/format.js";
import { assertNever } from "../shared/assert-never.js";
import { completionItems } from "./completion.js";
import { absoluteFile } from "./edition-analysis.js";
import { hoverText } from "./hover-text.js";
import { OpenEditions, pathOf, spanRange, uriOf } from "./open-editions.js";
import { planRename, refuseRename } from "./rename-symbol.js";
import { occurrencesOf, type SymbolKind } from "./symbol-index.js";

/**
 * The language server of the guideline language, over standard input and output: diagnostics as
 * the editor types (the whole edition checked again after a pause), hover, go-to-definition,
 * find-references, completion, formatting (`guideline fmt`), document outline, and rename of
 * thresholds, delays and facts across the edition's files. An edition is the folder of the open
 * file: its `.guideline` files are read from the editor when open, from disk otherwise.
 */
export function startLanguageServer(): Connection {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  const editions = new OpenEditions(documents, (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }));
  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      completionProvider: { triggerCharacters: ["("] },
      documentFormattingProvider: true,
      renameProvider: { prepareProvider: true },
    },
    serverInfo: { name: "guideline" },
  }));
  documents.onDidChangeContent((change) => {
    editions.schedule(change.document.uri);
  });
  documents.onDidClose((event) => {
    // The file is read from disk again: its saved text may differ from what was typed.
    editions.schedule(event.document.uri);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) editions.changedOnDisk(change.uri);
  });
  answerNavigation(connection, editions);
  answerEditing(connection, documents, editions);
  documents.listen(connection);
  connection.listen();
  return connection;
}

/** Hover, definition, references and the outline. */
function answerNavigation(connection: Connection, editions: OpenEditions): void {
  connection.onHover(({ textDocument, position }) => {
    const found = editions.occurrence(textDocument.uri, position);
    if (!found) return null;
    const text = hoverText(found.analysis.index, found.at);
    return text ? { contents: { kind: "markdown", value: text }, range: spanRange(found.at.span) } : null;
  });
  connection.onDefinition(({ textDocument, position }) => {
    const found = editions.occurrence(textDocument.uri, position);
    if (!found) return null;
    const declaration = occurrencesOf(found.analysis.index, found.at.kind, found.at.name).find((o) => o.declaration);
    return declaration ? editions.location(declaration, found.analysis) : null;
  });
  connection.onReferences(({ textDocument, position, context }) => {
    const found = editions.occurrence(textDocument.uri, position);
    if (!found) return [];
    return occurrencesOf(found.analysis.index, found.at.kind, found.at.name)
      .filter((o) => context.includeDeclaration || !o.declaration)
      .map((o) => editions.location(o, found.analysis));
  });
  connection.onDocumentSymbol(({ textDocument }): DocumentSymbol[] => {
    const found = editions.current(textDocument.uri);
    if (!found) return [];
    return found.analysis.index.occurrences
      .filter((o) => o.declaration && o.span.file === found.path)
      .map((o) => ({ name: o.name, kind: outlineKind(o.kind), range: spanRange(o.span), selectionRange: spanRange(o.span) }));
  });
}

/** Completion, formatting and rename. */
function answerEditing(connection: Connection, documents: TextDocuments<TextDocument>, editions: OpenEditions): void {
  connection.onCompletion(({ textDocument, position }) => {
    const found = editions.current(textDocument.uri);
    const doc = documents.get(textDocument.uri);
    if (!found || !doc) return [];
    // The line so far, and the one above it: what comes before the cursor decides what may follow.
    const before = doc.getText({ start: { line: Math.max(0, position.line - 1), character: 0 }, end: position });
    return completionItems(found.analysis.index, found.analysis.result.files, before);
  });
  connection.onDocumentFormatting(({ textDocument }): TextEdit[] => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    const text = doc.getText();
    let formatted: string | undefined;
    try {
      formatted = formatGuideline(text, pathOf(textDocument.uri) ?? textDocument.uri).text;
    } catch (error) {
      // The formatter refuses to change a file's meaning (a bug of its own, reported): the text is left as it is.
      connection.console.error(error instanceof Error ? error.message : String(error));
      return [];
    }
    if (formatted === undefined || formatted === text) return [];
    return [{ range: { start: doc.positionAt(0), end: doc.positionAt(text.length) }, newText: formatted }];
  });
  connection.onPrepareRename(({ textDocument, position }) => {
    const found = editions.occurrence(textDocument.uri, position);
    if (!found) return null;
    const refused = refuseRename(found.analysis.index, found.at);
    if (refused) throw new ResponseError(LSPErrorCodes.RequestFailed, `${refused.code} ${refused.message}`);
    return { range: spanRange(found.at.span), placeholder: found.at.name };
  });
  connection.onRenameRequest(({ textDocument, position, newName }): WorkspaceEdit | null => {
    const found = editions.occurrence(textDocument.uri, position);
    if (!found) return null;
    const plan = planRename(found.analysis.index, found.at, newName);
    if (plan.kind === "refused") throw new ResponseError(LSPErrorCodes.RequestFailed, `${plan.diagnostic.code} ${plan.diagnostic.message}`);
    const changes: Record<string, TextEdit[]> = {};
    for (const o of plan.occurrences) {
      const uri = uriOf(absoluteFile(found.analysis, o.span.file));
      (changes[uri] ??= []).push({ range: spanRange(o.span), newText: newName });
    }
    return { changes };
  });
}

function outlineKind(kind: SymbolKind): LspSymbolKind {
  switch (kind) {
    case "fact":
      return LspSymbolKind.Field;
    case "threshold":
      return LspSymbolKind.Constant;
    case "drug":
      return LspSymbolKind.Object;
    case "class":
      return LspSymbolKind.Class;
    case "finding":
      return LspSymbolKind.Event;
    case "recommendation":
      return LspSymbolKind.EnumMember;
    case "rule":
      return LspSymbolKind.Function;
    case "section":
      return LspSymbolKind.Namespace;
    case "example":
      return LspSymbolKind.Module;
    default:
      return assertNever(kind);
  }
}
