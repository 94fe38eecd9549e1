import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { formatGuideline } from "../../src/dsl/format.js";
import { parseGuideline } from "../../src/dsl/parse.js";
import { withoutSpans } from "../../src/dsl/without-spans.js";
import { repoRoot, shippedFolder } from "../support/compile-guideline.js";

const FILE = "test.guideline";

/** The canonical form of `text`; fails the test if the text does not parse. */
function fmt(text: string): string {
  const result = formatGuideline(text, FILE);
  expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return result.text ?? "";
}

/** Lines joined with line breaks, ending with one: how a formatted file reads. */
const lines = (...all: string[]) => `${all.join("\n")}\n`;

describe("canonical form of each declaration", () => {
  it("puts each property of a declaration on its own line, two spaces in, in the reference order", () => {
    const messy = `guideline g ignore "Running header" source "s.txt" language fr edition 2019 title "T"
      coverage from "## A" to "## B"
fact labs.count:quantity in /mm3 from 0 to 2 000 000 description "Count." label "Count"`;
    expect(fmt(messy)).toBe(
      lines(
        "guideline g",
        '  title "T"',
        "  edition 2019",
        "  language fr",
        '  source "s.txt"',
        '  coverage from "## A" to "## B"',
        '  ignore "Running header"',
        "",
        "fact labs.count : quantity in /mm3 from 0 to 2 000 000",
        '  label "Count"',
        '  description "Count."',
      ),
    );
  });

  it("prints every fact type, thresholds and delays", () => {
    const source = `fact a : yes/no label "A"
fact b : one of x,y , z
fact c : date
fact meds : medication list dose dailyDose in mg/d
threshold t.count = 50 000 /mm3 label "Minimum"
delay d.stop = 48h`;
    expect(fmt(source)).toBe(
      lines(
        "fact a : yes/no",
        '  label "A"',
        "",
        "fact b : one of x, y, z",
        "fact c : date",
        "",
        "fact meds : medication list",
        "  dose dailyDose in mg/d",
        "",
        "threshold t.count = 50 000 /mm3",
        '  label "Minimum"',
        "",
        "delay d.stop = 48 h",
      ),
    );
  });

  it("lists one-line declarations of one kind line by line, and separates kinds with a blank line", () => {
    const source = `class c-a "Class A"   class c-b
drug drug-a label "Drug A" class c-a atc B01AC04
drug drug-b atc B01AC06 class c-b
finding k-a "Kind A" finding k-b
recommendation r-a "Do A"
reference 1 "First."  reference 2 "Second."
section q1 "1. Question"`;
    expect(fmt(source)).toBe(
      lines(
        'class c-a "Class A"',
        "class c-b",
        "",
        'drug drug-a atc B01AC04 class c-a label "Drug A"',
        "drug drug-b atc B01AC06 class c-b",
        "",
        'finding k-a "Kind A"',
        "finding k-b",
        "",
        'recommendation r-a "Do A"',
        "",
        'reference 1 "First."',
        'reference 2 "Second."',
        "",
        'section q1 "1. Question"',
      ),
    );
  });

  it("prints the verdict and the plan", () => {
    const source = `verdict "Q?" outcome no-go "No" when finding k-a otherwise go "Go" undecided "Unknown"
plan meds date procedure.date reminder "Ask." otherwise refer scope atc B01`;
    expect(fmt(source)).toBe(
      lines(
        'verdict "Q?"',
        '  outcome no-go "No" when finding k-a',
        '  otherwise go "Go"',
        '  undecided "Unknown"',
        "",
        "plan meds",
        "  scope atc B01",
        "  otherwise refer",
        '  reminder "Ask."',
        "  date procedure.date",
      ),
    );
  });

  it("prints rules with every kind of effect, information and uncovered sentences", () => {
    const source = `rule r1 then finding k-a when a quote "Q1" statement "S" cite 100 ,101 quote "Q2"
rule r2 when always then precondition "P"
rule r3 then precondition
rule r4 then recommend r-a
rule r5 then stop class c-a d.stop before
rule r6 then bridge drug-a 1 d before
rule r7 when dose of drug-a < t.dose then continue drug-a
rule r8 then refer class c-b
information i1 cite 3 quote "Q" statement "S"
uncovered "A sentence." because "Why."`;
    expect(fmt(source)).toBe(
      lines(
        "rule r1",
        '  statement "S"',
        '  quote "Q1"',
        '  quote "Q2"',
        "  cite 100, 101",
        "  when a",
        "  then finding k-a",
        "",
        "rule r2",
        "  when always",
        '  then precondition "P"',
        "",
        "rule r3",
        "  then precondition",
        "",
        "rule r4",
        "  then recommend r-a",
        "",
        "rule r5",
        "  then stop class c-a d.stop before",
        "",
        "rule r6",
        "  then bridge drug-a 1 d before",
        "",
        "rule r7",
        "  when dose of drug-a < t.dose",
        "  then continue drug-a",
        "",
        "rule r8",
        "  then refer class c-b",
        "",
        "information i1",
        '  statement "S"',
        '  quote "Q"',
        "  cite 3",
        "",
        'uncovered "A sentence." because "Why."',
      ),
    );
  });

  it("prints examples: based on, then the givens, then the expectations", () => {
    const source = `example ex.b "Title" based on ex.a
  expect verdict go given a = yes given n = 180 000 /mm3 given s = "2026-12-14" given w = no
  given meds = ("plavix" atc B01AC04, drug-a 75 mg/d,drug-b)
  expect no verdict no-go
  expect precondition r2 met
  expect plan drug-a stop 5 d before on "2026-12-09"
  expect plan "brand" refer
  expect plan drug-b
  expect recommendation r-a
  expect no finding r1
  expect missing a
  expect no missing "b"`;
    expect(fmt(source)).toBe(
      lines(
        'example ex.b "Title"',
        "  based on ex.a",
        "  given a = yes",
        "  given n = 180 000 /mm3",
        '  given s = "2026-12-14"',
        "  given w = no",
        '  given meds = ("plavix" atc B01AC04, drug-a 75 mg/d, drug-b)',
        "  expect verdict go",
        "  expect no verdict no-go",
        "  expect precondition r2 met",
        '  expect plan drug-a stop 5 d before on "2026-12-09"',
        '  expect plan "brand" refer',
        "  expect plan drug-b",
        "  expect recommendation r-a",
        "  expect no finding r1",
        "  expect missing a",
        '  expect no missing "b"',
      ),
    );
  });

  it("prints precedence and accept declarations on one line each", () => {
    expect(fmt('precedence r1 over r2 because "R1 is more specific"\naccept GL3001 for r3 because "Kept on purpose"')).toBe(
      lines('precedence r1 over r2 because "R1 is more specific"', "", 'accept GL3001 for r3 because "Kept on purpose"'),
    );
  });
});

describe("values", () => {
  it("keeps numbers as written: French groups, no-break spaces, decimal commas", () => {
    const source =
      "threshold a = 50 000 /mm3\nthreshold b = 50\u00A0000 /mm3\nthreshold c = 0,5 g/L\nthreshold d = 0.5 g/L\nthreshold e = 1 000,25 mg/d";
    expect(fmt(source)).toContain("threshold a = 50 000 /mm3\n");
    expect(fmt(source)).toContain("threshold b = 50\u00A0000 /mm3\n");
    expect(fmt(source)).toContain("threshold c = 0,5 g/L\n");
    expect(fmt(source)).toContain("threshold d = 0.5 g/L\n");
    expect(fmt(source)).toContain("threshold e = 1 000,25 mg/d\n");
  });

  it("re-escapes quotes and backslashes in texts and keeps line breaks", () => {
    const source = 'finding k "A \\"quoted\\" word, a \\\\ backslash,\\n and a line break"';
    expect(fmt(source)).toBe('finding k "A \\"quoted\\" word, a \\\\ backslash,\n and a line break"\n');
    expect(fmt('finding k "\\q"')).toBe('finding k "q"\n');
  });

  it("writes comparison signs in ASCII", () => {
    expect(fmt("rule r when a ≥ 5 mg and b ≤ 3 mg and c ≠ 1 mg")).toContain("when a >= 5 mg and b <= 3 mg and c != 1 mg\n");
  });

  it("writes a value test with one value as `is`, with several as `in (...)`", () => {
    expect(fmt("rule r when site in (vertebra) or site in (a,b)")).toContain("when site is vertebra or site in (a, b)\n");
  });
});

describe("parentheses in conditions", () => {
  const when = (condition: string) =>
    fmt(`rule r when ${condition}`)
      .split("\n")[1]
      ?.replace(/^ {2}when /, "");

  it("drops the parentheses that change nothing", () => {
    expect(when("((a))")).toBe("a");
    expect(when("(a and b)")).toBe("a and b");
    expect(when("not (a)")).toBe("not a");
    expect(when("(not a) and (b > 1 mg)")).toBe("not a and b > 1 mg");
  });

  it("keeps the parentheses that say which comes first", () => {
    expect(when("(a and b) or c")).toBe("(a and b) or c");
    expect(when("a and (b or (c and not d))")).toBe("a and (b or (c and not d))");
    expect(when("not (a or b)")).toBe("not (a or b)");
    expect(when("not not a")).toBe("not not a");
  });

  it("keeps a nested group of the same connective, which is a different tree", () => {
    expect(when("a and (b and c)")).toBe("a and (b and c)");
  });
});

describe("comments", () => {
  it("keeps the file's opening comment, section banners and comments above declarations", () => {
    const source = lines(
      "# Title of the file",
      "#",
      "# More about it.",
      "",
      "guideline g",
      '  title "T"',
      "",
      "# ----",
      "# Facts",
      "# ----",
      "",
      "fact a : yes/no",
      "",
      "# ----",
      'section q1 "Q1"',
      "# ----",
      "",
      "# About r.",
      "rule r",
      "  when a",
    );
    expect(fmt(source)).toBe(source);
  });

  it("keeps a comment inside a declaration above the property it was above", () => {
    expect(fmt('guideline g\n  title "T"\n  # Running page header.\n  ignore "H"\n  language fr')).toBe(
      lines("guideline g", '  title "T"', "  language fr", "  # Running page header.", '  ignore "H"'),
    );
  });

  it("keeps a comment at the end of a line at the end of that line", () => {
    expect(fmt('threshold t = 50 %   # minimum\n  label "T"')).toBe(lines("threshold t = 50 %  # minimum", '  label "T"'));
    expect(fmt('threshold t = 50 %\n  label "T" # the label')).toBe(lines("threshold t = 50 %", '  label "T"  # the label'));
  });

  it("keeps comments after the last declaration, and a file of comments only", () => {
    expect(fmt("fact a : yes/no\n\n\n# the end\n")).toBe(lines("fact a : yes/no", "", "# the end"));
    expect(fmt("# only\n\n\n# comments\n")).toBe(lines("# only", "", "# comments"));
    expect(fmt("")).toBe("");
  });

  it("never takes a # inside a text for a comment", () => {
    expect(fmt('finding k "#1 # not a comment" # a comment')).toBe('finding k "#1 # not a comment"  # a comment\n');
  });

  it("keeps a comment between two one-line declarations, separated by a blank line", () => {
    expect(fmt("drug a atc B01AC04 class c\n# b is newer\ndrug b atc B01AC06 class c")).toBe(
      lines("drug a atc B01AC04 class c", "", "# b is newer", "drug b atc B01AC06 class c"),
    );
  });
});

describe("formatGuideline", () => {
  it("leaves a file with syntax errors alone and returns its diagnostics", () => {
    const result = formatGuideline("rule r when (a", FILE);
    expect(result.text).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(["GL1002"]);
    expect(formatGuideline("rule r when a and b or c", FILE).diagnostics.map((d) => d.code)).toEqual(["GL1004"]);
    expect(formatGuideline('rule r statement "a" statement "b"', FILE).diagnostics.map((d) => d.code)).toEqual(["GL2019"]);
  });

  it("gives back the same AST, without its spans", () => {
    const source = readFileSync(join(repoRoot, shippedFolder, "cimentoplastie.guideline"), "utf8");
    const formatted = fmt(source);
    expect(withoutSpans(parseGuideline(formatted, FILE).ast)).toEqual(withoutSpans(parseGuideline(source, FILE).ast));
  });
});

describe("guideline fmt", () => {
  const temps: string[] = [];
  afterAll(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  async function run(args: string[], cwd: string) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: string[] = [];
    const err: string[] = [];
    stdout.on("data", (chunk: Buffer) => out.push(chunk.toString()));
    stderr.on("data", (chunk: Buffer) => err.push(chunk.toString()));
    const code = await main(args, { stdin: new PassThrough(), stdout, stderr, cwd });
    return { code, stdout: out.join(""), stderr: err.join("") };
  }

  function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), "guideline-fmt-"));
    temps.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  const canonical = "fact a : yes/no\n";
  const messy = "fact   a:yes/no";

  it("--check lists the files not in canonical form, writes nothing and exits 1", async () => {
    const dir = folder({ "a.guideline": canonical, "b.guideline": messy });
    const result = await run(["fmt", "--check", "."], dir);
    expect(result).toEqual({
      code: 1,
      stdout: "b.guideline\n",
      stderr: "1 of 2 file(s) not in canonical form; `guideline fmt` rewrites them\n",
    });
    expect(readFileSync(join(dir, "b.guideline"), "utf8")).toBe(messy);
  });

  it("--check exits 0 when every file is in canonical form", async () => {
    const dir = folder({ "a.guideline": canonical });
    expect(await run(["fmt", "a.guideline", "--check"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("rewrites the files that are not in canonical form, and only those", async () => {
    const dir = folder({ "a.guideline": canonical, "b.guideline": messy });
    const result = await run(["fmt", "."], dir);
    expect(result).toEqual({
      code: 0,
      stdout: "formatted b.guideline\n1 of 2 file(s) rewritten, 1 already in canonical form\n",
      stderr: "",
    });
    expect(readFileSync(join(dir, "b.guideline"), "utf8")).toBe(canonical);
  });

  it("reports a file with syntax errors, leaves it as it is, and exits 1", async () => {
    const dir = folder({ "bad.guideline": "rule r when (a\n", "b.guideline": messy });
    const result = await run(["fmt", "."], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("bad.guideline:2:1 error GL1002 expected `)` but found the end of the file");
    expect(result.stderr).toContain("1 file(s) not formatted because of the errors above");
    expect(readFileSync(join(dir, "bad.guideline"), "utf8")).toBe("rule r when (a\n");
    expect(readFileSync(join(dir, "b.guideline"), "utf8")).toBe(canonical);
  });

  it("the shipped guideline is in canonical form: `guideline fmt --check guideline` exits 0", async () => {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    expect(await run(["fmt", "--check", shippedFolder], root)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("refuses an unknown option and a missing path", async () => {
    const dir = folder({});
    expect((await run(["fmt", "--write"], dir)).code).toBe(2);
    expect(await run(["fmt", "nowhere"], dir)).toEqual({ code: 2, stdout: "", stderr: "guideline: no such file or folder: nowhere\n" });
  });
});
