import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `guideline/editions.json`: the editions that exist, and the one the runtime uses by default. */
export interface EditionsFile {
  readonly current: number;
  readonly editions: readonly number[];
}

/** Reads `guideline/editions.json`. */
export function readEditionsFile(guidelineRoot: string): EditionsFile {
  const data = JSON.parse(readFileSync(join(guidelineRoot, "editions.json"), "utf8")) as EditionsFile;
  if (!Number.isInteger(data.current) || !Array.isArray(data.editions) || !data.editions.includes(data.current)) {
    throw new Error(`${join(guidelineRoot, "editions.json")} must name the current edition among its editions`);
  }
  return data;
}

/** The text of `guideline/editions.json`, as `new-edition` and `mark-current` write it: the years in order, on one line. */
export function editionsFileText(index: EditionsFile): string {
  const years = [...new Set(index.editions)].sort((a, b) => a - b);
  return `{\n  "current": ${JSON.stringify(index.current)},\n  "editions": [${years.map((y) => JSON.stringify(y)).join(", ")}]\n}\n`;
}
