/**
 * Hand-written matchers for the tokens whose regular expressions repeat a group (`(?:…)*`).
 * V8 runs such an expression with a backtracking stack that grows with each repetition, so a
 * long enough text, a name, or a unit (a 50 MB text, a name of a million segments) overflows it and
 * the lexer throws. These loops scan once, in linear time and constant stack, and match exactly
 * what the expressions documented beside each one match.
 */

/** What a Chevrotain custom pattern returns: the matched text, or null. */
type Match = [string] | null;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameCharacter = (c: number) => isLetter(c) || isDigit(c) || c === 95;
const isUnitStart = (c: number) => isLetter(c) || c === 91 || c === 93;
const isUnitCharacter = (c: number) => isNameCharacter(c) || c === 91 || c === 93;

/**
 * `"(?:[^"\\]|\\[\s\S])*"(?=[ \t\n\r,)#\u00a0\u202f]|$)`: a double-quoted text, in which `\`
 * escapes the next character, whose closing quote is followed by a space (also a no-break one), a
 * tab, a line end, `,`, `)`, `#` or the end of the file.
 * A quote followed by anything else (a letter, most often) is the opening quote of the next text:
 * this text lacks its closing quote, or a stray quote opened it. Without the restriction one
 * missing or stray quote would pair every later quote with the wrong partner, turning texts into
 * code and code into texts to the end of the file. The lexer then takes the text as unterminated,
 * to the end of its line (`UnterminatedString`), and the next line reads as written.
 */
export function matchString(text: string, offset: number): Match {
  if (text.charCodeAt(offset) !== 34) return null;
  let i = offset + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) return closesText(text.charCodeAt(i + 1)) ? [text.slice(offset, i + 1)] : null;
    i += c === 92 ? 2 : 1;
  }
  return null;
}

/** What may follow the closing quote of a text: white space, `,`, `)`, `#`, or nothing. */
function closesText(next: number): boolean {
  return (
    Number.isNaN(next) ||
    next === 32 ||
    next === 9 ||
    next === 10 ||
    next === 13 ||
    next === 44 ||
    next === 41 ||
    next === 35 ||
    next === 0xa0 ||
    next === 0x202f
  );
}

/** `"[^\r\n]*`: an opening quote with no closing one (see {@link matchString}), to the end of its line. */
export function matchUnterminatedString(text: string, offset: number): Match {
  if (text.charCodeAt(offset) !== 34) return null;
  let i = offset + 1;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return [text.slice(offset, i)];
}

/** `[A-Za-z_][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*`: a name, in segments joined by `.` or `-`. */
export function matchName(text: string, offset: number): Match {
  const first = text.charCodeAt(offset);
  if (!(isLetter(first) || first === 95)) return null;
  let i = offset + 1;
  while (isNameCharacter(text.charCodeAt(i))) i++;
  for (;;) {
    const joiner = text.charCodeAt(i);
    if (!(joiner === 46 || joiner === 45) || !isNameCharacter(text.charCodeAt(i + 1))) break;
    i += 2;
    while (isNameCharacter(text.charCodeAt(i))) i++;
  }
  return [text.slice(offset, i)];
}

/** `\d+\*[-+]?\d+`: a power of ten as UCUM writes it (`10*9`); the end offset, or -1. */
function powerOfTenEnd(text: string, offset: number): number {
  let i = offset;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === offset || text.charCodeAt(i) !== 42) return -1;
  i++;
  if (text.charCodeAt(i) === 45 || text.charCodeAt(i) === 43) i++;
  const digits = i;
  while (isDigit(text.charCodeAt(i))) i++;
  return i === digits ? -1 : i;
}

/** `(?:\d+\*[-+]?\d+|[A-Za-z\[\]][A-Za-z0-9_\[\]]*)`: one term of a unit; the end offset, or -1. */
function unitAtomEnd(text: string, offset: number): number {
  const power = powerOfTenEnd(text, offset);
  if (power >= 0) return power;
  if (!isUnitStart(text.charCodeAt(offset))) return -1;
  let i = offset + 1;
  while (isUnitCharacter(text.charCodeAt(i))) i++;
  return i;
}

/** `(?:\/atom)*` from `offset`: the end offset after every `/term` that follows. */
function perTermsEnd(text: string, offset: number): number {
  let i = offset;
  while (text.charCodeAt(i) === 47) {
    const end = unitAtomEnd(text, i + 1);
    if (end < 0) break;
    i = end;
  }
  return i;
}

/** `atom(?:\/atom)+|\d+\*[-+]?\d+`: a compound unit (`mg/d`, `10*9/L`), or a power of ten alone. */
export function matchUnitTerm(text: string, offset: number): Match {
  const atom = unitAtomEnd(text, offset);
  if (atom >= 0) {
    const end = perTermsEnd(text, atom);
    if (end > atom) return [text.slice(offset, end)];
  }
  const power = powerOfTenEnd(text, offset);
  return power >= 0 ? [text.slice(offset, power)] : null;
}

/** `\/atom(?:\/atom)*`: a unit starting with `/` (`/mm3`). */
export function matchPerUnit(text: string, offset: number): Match {
  const end = perTermsEnd(text, offset);
  return end > offset ? [text.slice(offset, end)] : null;
}
