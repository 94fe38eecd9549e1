import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";
import { assertNever } from "../shared/assert-never.js";

/**
 * What a syntax error is about, recorded when Chevrotain reports it: a token that cannot start a
 * declaration (GL1005), or a token where others were expected (GL1002). `token` is the token
 * Chevrotain's error points at; `parse.ts` builds the diagnostic from this and the error.
 */
export type SyntaxProblem =
  | { readonly kind: "cannot-start"; readonly token: IToken }
  | { readonly kind: "expected"; readonly expected: readonly TokenType[]; readonly token: IToken };

function describeToken(type: TokenType): string {
  return type.LABEL ?? type.name;
}

/** How the offending token reads to an editor. */
export function describeFound(token: IToken): string {
  if (token.tokenType.name === "EOF") return "the end of the file";
  const image = token.image.length > 30 ? `${token.image.slice(0, 27)}...` : token.image;
  return `\`${image}\``;
}

/** The tokens that were expected, in words: `a name`, or `` `when`, `then` or a name ``. */
export function describeExpected(types: readonly TokenType[]): string {
  const words = [...new Set(types.map(describeToken))];
  if (words.length <= 1) return words[0] ?? "something else";
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function firstTokens(paths: TokenType[][][]): TokenType[] {
  return paths.flatMap((alternative) => alternative.map((path) => path[0]).filter((t): t is TokenType => t !== undefined));
}

/**
 * Chevrotain's error message provider, used as a typed side channel: each time Chevrotain
 * builds an error it asks for a message, and this records what the error is about as a
 * {@link SyntaxProblem}, in order. Chevrotain saves exactly one error right after each call, so
 * the n-th problem belongs to the parser's n-th error ({@link SyntaxProblems.take} pairs them
 * and checks that they point at the same token). The message text itself is plain English,
 * for whoever reads Chevrotain's error directly; nothing parses it.
 */
export class SyntaxProblems implements IParserErrorMessageProvider {
  private recorded: SyntaxProblem[] = [];

  /** Forgets what an earlier parse recorded: call before each parse. */
  clear(): void {
    this.recorded = [];
  }

  /** The problems recorded since {@link SyntaxProblems.clear}, in the order Chevrotain reported them. */
  recordedProblems(): readonly SyntaxProblem[] {
    return this.recorded;
  }

  buildMismatchTokenMessage({ expected, actual }: { expected: TokenType; actual: IToken }): string {
    // Recovery in the top-level repetition reports a stray token as "expected EOF": it is a
    // token that cannot start a declaration, reported like one.
    if (expected.name === "EOF") return this.record({ kind: "cannot-start", token: actual });
    return this.record({ kind: "expected", expected: [expected], token: actual });
  }

  buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken }): string {
    return this.record({ kind: "cannot-start", token: firstRedundant });
  }

  buildNoViableAltMessage({ expectedPathsPerAlt, actual }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[] }): string {
    return this.recordExpected(firstTokens(expectedPathsPerAlt), actual);
  }

  buildEarlyExitMessage({ expectedIterationPaths, actual }: { expectedIterationPaths: TokenType[][]; actual: IToken[] }): string {
    return this.recordExpected(firstTokens([expectedIterationPaths]), actual);
  }

  private recordExpected(expected: readonly TokenType[], actual: readonly IToken[]): string {
    const token = actual[0];
    // Chevrotain always passes the next token (the end-of-file token past the end).
    if (token === undefined) throw new Error("a syntax error without a token (a bug: please report it)");
    return this.record({ kind: "expected", expected, token });
  }

  private record(problem: SyntaxProblem): string {
    this.recorded.push(problem);
    switch (problem.kind) {
      case "cannot-start":
        return `${describeFound(problem.token)} cannot start here`;
      case "expected":
        return `expected ${describeExpected(problem.expected)} but found ${describeFound(problem.token)}`;
      default:
        return assertNever(problem);
    }
  }
}
