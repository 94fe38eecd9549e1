import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { WriteGroup } from "../io/atomic-write.js";
import { editionsFileText, readEditionsFile } from "./editions-file.js";

/** What `guideline new-edition` did. */
export interface NewEdition {
  readonly from: number;
  readonly to: number;
  readonly folder: string;
  /** The guideline files whose `edition` line was set to the new year. */
  readonly updated: readonly string[];
}

/**
 * Starts edition `year` from the current one: copies `guideline/<current>/` (sources, examples,
 * references and the source document) to `guideline/<year>/` and sets the header's `edition`.
 * The current edition does not change until the editor marks the new one current
 * (`guideline mark-current YEAR`). Refuses to overwrite an existing edition. The new folder and the
 * new `editions.json` appear together or not at all: the folder is built under a temporary
 * name and renamed into place with the index (see `src/io/atomic-write.ts`).
 */
export function startNewEdition(guidelineRoot: string, year: number): NewEdition {
  const index = readEditionsFile(guidelineRoot);
  const from = index.current;
  const source = join(guidelineRoot, String(from));
  const target = join(guidelineRoot, String(year));
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`${year} is not a year`);
  if (year <= from) throw new Error(`the new edition (${year}) must come after the current one (${from})`);
  if (existsSync(target)) throw new Error(`${target} already exists`);
  const updated: string[] = [];
  const group = new WriteGroup(guidelineRoot);
  group.stageFolder(target, (staging) => {
    cpSync(source, staging, { recursive: true });
    for (const name of readdirSync(staging)
      .filter((n) => n.endsWith(".guideline"))
      .sort()) {
      const path = join(staging, name);
      const text = readFileSync(path, "utf8");
      const next = text.replace(/^(\s*edition\s+)\d{4}\b/m, `$1${year}`);
      if (next !== text) {
        writeFileSync(path, next);
        updated.push(join(target, name));
      }
    }
  });
  group.stageFile(join(guidelineRoot, "editions.json"), editionsFileText({ current: index.current, editions: [...index.editions, year] }));
  group.commit();
  return { from, to: year, folder: target, updated };
}
