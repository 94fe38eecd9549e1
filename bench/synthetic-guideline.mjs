/**
 * The synthetic guideline of the benchmarks (`bench/analysis.mjs`, `bench/check.mjs`),
 * generated in memory from a seed: N rules over 120 yes/no facts, 20 `one of` facts,
 * 20 quantities with 20 thresholds, 60 drugs in 6 classes, 50 recommendations and a
 * medication plan — per 1,000 rules: past 1,000 rules the vocabulary grows with the rules
 * (the same guideline as before up to 1,000), as a larger guideline covers more facts and drugs,
 * so that a rule has about as many neighbours to be compared with at every size and the
 * number of warnings grows with the rules, not with their square. The verdict reads the same
 * five kinds of finding at every size, so the rules it reads grow with N.
 *   - about 80 % finding and recommendation rules, with conditions of one to five tests
 *     (each on another fact) joined by `and`, `or` (in parentheses) and `not`;
 *   - plan rules: per drug, dose bands (continue below a threshold, stop from it, some with
 *     extra conditions) and class-wide referrals for the patients flagged for referral, so that
 *     the contradiction, gap, redundancy and overlap checks all have pairs to compare.
 * Every size compiles: the consistency checks find warnings, never an error. Every rule quotes
 * `Règle.`, the whole of {@link sourceText}.
 */

import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The source document the synthetic guideline quotes (its header names it `none.txt`). */
export const sourceText = "Règle.\n";

/** The seeded generator of the editions' patient corpus (mulberry32): the same seed gives the same guideline. */
export const prng = (
  await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "editions", "patient-corpus.js")).href)
).seededRandom;

/** The synthetic guideline of `n` rules, drawn with `random` (from {@link prng}). */
export function generate(n, random) {
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
  const per1000 = (count) => Math.max(count, Math.round((count * n) / 1000));
  const flags = Array.from({ length: per1000(120) }, (_, i) => `flag.f${i}`);
  const enums = Array.from({ length: per1000(20) }, (_, i) => `choice.c${i}`);
  const enumValues = ["v0", "v1", "v2", "v3", "v4", "v5"];
  const quantities = Array.from({ length: per1000(20) }, (_, i) => `lab.q${i}`);
  const thresholds = quantities.map((_, i) => `seuil.t${i}`);
  for (const f of flags) lines.push(`fact ${f} : yes/no`, `  label "${f}"`);
  lines.push("fact referral : yes/no", '  label "referral"');
  for (const f of enums) lines.push(`fact ${f} : one of ${enumValues.join(", ")}`, `  label "${f}"`);
  for (const f of quantities) lines.push(`fact ${f} : quantity in mg/L from 0 to 1 000`, `  label "${f}"`);
  lines.push("fact medications : medication list", '  label "Traitements"', "  dose dailyDoseMg in mg/d");
  thresholds.forEach((t, i) => lines.push(`threshold ${t} = ${int(1, 999)} mg/L`, `  label "${t}"`, ...(i === 0 ? [] : [])));
  lines.push(
    "threshold seuil.dose = 160 mg/d",
    '  label "dose"',
    "delay delai.court = 1 d",
    '  label "court"',
    "delay delai.long = 5 d",
    '  label "long"',
  );
  const classes = Array.from({ length: per1000(6) }, (_, i) => `classe-${i}`);
  for (const c of classes) lines.push(`class ${c} "${c}"`);
  const drugs = Array.from({ length: per1000(60) }, (_, i) => `drug-${i}`);
  // ATC codes B01AX00…B01AX99, then B01AY00…, B01AZ00…, B01AW00… (one letter per hundred drugs).
  const atc = (i) => `B01A${"XYZWVUTSRQPONMLKJIHGFEDCBA"[Math.floor(i / 100)]}${String(i % 100).padStart(2, "0")}`;
  drugs.forEach((d, i) => lines.push(`drug ${d} atc ${atc(i)} class ${classes[i % classes.length]} label "${d}"`));
  const kinds = ["absolute", "relative", "indication", "debated", "restriction", "other1", "other2", "other3", "other4", "other5"];
  for (const k of kinds) lines.push(`finding ${k} "${k}"`);
  const recommendations = Array.from({ length: per1000(50) }, (_, i) => `reco.r${i}`);
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
  // Each test of a condition reads a fact no other test of it reads, so that no condition
  // contradicts itself (`x and not x` would be GL3001, a rule that can never apply).
  const test = (used = new Set()) => {
    const fresh = (list) => {
      const free = list.filter((f) => !used.has(f));
      const fact = pick(free.length ? free : list);
      used.add(fact);
      return fact;
    };
    const r = random();
    if (r < 0.5) return `${random() < 0.3 ? "not " : ""}${fresh(flags)}`;
    if (r < 0.7) {
      const values = enumValues.filter(() => random() < 0.4);
      const fact = fresh(enums);
      return values.length > 1 ? `${fact} in (${values.join(", ")})` : `${fact} is ${values[0] ?? "v0"}`;
    }
    const quantity = fresh(quantities);
    const q = quantities.indexOf(quantity);
    return `${quantity} ${pick([">", ">=", "<", "<=", "!="])} ${random() < 0.6 ? thresholds[q] : `${int(1, 999)} mg/L`}`;
  };
  const condition = () => {
    const size = int(1, 5);
    const used = new Set();
    const tests = Array.from({ length: size }, () => test(used));
    if (size >= 3 && random() < 0.5)
      return `${tests[0]} and (${tests.slice(1, 3).join(" or ")})${tests.length > 3 ? ` and ${tests.slice(3).join(" and ")}` : ""}`;
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
    if (band === 0) rule(`plan.${drug}.poursuite`, `dose of ${drug} < seuil.dose and not referral`, `continue ${drug}`);
    else if (band === 1) rule(`plan.${drug}.arret`, `dose of ${drug} >= seuil.dose and not referral`, `stop ${drug} delai.long before`);
    else rule(`plan.${drug}.cas${band}`, `dose of ${drug} >= seuil.dose and not referral and ${test()}`, `stop ${drug} delai.long before`);
  }
  // Class-wide referrals apply only to patients flagged for referral, whom no drug rule takes:
  // otherwise a referral and a drug's own order would contradict each other (GL3002).
  for (let i = 0; written < planShare + Math.floor(n * 0.02); i++)
    rule(`plan.classe.${i}`, `referral and ${test()}`, `refer class ${pick(classes)}`);
  for (let i = 0; written < n; i++) {
    const then = random() < 0.5 ? `finding ${pick(kinds)}` : `recommend ${pick(recommendations)}`;
    rule(`regle.${i}`, condition(), then);
  }
  return `${lines.join("\n")}\n`;
}
