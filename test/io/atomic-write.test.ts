/**
 * Writes that change a group of files together or not at all (issue 10, item 13): a kill -9 at
 * any moment, a failure while staging, or a failure between two renames never leaves a mix of
 * old and new files, a truncated file, or no file where the last good one was.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { completeInterruptedWrite, journalName, WriteGroup, writeFilesAtomically } from "../../src/io/atomic-write.js";
import { IoError, writeFailure } from "../../src/io/io-error.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "guideline-atomic-"));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, relative, sorted, with its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = readFileSync(join(folder, entry.name), "utf8");
    }
  };
  walk(dir, "");
  return out;
}

const names = ["pack.json", "facts.schema.json", "facts.d.ts", "rulebook/index.html"];
const generation = (label: string, size: number) =>
  names.map((name, i) => ({ name, content: `${label}:${name}:`.padEnd(size * (i + 1), label[0]) }));
const write = (dir: string, files: readonly { name: string; content: string }[]) =>
  writeFilesAtomically(
    dir,
    files.map((f) => ({ path: join(dir, f.name), content: f.content })),
  );

describe("a group of writes", () => {
  it("replaces every file, creates missing folders, and leaves no temporary file", () => {
    const dir = tempDir();
    write(dir, generation("old", 100));
    write(dir, generation("new", 50));
    expect(snapshot(dir)).toEqual(Object.fromEntries(generation("new", 50).map((f) => [f.name, f.content])));
  });

  it("a failure while staging changes nothing, and removes the folders it created", () => {
    const dir = tempDir();
    write(dir, generation("old", 10).slice(0, 1));
    const before = snapshot(dir);
    // The second file's folder cannot be created: its path runs through a file.
    writeFileSync(join(dir, "blocker"), "a file");
    const attempt = () =>
      writeFilesAtomically(dir, [
        { path: join(dir, "pack.json"), content: "new" },
        { path: join(dir, "fresh", "x.txt"), content: "new" },
        { path: join(dir, "blocker", "rulebook", "index.html"), content: "new" },
      ]);
    expect(attempt).toThrow(IoError);
    try {
      attempt();
    } catch (error) {
      expect((error as IoError).diagnostic.code).toBe("GL7004");
    }
    expect(snapshot(dir)).toEqual({ ...before, blocker: "a file" });
  });

  it("a target that has become a folder is refused before anything is replaced", () => {
    const dir = tempDir();
    write(dir, generation("old", 10));
    const before = snapshot(dir);
    rmSync(join(dir, "facts.d.ts"));
    mkdirSync(join(dir, "facts.d.ts"));
    writeFileSync(join(dir, "facts.d.ts", "inside"), "x");
    expect(() => write(dir, generation("new", 10))).toThrow(IoError);
    const after = snapshot(dir);
    for (const name of ["pack.json", "facts.schema.json", "rulebook/index.html"]) expect(after[name]).toBe(before[name]);
  });

  it("a failure between two renames keeps the journal; the next write completes it first (GL7010, then GL7008)", () => {
    const dir = tempDir();
    write(dir, generation("old", 10));
    const group = new WriteGroup(dir);
    const next = generation("new", 10);
    for (const f of next) group.stageFile(join(dir, f.name), f.content);
    // Between staging and commit, the third target becomes a non-empty folder: its rename fails.
    rmSync(join(dir, "facts.d.ts"));
    mkdirSync(join(dir, "facts.d.ts"));
    writeFileSync(join(dir, "facts.d.ts", "inside"), "x");
    let failure: unknown;
    try {
      group.commit();
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(IoError);
    expect((failure as IoError).diagnostic.code).toBe("GL7010");
    expect(existsSync(join(dir, journalName))).toBe(true);
    // The obstacle goes; the next group completes the interrupted one before anything else.
    rmSync(join(dir, "facts.d.ts"), { recursive: true });
    const recovery = new WriteGroup(dir);
    expect(recovery.recovered).toBe(2);
    expect(snapshot(dir)).toEqual(Object.fromEntries(next.map((f) => [f.name, f.content])));
  });

  it("a journal that is not JSON was never committed: it is removed and nothing is renamed", () => {
    const dir = tempDir();
    write(dir, generation("old", 10));
    const before = snapshot(dir);
    writeFileSync(join(dir, journalName), '{"renames": [["x", "pack.json"]');
    expect(completeInterruptedWrite(dir)).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("system errors become coded user errors", () => {
  const error = (code: string) => Object.assign(new Error(`${code}: something happened, open '/x'`), { code });
  it.each([
    ["EACCES", "GL7002"],
    ["EPERM", "GL7002"],
    ["EROFS", "GL7003"],
    ["ENOTDIR", "GL7004"],
    ["ENOSPC", "GL7005"],
    ["EDQUOT", "GL7005"],
    ["EFBIG", "GL7006"],
    ["EIO", "GL7007"],
  ])("%s is %s, with the file named and no path of the system's message", (code, expected) => {
    const diagnostic = writeFailure("out/pack.json", error(code));
    expect(diagnostic.code).toBe(expected);
    expect(diagnostic.message).toContain("`out/pack.json`");
    expect(diagnostic.message).not.toContain("/x");
    expect(diagnostic.message).toMatch(/nothing was changed$/);
  });
});

/**
 * A child process writes a group of large files again and again, alternating two generations,
 * and is killed with SIGKILL at a point drawn by fast-check (fixed seed). After each kill every
 * file is complete (one generation or the other, never a part); once the interrupted write is
 * completed, the whole group is of one generation.
 */
describe("kill -9 at any moment", () => {
  const writer = `
    const { writeFilesAtomically } = await import(${JSON.stringify(pathToFileURL(join(root, "dist", "io", "atomic-write.js")).href)});
    const dir = process.argv[1];
    const names = ${JSON.stringify(names)};
    process.stdout.write("ready\\n");
    for (let round = 0; ; round++) {
      const label = round % 2 === 0 ? "A" : "B";
      writeFilesAtomically(dir, names.map((name, i) => ({ path: dir + "/" + name, content: (label + ":" + name + ":").padEnd(300000 * (i + 1), label) })));
    }
  `;

  const killAfter = (dir: string, ms: number) =>
    new Promise<void>((done, reject) => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", writer, dir], { stdio: ["ignore", "pipe", "inherit"] });
      child.on("error", reject);
      child.stdout.once("data", () => {
        setTimeout(() => child.kill("SIGKILL"), ms);
      });
      child.on("exit", () => {
        done();
      });
    });

  it("leaves every file whole, and the group of one generation once completed", async () => {
    if (!existsSync(join(root, "dist", "io", "atomic-write.js"))) throw new Error("build first: npm run build");
    const dir = tempDir();
    const whole = (name: string, content: string) => {
      const i = names.indexOf(name);
      return ["A", "B"].some((label) => content === `${label}:${name}:`.padEnd(300000 * (i + 1), label));
    };
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 400 }), async (ms) => {
        await killAfter(dir, ms);
        const files = snapshot(dir);
        for (const [name, content] of Object.entries(files)) {
          if (names.includes(name)) expect(whole(name, content), `${name} after a kill at ${ms} ms`).toBe(true);
        }
        completeInterruptedWrite(dir);
        const after = snapshot(dir);
        const labels = new Set(names.filter((n) => after[n] !== undefined).map((n) => after[n]?.[0]));
        expect(labels.size, `one generation after a kill at ${ms} ms`).toBeLessThanOrEqual(1);
      }),
      { seed: 1013, numRuns: 8 },
    );
    // The next write removes what the killed runs left under temporary names.
    write(dir, generation("final", 10));
    expect(Object.keys(snapshot(dir)).sort()).toEqual([...names].sort());
  }, 60_000);
});
