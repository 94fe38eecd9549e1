// The client side of the guideline language: starts `guideline lsp` over stdio for `.guideline`
// files and hands VS Code's requests to it. Every feature (diagnostics, hover, definition,
// references, completion, formatting, rename) is the server's; this file only finds and starts it.
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

/**
 * The command that starts the server: the `guideline.server.command` setting, else the built
 * command line of the workspace folder (a guideline-kb checkout, or a project that depends on it),
 * else `guideline` on the PATH.
 * @returns {{ command: string, args: string[] }}
 */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration("guideline").get("server.command", []);
  if (Array.isArray(configured) && configured.length > 0) return { command: configured[0], args: [...configured.slice(1), "lsp"] };
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const cli of [join("dist", "cli", "guideline.js"), join("node_modules", "guideline-kb", "dist", "cli", "guideline.js")]) {
      const path = join(folder.uri.fsPath, cli);
      if (existsSync(path)) return { command: "node", args: [path, "lsp"] };
    }
  }
  return { command: "guideline", args: ["lsp"] };
}

/** @param {import("vscode").ExtensionContext} context */
async function activate(context) {
  const { command, args } = serverCommand();
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const run = { command, args, transport: TransportKind.stdio, options: cwd ? { cwd } : {} };
  client = new LanguageClient(
    "guideline",
    "Guideline",
    { run, debug: run },
    {
      documentSelector: [{ scheme: "file", language: "guideline" }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{guideline,txt}") },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
