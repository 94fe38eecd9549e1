import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node.js";
import type { Diagnostic, Position, PublishDiagnosticsParams, Range, TextEdit } from "vscode-languageserver/node.js";
import { cli, cliRoot } from "./run-cli.js";

/**
 * A client of the real language server: `node dist/cli/guideline.js lsp` spawned over stdio and
 * spoken to in JSON-RPC, as an editor does. It keeps the last diagnostics published for each
 * document and lets a test wait for the next ones.
 */
export class LanguageClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiting: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  private readonly versions = new Map<string, number>();
  /** What the server wrote on standard error. */
  stderr = "";

  constructor() {
    this.child = spawn(process.execPath, [cli, "lsp", "--stdio"], { cwd: cliRoot, env: { ...process.env, TZ: "UTC", NO_COLOR: "1" } });
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const w of [...this.waiting]) {
        if (w.uri === params.uri && w.accept(params.diagnostics)) {
          this.waiting.splice(this.waiting.indexOf(w), 1);
          w.resolve(params.diagnostics);
        }
      }
    });
    this.connection.listen();
  }

  /** Starts the session: `initialize`, then `initialized`. Returns the server's capabilities. */
  async initialize(): Promise<Record<string, unknown>> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(cliRoot).href,
      capabilities: {},
    });
    await this.connection.sendNotification("initialized", {});
    return result.capabilities;
  }

  /** Opens a file as the editor would: with the text given, or as saved. Returns its URI. */
  async open(path: string, text: string = readFileSync(path, "utf8")): Promise<string> {
    const uri = pathToFileURL(path).href;
    this.versions.set(uri, 1);
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "guideline", version: 1, text } });
    return uri;
  }

  /** Replaces the whole text of an open document, as typing does. */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The next diagnostics published for `uri` that `accept` takes (the last ones already published, if it takes them). */
  diagnosticsFor(uri: string, accept: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const last = this.diagnostics.get(uri);
    if (last && accept(last)) return Promise.resolve(last);
    return new Promise((resolve) => this.waiting.push({ uri, accept, resolve }));
  }

  /** The next diagnostics published for `uri` from now on. */
  nextDiagnostics(uri: string, accept: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    this.diagnostics.delete(uri);
    return this.diagnosticsFor(uri, accept);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /** Ends the session as an editor does (`shutdown`, `exit`); resolves with the server's exit code. */
  async close(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      this.child.on("exit", (code) => {
        resolve(code);
      });
    });
    if (this.child.exitCode === null) {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/** The LSP position of the `nth` (from 0) occurrence of `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, nth = 0, shift = 0): Position {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${needle} #${nth} not found`);
  }
  offset += shift;
  const before = text.slice(0, offset).split("\n");
  return { line: before.length - 1, character: (before[before.length - 1] ?? "").length };
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const lines = text.split("\n");
  if (range.start.line !== range.end.line) throw new Error("a range over several lines");
  return (lines[range.start.line] ?? "").slice(range.start.character, range.end.character);
}

/** A text with edits applied (edits that do not overlap), as an editor applies them. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const offset = (p: Position) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}
