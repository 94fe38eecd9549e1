import type { Writable } from "node:stream";
import type { DiagnosticStyle } from "../diagnostics/diagnostic.js";
import type { Severity } from "../diagnostics/codes.js";
import { assertNever } from "../shared/assert-never.js";
import { escapeText } from "../runtime/escape-text.js";

/** Parameters of the SGR sequence (`ESC [ … m`): bold, red, yellow, blue, cyan. */
const sgr = { bold: "1", red: "31", yellow: "33", blue: "34", cyan: "36" };

/** `text` between the SGR sequence of `parameters` and the one back to normal. */
function paint(parameters: readonly string[], text: string): string {
  return `\u001b[${parameters.join(";")}m${text}\u001b[0m`;
}

function severityColour(kind: Severity | "note"): string {
  switch (kind) {
    case "error":
      return sgr.red;
    case "warning":
      return sgr.yellow;
    case "note":
      return sgr.blue;
    default:
      return assertNever(kind);
  }
}

/**
 * Whether to colour what goes to `stream`: never when `NO_COLOR` is set to a non-empty value
 * (https://no-color.org); else as `FORCE_COLOR` says when it is set (anything but `0` or `false`
 * forces colour, even in a pipe); else only on a terminal (never a pipe or a file), unless `TERM=dumb`.
 */
export function wantsColour(stream: Writable, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  return (stream as Writable & { isTTY?: boolean }).isTTY === true && env.TERM !== "dumb";
}

/**
 * The diagnostic style of a terminal: every piece of user text escaped first (control
 * characters made visible, as the plain output's writer does), then the severity, code, `^^^`
 * marks and hint coloured with codes of our own. Its output is written as it is, not escaped again.
 */
export const colourStyle: DiagnosticStyle = {
  text: escapeText,
  severity: (severity, word) => paint([sgr.bold, severityColour(severity)], word),
  code: (severity, code) => paint([sgr.bold, severityColour(severity)], code),
  marker: (kind, marks) => paint([sgr.bold, severityColour(kind)], marks),
  hint: (label, text) => `${paint([sgr.bold, sgr.cyan], label)}${paint([sgr.cyan], text)}`,
};
