// The reproductions of issue 10 (runtime items), timed: `node bench/security-figures.mjs [ROOT]`
// runs them against ROOT/dist (default: this checkout, built). Run it on an older checkout too
// to compare; docs/security.md gives the figures. Everything clinical is read from the pack.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
const root = process.argv[2] ?? fileURLToPath(new URL("..", import.meta.url));
const rt = await import(`${root}/dist/runtime/index.js`);
const { packIntegrity } = await import(`${root}/dist/pack/pack-integrity.js`);
const pack = rt.defaultPack();
const raw = () => JSON.parse(JSON.stringify(pack));
const out = {};
const set = (path, v) => {
  const o = {};
  let n = o;
  const s = path.split(".");
  s.slice(0, -1).forEach((k) => (n = n[k] = {}));
  n[s.at(-1)] = v;
  return o;
};
async function attempt(name, fn) {
  const t0 = performance.now();
  try {
    const r = await fn();
    out[name] = { result: r, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    out[name] = {
      error: `${e.constructor.name}${e.code ? " " + e.code : ""}${e.errors ? " " + [...new Set(e.errors.map((x) => x.code))].join(",") : ""}: ${String(e.message).slice(0, 90)}`,
      ms: Math.round(performance.now() - t0),
    };
  }
}
const q = pack.facts.find((f) => f.type === "quantity");
const list = pack.plan.list;
const threshold = pack.rules
  .flatMap((r) => r.conditions.all ?? [])
  .find((l) => typeof l.value === "number" && l.operator !== "equal").value;
const doseFact = pack.sourceRules.flatMap((r) => r.facts).find((f) => /\]\.\w+$/.test(f));
const doseDrug = doseFact.slice(doseFact.indexOf("[") + 1, doseFact.indexOf("]"));
let datedDrug;
for (const d of pack.drugs) {
  const f = { [list]: [{ name: d.name }] };
  Object.assign(f, set(pack.plan.date, "2026-12-14"));
  if ((await rt.evaluate(f)).medicationPlan.some((e) => e.date)) {
    datedDrug = d.name;
    break;
  }
}
await attempt("5 NaN quantity", async () => {
  const r = await rt.evaluate(set(q.path, NaN));
  return r.preconditions.map((p) => `${p.status}[${p.missing}]`).join(" ");
});
await attempt("11 {value:Infinity, unit}", async () => (await rt.evaluate(set(q.path, { value: Infinity, unit: q.unit }))).verdict);
await attempt("11 unit 10*400" + q.unit, async () => (await rt.evaluate(set(q.path, { value: 1, unit: `10*400${q.unit}` }))).verdict);
await attempt("6 mutate date mid-evaluation", async () => {
  const f = { ...set(pack.plan.date, "2026-12-14"), [list]: [{ name: datedDrug }] };
  const p = rt.evaluate(f);
  Object.assign(f, set(pack.plan.date, "2026-12-31"));
  const r = await p;
  return r.medicationPlan.map((e) => e.date).join();
});
await attempt("7 tampered threshold, rehashed, loadPack", async () => {
  const c = raw();
  for (const r of c.rules) for (const l of r.conditions.all ?? []) if (l.value === threshold) l.value = threshold / 10;
  c.integrity = packIntegrity(c);
  rt.loadPack(c);
  return "loaded";
});
await attempt("7 verdict always last outcome, rehashed, evaluate", async () => {
  const c = raw();
  c.verdict.outcomes = [{ ...c.verdict.outcomes.at(-1), when: { kind: "always" } }];
  c.integrity = packIntegrity(c);
  return (await rt.evaluate({}, c)).verdict;
});
await attempt("8 malformed verdict condition, evaluate", async () => {
  const c = raw();
  c.verdict.outcomes[0].when = { kind: "compare", fact: "x" };
  c.integrity = packIntegrity(c);
  rt.loadPack(c, { allowUnsigned: true });
  return (await rt.evaluate({}, c)).verdict;
});
await attempt("8 ReDoS pattern, evaluate 30 chars", async () => {
  const c = raw();
  const [a, b] = pack.plan.date.split(".");
  c.factsSchema.properties[a].properties[b].pattern = "^(a+)+$";
  c.integrity = packIntegrity(c);
  rt.loadPack(c, { allowUnsigned: true });
  return (await rt.evaluate(set(pack.plan.date, "a".repeat(27) + "!"), c)).verdict;
});
await attempt("8 100000-deep pack", async () => {
  const c = raw();
  let w = { kind: "always" };
  for (let i = 0; i < 100000; i++) w = { kind: "not", operand: w };
  c.verdict.outcomes[0].when = w;
  rt.loadPack(c, { allowUnsigned: true });
  return "loaded";
});
const doseless = (n) => ({ [list]: Array.from({ length: n }, () => ({ name: doseDrug })) });
for (const n of [250, 1000])
  await attempt(
    `9 ${n} doseless entries of one drug (${JSON.stringify(doseless(n)).length} B)`,
    async () => `${JSON.stringify(await rt.evaluate(doseless(n))).length} B report`,
  );
await attempt(
  "10 200000 medications",
  async () => (await rt.evaluate({ [list]: Array.from({ length: 200000 }, () => ({ name: "x" })) })).verdict,
);
await attempt(
  "10 1 MB of unknown keys",
  async () => (await rt.evaluate(Object.fromEntries(Array.from({ length: 50000 }, (_, i) => [`unknownfactnumber${i}`, 1])))).verdict,
);
const cli = (args, input) => spawnSync(process.execPath, [`${root}/dist/cli/guideline.js`, ...args], { input, encoding: "utf8" });
{
  const lines = ['{"labs":\r{}}', "{}", "{}", "{}", "{}", "{}"];
  const r = cli(["evaluate", "--ndjson"], lines.join("\n") + "\n");
  out["12 ndjson, 6 lines with a bare CR"] = { result: `${r.stdout.trimEnd().split("\n").length} output lines, exit ${r.status}` };
}
{
  const r = cli(["evaluate", "-"], JSON.stringify({ [list]: [{ name: "x\n  - Forged : poursuivre\u001b[2K" }] }));
  out["18 drug name with newline and ESC"] = {
    result: r.stdout.includes("\u001b")
      ? "raw ESC printed, forged line present: " + r.stdout.split("\n").some((l) => l.startsWith("  - Forged : poursuivre"))
      : "escaped",
  };
}
{
  const r = cli(["evaluate", "-"], JSON.stringify(set(q.path, { value: 1, unit: q.unit })).replace(":1,", ":1e999,"));
  out["11 1e999 via CLI"] = { result: `exit ${r.status}: ${r.stderr.trim().slice(0, 90)}` };
}
for (const [k, v] of Object.entries(out)) console.log(`${k}\t${v.error ?? v.result}\t${v.ms ?? ""} ms`);
