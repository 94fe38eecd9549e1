import { keywordTokens } from "../dsl/tokens.js";

/** The words the language reserves (`rule`, `when`, `taking`…), as they are written, in alphabetical order. */
export const keywordWords: readonly string[] = keywordTokens.map((t) => (t.LABEL ?? t.name).replace(/`/g, "")).sort();
