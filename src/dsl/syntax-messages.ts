import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";

/**
 * Chevrotain error messages rewritten in plain words. Each message is a small JSON object
 * `{expected, found}` that `parse.ts` turns into a coded diagnostic.
 */

function describeToken(type: TokenType): string {
  return type.LABEL ?? type.name;
}

/** How the offending token reads to an editor. */
export function describeFound(token: IToken): string {
  if (token.tokenType.name === "EOF") return "the end of the file";
  const image = token.image.length > 30 ? `${token.image.slice(0, 27)}...` : token.image;
  return `\`${image}\``;
}

function oneOf(types: readonly TokenType[]): string {
  const words = [...new Set(types.map(describeToken))];
  if (words.length <= 1) return words[0] ?? "something else";
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function firstTokens(paths: TokenType[][][]): TokenType[] {
  return paths.flatMap((alternative) => alternative.map((path) => path[0]).filter((t): t is TokenType => t !== undefined));
}

function startOfDeclarationMessage(token: IToken): string {
  return JSON.stringify({ start: describeFound(token), expected: "a declaration (`rule`, `fact`, `threshold`, `drug`, `section`...)" });
}

/** Chevrotain's error messages, as JSON that `parse.ts` turns into GL1002/GL1005 diagnostics worded for editors. */
export const syntaxMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    // Recovery in the top-level repetition reports a stray token as "expected EOF": it is a
    // token that cannot start a declaration, reported like one.
    if (expected.name === "EOF") return startOfDeclarationMessage(actual);
    return JSON.stringify({ expected: describeToken(expected), found: describeFound(actual) });
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return startOfDeclarationMessage(firstRedundant);
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    const found = actual[0];
    return JSON.stringify({ expected: oneOf(firstTokens(expectedPathsPerAlt)), found: found ? describeFound(found) : "nothing" });
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const found = actual[0];
    return JSON.stringify({ expected: oneOf(firstTokens([expectedIterationPaths])), found: found ? describeFound(found) : "nothing" });
  },
};
