import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { displayPath, IoError, isSystemError, writeFailure } from "./io-error.js";

/**
 * Writes that change a group of files all together or not at all, so that a kill, a full disk
 * or a file-size limit never leaves a new pack beside an old rulebook, a truncated file, or no
 * file where the last good one was.
 *
 * Each new file (or folder) is first written in full beside its target under a temporary name,
 * and flushed to disk (fsync). Only then is a journal written under the group's root folder,
 * listing the renames; the temporary files are renamed over their targets, one after the other,
 * and the journal is removed. A rename replaces a file in one step, so a reader sees the old file
 * or the new one, never a part. Should the process die during the renames, the journal stays:
 * the next write under that root completes the renames first (all the new files are already on
 * disk), and reports it (GL7008). Temporary files left by a run killed before its journal was
 * written are removed. Concurrent writers to the same root are not supported.
 */

/** The journal of renames in progress, in the root folder of a group of writes. */
export const journalName = ".guideline-write-journal.json";

const temporaryMarker = ".guideline-tmp-";
const temporaryName = /\.guideline-tmp-\d+-\d+$/;
let counter = 0;

interface Journal {
  /** Pairs `[temporary, target]`, relative to the root folder. */
  readonly renames: readonly (readonly [string, string])[];
}

/** A file to write: its path (absolute, or relative to the process's folder) and its content. */
export interface FileToWrite {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/**
 * A group of writes under one root folder. Stage files and folders, then {@link commit}; until
 * then nothing the user sees has changed, and {@link abandon} removes what was staged.
 */
export class WriteGroup {
  /** How many files an interrupted earlier write had left to rename, completed when this group was opened. */
  readonly recovered: number;
  private readonly root: string;
  private readonly name: (path: string) => string;
  private readonly staged: [temporary: string, target: string][] = [];
  private readonly cleaned = new Set<string>();
  /** Folders this group created, removed again if it is abandoned. */
  private readonly created: string[] = [];

  /**
   * Opens a group of writes under `root` (every target must lie inside it). `name` turns an
   * absolute path into the name messages show (by default, the path relative to the process's folder).
   * Completes an interrupted earlier write under the same root first.
   */
  constructor(root: string, name: (path: string) => string = (path) => displayPath(path, process.cwd())) {
    this.root = resolve(root);
    this.name = name;
    this.recovered = this.guard(this.root, () => completeInterruptedWrite(this.root));
  }

  /** Writes `content` in full under a temporary name beside `target`, and flushes it to disk. */
  stageFile(target: string, content: string | Uint8Array): void {
    const absolute = this.inside(target);
    this.guard(absolute, () => {
      this.prepareFolder(dirname(absolute));
      const existing = statOrUndefined(absolute);
      if (existing?.isDirectory())
        throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${absolute}'`), { code: "EISDIR" });
      const temporary = this.temporaryFor(absolute);
      this.staged.push([temporary, absolute]);
      writeDurably(temporary, content);
    });
  }

  /**
   * Builds a new folder at `target`, which must not exist: `fill` receives a temporary folder
   * beside it to fill, whose every file is then flushed to disk.
   */
  stageFolder(target: string, fill: (folder: string) => void): void {
    const absolute = this.inside(target);
    this.guard(absolute, () => {
      this.prepareFolder(dirname(absolute));
      if (existsSync(absolute)) throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${absolute}'`), { code: "EEXIST" });
      const temporary = this.temporaryFor(absolute);
      this.staged.push([temporary, absolute]);
      mkdirSync(temporary);
      fill(temporary);
      syncTree(temporary);
    });
  }

  /**
   * Replaces every target by its staged file or folder, in the order they were staged.
   * Throws an {@link IoError} when the group cannot be committed; if that happens after some
   * files were replaced (GL7010), the journal stays and the next write under the root completes it.
   */
  commit(): void {
    if (this.staged.length === 0) return;
    const journal: Journal = { renames: this.staged.map(([from, to]) => [relative(this.root, from), relative(this.root, to)] as const) };
    const journalFile = join(this.root, journalName);
    this.guard(journalFile, () => {
      const temporary = this.temporaryFor(journalFile);
      writeDurably(temporary, `${JSON.stringify(journal)}\n`);
      renameSync(temporary, journalFile);
      syncFolder(this.root);
    });
    let done = 0;
    for (const [from, to] of this.staged) {
      try {
        renameSync(from, to);
        done++;
      } catch (error) {
        if (done === 0) {
          rmSync(journalFile, { force: true });
          this.abandon();
          throw this.failure(to, error);
        }
        throw new IoError(
          makeDiagnostic("GL7010", undefined, [
            this.name(this.root),
            done,
            this.staged.length,
            isSystemError(error) ? error.code : String(error),
          ]),
          { cause: error },
        );
      }
    }
    for (const folder of new Set(this.staged.map(([, to]) => dirname(to)))) syncFolder(folder);
    unlinkSync(journalFile);
    syncFolder(this.root);
    this.staged.length = 0;
    this.created.length = 0;
  }

  /** Removes everything staged and not committed; the targets are left as they were. */
  abandon(): void {
    for (const [temporary] of this.staged) rmSync(temporary, { recursive: true, force: true });
    this.staged.length = 0;
    for (const folder of this.created.reverse()) rmSync(folder, { recursive: true, force: true });
    this.created.length = 0;
  }

  private inside(target: string): string {
    const absolute = resolve(target);
    if (absolute !== this.root && !absolute.startsWith(this.root + sep))
      throw new Error(`${absolute} is not inside the write group's root ${this.root}`);
    return absolute;
  }

  private temporaryFor(absolute: string): string {
    counter++;
    return join(dirname(absolute), `.${basename(absolute)}${temporaryMarker}${process.pid}-${counter}`);
  }

  /** Creates the folder if needed and removes temporary files a killed run left there. */
  private prepareFolder(folder: string): void {
    const created = mkdirSync(folder, { recursive: true });
    if (created !== undefined) this.created.push(created);
    if (this.cleaned.has(folder)) return;
    this.cleaned.add(folder);
    for (const entry of readdirSync(folder)) {
      if (temporaryName.test(entry)) rmSync(join(folder, entry), { recursive: true, force: true });
    }
  }

  /** Runs a step; a system error abandons the group and becomes an {@link IoError} naming `path`. */
  private guard<T>(path: string, step: () => T): T {
    try {
      return step();
    } catch (error) {
      this.abandon();
      throw this.failure(path, error);
    }
  }

  private failure(path: string, error: unknown): unknown {
    if (error instanceof IoError || !isSystemError(error)) return error;
    return new IoError(writeFailure(this.name(path), error), { cause: error });
  }
}

/**
 * Writes every file, or none: see {@link WriteGroup}. `root` is a folder holding all the files.
 * Returns how many files of an interrupted earlier write were completed first.
 */
export function writeFilesAtomically(
  root: string,
  files: readonly FileToWrite[],
  name?: (path: string) => string,
): { readonly recovered: number } {
  const group = new WriteGroup(root, name);
  for (const file of files) group.stageFile(file.path, file.content);
  group.commit();
  return { recovered: group.recovered };
}

/**
 * Completes the renames of a write that was interrupted after its journal was written (every
 * staged file was then complete on disk). Returns how many were still to do; 0 without a journal.
 */
export function completeInterruptedWrite(root: string): number {
  const journalFile = join(root, journalName);
  let text: string;
  try {
    text = readFileSync(journalFile, "utf8");
  } catch (error) {
    if (isSystemError(error) && error.code === "ENOENT") return 0;
    throw error;
  }
  let journal: Journal;
  try {
    journal = JSON.parse(text) as Journal;
  } catch {
    // The journal is renamed into place only once complete: an unreadable one was never committed.
    unlinkSync(journalFile);
    return 0;
  }
  let completed = 0;
  for (const [from, to] of journal.renames) {
    const source = resolve(root, from);
    const target = resolve(root, to);
    if (!isInside(root, source) || !isInside(root, target) || !existsSync(source)) continue;
    renameSync(source, target);
    syncFolder(dirname(target));
    completed++;
  }
  unlinkSync(journalFile);
  syncFolder(root);
  return completed;
}

function isInside(root: string, path: string): boolean {
  const absoluteRoot = resolve(root);
  return path.startsWith(absoluteRoot + sep);
}

function statOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Writes a new file (it must not exist) and flushes it to disk before closing it. */
function writeDurably(path: string, content: string | Uint8Array): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (new names, renames) to disk; some systems cannot, which is harmless. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, "r");
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; its renames are durable without it.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Flushes every file and folder under `folder` to disk. */
function syncTree(folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) syncTree(path);
    else if (entry.isFile()) {
      const fd = openSync(path, "r");
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  }
  syncFolder(folder);
}
