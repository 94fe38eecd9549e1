#!/usr/bin/env node
/**
 * Time of the consistency analysis (GL3xxx) on a synthetic guideline generated in memory, and
 * on the shipped guideline. A benchmark, not a test: it prints figures and never fails on them.
 * `npm run bench:analysis` builds first; then `node bench/analysis.mjs [options]`.
 *
 * The synthetic guideline has RULES rules (default 1 000) over 120 yes/no facts, 20 `one of`
 * facts, 20 quantities with 20 thresholds, 60 drugs in 6 classes and a medication plan:
 *   - about 80 % finding and recommendation rules, with conditions of one to five tests
 *     joined by `and`, `or` (in parentheses) and `not`, on every kind of fact;
 *   - plan rules: per drug, dose bands (continue below a threshold, stop from it, some with
 *     extra conditions) and class rules with conditions, so that the contradiction, gap,
 *     redundancy and overlap checks all have pairs to compare.
 *
 * Options: --rules N (default 1000), --runs R (timed runs, median kept; default 5), --seed S.
 * The same options give the same guideline.
 */
import { performance } from "node:perf_hooks";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (path) => pathToFileURL(join(root, "dist", path)).href;
const { parseGuideline } = await import(dist("dsl/parse.js"));
const { checkGuideline } = await import(dist("compiler/check.js"));
const { analyseGuideline } = await import(dist("compiler/analyse/analyse.js"));
const { loadSources } = await import(dist("compiler/load-sources.js"));

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`bench: ${name} needs a positive whole number`);
    process.exit(2);
  }
  return value;
}

const ruleCount = option("--rules", 1000);
const runs = option("--runs", 5);
const seed = option("--seed", 20190401);

/** mulberry32: a small seeded PRNG, so that the guideline is the same from run to run. */
function prng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const lines = [
    "guideline bench.synthetic",
    '  title "Synthetic guideline for the analysis benchmark"',
    "  edition 2019",
    "  language fr",
    '  source "none.txt"',
    "",
  ];
  const flags = Array.from({ length: 120 }, (_, i) => `flag.f${i}`);
  const enums = Array.from({ length: 20 }, (_, i) => `choice.c${i}`);
  const enumValues = ["v0", "v1", "v2", "v3", "v4", "v5"];
  const quantities = Array.from({ length: 20 }, (_, i) => `lab.q${i}`);
  const thresholds = quantities.map((_, i) => `seuil.t${i}`);
  for (const f of flags) lines.push(`fact ${f} : yes/no`, `  label "${f}"`);
  for (const f of enums) lines.push(`fact ${f} : one of ${enumValues.join(", ")}`, `  label "${f}"`);
  for (const f of quantities) lines.push(`fact ${f} : quantity in mg/L from 0 to 1 000`, `  label "${f}"`);
  lines.push("fact medications : medication list", '  label "Traitements"', "  dose dailyDoseMg in mg/d");
  thresholds.forEach((t, i) => lines.push(`threshold ${t} = ${int(1, 999)} mg/L`, `  label "${t}"`, ...(i === 0 ? [] : [])));
  lines.push("threshold seuil.dose = 160 mg/d", '  label "dose"', "delay delai.court = 1 d", '  label "court"', "delay delai.long = 5 d", '  label "long"');
  const classes = Array.from({ length: 6 }, (_, i) => `classe-${i}`);
  for (const c of classes) lines.push(`class ${c} "${c}"`);
  const drugs = Array.from({ length: 60 }, (_, i) => `drug-${i}`);
  drugs.forEach((d, i) => lines.push(`drug ${d} atc B01AX${String(i).padStart(2, "0")} class ${classes[i % classes.length]} label "${d}"`));
  const kinds = ["absolute", "relative", "indication", "debated", "restriction", "other1", "other2", "other3", "other4", "other5"];
  for (const k of kinds) lines.push(`finding ${k} "${k}"`);
  const recommendations = Array.from({ length: 50 }, (_, i) => `reco.r${i}`);
  for (const r of recommendations) lines.push(`recommendation ${r} "${r}"`);
  lines.push(
    'verdict "Question ?"',
    '  outcome contraindicated "Contre-indiquée" when finding absolute',
    '  outcome not-indicated "Non indiquée" when finding restriction or (not finding indication and not finding debated)',
    '  outcome discuss "À discuter" when finding relative or finding debated',
    '  outcome indicated "Indiquée" when finding indication',
    '  otherwise not-indicated "Non indiquée"',
    "plan medications",
    "  scope atc B01",
    "  otherwise refer",
    '  reminder "Rappel."',
    'section s1 "Section"',
  );
  const test = () => {
    const r = random();
    if (r < 0.5) return `${random() < 0.3 ? "not " : ""}${pick(flags)}`;
    if (r < 0.7) {
      const values = enumValues.filter(() => random() < 0.4);
      const fact = pick(enums);
      return values.length > 1 ? `${fact} in (${values.join(", ")})` : `${fact} is ${values[0] ?? "v0"}`;
    }
    const q = int(0, quantities.length - 1);
    return `${quantities[q]} ${pick([">", ">=", "<", "<=", "!="])} ${random() < 0.6 ? thresholds[q] : `${int(0, 1000)} mg/L`}`;
  };
  const condition = () => {
    const size = int(1, 5);
    const tests = Array.from({ length: size }, test);
    if (size >= 3 && random() < 0.5) return `${tests[0]} and (${tests.slice(1, 3).join(" or ")})${tests.length > 3 ? ` and ${tests.slice(3).join(" and ")}` : ""}`;
    return tests.join(random() < 0.8 ? " and " : " or ");
  };
  let written = 0;
  const rule = (id, when, then) => {
    lines.push(`rule ${id}`, '  statement "Règle."', '  quote "Règle."', ...(when ? [`  when ${when}`] : []), `  then ${then}`);
    written++;
  };
  // Plan rules: about 20 % of the rules.
  const planShare = Math.floor(n * 0.2);
  for (let i = 0; written < planShare; i++) {
    const drug = drugs[i % drugs.length];
    const band = Math.floor(i / drugs.length);
    if (band === 0) rule(`plan.${drug}.poursuite`, `dose of ${drug} < seuil.dose`, `continue ${drug}`);
    else if (band === 1) rule(`plan.${drug}.arret`, `dose of ${drug} >= seuil.dose`, `stop ${drug} delai.long before`);
    else rule(`plan.${drug}.cas${band}`, `dose of ${drug} >= seuil.dose and ${test()}`, `stop ${drug} delai.long before`);
  }
  for (let i = 0; written < planShare + Math.floor(n * 0.02); i++) rule(`plan.classe.${i}`, `${pick(flags)} and ${pick(flags)}`, `refer class ${pick(classes)}`);
  for (let i = 0; written < n; i++) {
    const then = random() < 0.5 ? `finding ${pick(kinds)}` : `recommend ${pick(recommendations)}`;
    rule(`regle.${i}`, condition(), then);
  }
  return `${lines.join("\n")}\n`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(label, files) {
  const parseTimes = [];
  const checkTimes = [];
  const analysisTimes = [];
  let last;
  let model;
  for (let run = 0; run < runs; run++) {
    let start = performance.now();
    const asts = files.map((f) => parseGuideline(f.text, f.file));
    parseTimes.push(performance.now() - start);
    start = performance.now();
    const checked = checkGuideline(asts.map((p) => p.ast));
    checkTimes.push(performance.now() - start);
    if (!checked.model) {
      console.error(`bench: the ${label} guideline does not check:`, checked.diagnostics.slice(0, 5).map((d) => `${d.code} ${d.message}`));
      process.exit(1);
    }
    model = checked.model;
    start = performance.now();
    last = analyseGuideline(model);
    analysisTimes.push(performance.now() - start);
  }
  const byCode = {};
  for (const f of last.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  const lines = [
    `${label}: ${model.rules.length} rules, ${model.facts.length} facts, ${model.drugs.length} drugs`,
    `  analysis ${median(analysisTimes).toFixed(1)} ms (median of ${runs}; parse ${median(parseTimes).toFixed(1)} ms, check ${median(checkTimes).toFixed(1)} ms)`,
    `  ${last.queries} satisfiability queries, ${last.steps} search branches; ${last.pairs.length} plan rule pairs compared (${last.pairs.filter((p) => p.status === "disjoint").length} proved disjoint)`,
    `  per check (last run, ms): ${Object.entries(last.timings).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}`,
    `  findings: ${Object.keys(byCode).length ? Object.entries(byCode).sort().map(([c, k]) => `${c} × ${k}`).join(", ") : "none"}`,
  ];
  console.log(lines.join("\n"));
  return median(analysisTimes);
}

const synthetic = generate(ruleCount, prng(seed));
console.log(`node ${process.version}, seed ${seed}`);
const ms = measure(`synthetic guideline (${ruleCount} rules generated in memory)`, [{ file: "synthetic.guideline", text: synthetic }]);
const shipped = loadSources(["guideline/2019"], root);
measure("shipped guideline (guideline/)", shipped.sources);
console.log(`\nanalysis of the ${ruleCount}-rule synthetic guideline: ${(ms / 1000).toFixed(2)} s`);
