import { startLanguageServer } from "../lsp/server.js";

/**
 * `guideline lsp`: runs the language server over standard input and output until the editor
 * asks it to exit (or closes its input); the server then ends the process itself.
 */
export function lspCommand(): Promise<number> {
  startLanguageServer();
  return new Promise<number>(() => undefined);
}
