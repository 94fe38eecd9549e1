import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { compileGuideline, type CompileResult } from "../compiler/compile.js";
import type { CheckedGuideline } from "../compiler/model.js";
import { loadSources } from "../compiler/load-sources.js";
import { readEditionsFile } from "./editions-file.js";
import { diffEditions, type EditionDiff } from "./semantic-diff.js";

/** The previous edition of a guideline: its checked model, and how the current one differs from it. */
export interface PreviousEdition {
  readonly diff: EditionDiff;
  readonly model: CheckedGuideline;
}

/**
 * For an edition folder `<root>/<year>` (a year of `<root>/editions.json`) with an earlier
 * edition: the latest earlier one and the difference from it, for the rulebook's "changes" section.
 * Undefined for any other folder, for the first edition, and when the earlier one does not compile.
 * The folder is taken from `cwd` when relative, and the earlier edition is read as
 * `<name of root>/<year>` from the parent of the root, so the rulebook of an edition is the same
 * whatever the directory `compile` or `rulebook` is run from.
 */
export function previousEdition(folder: string, current: CompileResult, cwd: string): PreviousEdition | undefined {
  const absolute = resolve(cwd, folder);
  const year = /^\d{4}$/.test(basename(absolute)) ? Number(basename(absolute)) : undefined;
  const root = dirname(absolute);
  if (year === undefined || !current.model || !existsSync(join(root, "editions.json"))) return undefined;
  const editions = readEditionsFile(root);
  if (!editions.editions.includes(year)) return undefined;
  const previous = editions.editions.filter((e) => e < year).sort((a, b) => b - a)[0];
  if (previous === undefined) return undefined;
  const loaded = loadSources([join(basename(root), String(previous))], dirname(root));
  const before = compileGuideline(loaded.sources, loaded.host);
  if (!before.model) return undefined;
  // The source documents too, so that the sentences added, removed and changed are shown.
  const from = loaded.host.readSourceDocument(before.model.sourceDocument);
  const to = loadSources([join(basename(root), String(year))], dirname(root)).host.readSourceDocument(current.model.sourceDocument);
  const texts = from !== undefined && to !== undefined ? { from, to } : undefined;
  return { diff: diffEditions(before.model, current.model, texts), model: before.model };
}
