import { join } from "node:path";
import { WriteGroup } from "../io/atomic-write.js";
import { editionsFileText, readEditionsFile, type EditionsFile } from "./editions-file.js";

/** What `guideline mark-current` would do, decided before anything is written. */
export type MarkCurrentPlan =
  | { readonly kind: "unknown"; readonly year: number; readonly editions: readonly number[] }
  | { readonly kind: "already"; readonly year: number }
  | { readonly kind: "change"; readonly from: number; readonly to: number; readonly index: EditionsFile };

/**
 * Decides how to make `year` the current edition of `guideline/editions.json`: refused when the
 * index does not list it (an edition is started with `new-edition`, never by naming it here),
 * nothing to do when it is already current. Reads only; {@link writeCurrentEdition} writes.
 */
export function planMarkCurrent(guidelineRoot: string, year: number): MarkCurrentPlan {
  const index = readEditionsFile(guidelineRoot);
  if (!index.editions.includes(year)) return { kind: "unknown", year, editions: index.editions };
  if (index.current === year) return { kind: "already", year };
  return { kind: "change", from: index.current, to: year, index: { ...index, current: year } };
}

/**
 * Writes the new `guideline/editions.json` in one step (a temporary file flushed, then renamed
 * over the old one: see `src/io/atomic-write.ts`), so a reader sees the old index or the new
 * one, never a part. `name` shows a path in a message, as the caller's folder sees it.
 */
export function writeCurrentEdition(guidelineRoot: string, index: EditionsFile, name?: (path: string) => string): void {
  const group = new WriteGroup(guidelineRoot, name);
  group.stageFile(join(guidelineRoot, "editions.json"), editionsFileText(index));
  group.commit();
}
