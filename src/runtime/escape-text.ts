/**
 * Characters a terminal may act on instead of showing: C0 controls (escape, carriage return,
 * backspace…), DEL, C1 controls (U+0080–U+009F, where U+009B opens a control sequence on some
 * terminals), the line and paragraph separators, and the bidirectional overrides and isolates
 * that reorder what is shown ("Trojan Source"). Tab and line feed are handled by the callers.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are escaped before reaching a terminal.
const terminalControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escaped(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * One line of text made safe for a terminal: every control character (line feed included) is
 * written as a visible `\uXXXX` escape, so text from the facts or a pack (a drug name holding
 * a line break or an ANSI escape sequence) can neither start a forged line nor recolour, move
 * or hide another. The escape is also a valid JSON string escape: a JSON text stays valid.
 */
export function escapeLine(line: string): string {
  return line.replace(terminalControl, escaped).replace(/\n/g, "\\u000A");
}

/** Text of several lines made safe for a terminal: each line is escaped, the line feeds between them kept. */
export function escapeText(text: string): string {
  return text.replace(terminalControl, escaped);
}
