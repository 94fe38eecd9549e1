import type { BehaviourDiff } from "./behavioural-diff.js";
import { escapeLine, escapeText } from "../runtime/escape-text.js";
import type { EditionDiff } from "./semantic-diff.js";

/** The semantic diff as text a reviewer reads: one line per change, grouped by kind, control characters escaped. */
export function renderDiffText(diff: EditionDiff, behaviour?: BehaviourDiff): string {
  const lines: string[] = [`${diff.from.id}: edition ${diff.from.edition} → ${diff.to.edition}`];
  const section = (title: string, entries: readonly string[]) => {
    if (entries.length === 0) return;
    lines.push("", `${title}:`, ...entries.map((e) => `  ${e}`));
  };
  section("thresholds and delays changed", [
    ...diff.thresholds.changed.map((t) => `${t.name}: ${t.from} → ${t.to}`),
    ...diff.thresholds.added.map((t) => `+ ${t.name} = ${t.value}`),
    ...diff.thresholds.removed.map((t) => `- ${t.name} (was ${t.value})`),
  ]);
  section("rules", [
    ...diff.rules.added.map((id) => `+ ${id} (added)`),
    ...diff.rules.removed.map((id) => `- ${id} (removed)`),
    ...diff.rules.changed.flatMap((r) => [
      `~ ${r.id}`,
      ...(r.values ?? []).map((v) => `    ${v.role} ${v.name}: ${v.from} → ${v.to}`),
      ...(r.condition ? [`    condition: ${r.condition.from} → ${r.condition.to}`] : []),
      ...(r.effect ? [`    effect: ${r.effect.from} → ${r.effect.to}`] : []),
      ...(r.statement ? [`    statement: "${r.statement.from}" → "${r.statement.to}"`] : []),
      ...(r.section ? [`    section: ${r.section.from} → ${r.section.to}`] : []),
      ...(r.quotes
        ? [...r.quotes.removed.map((q) => `    quote removed: "${q}"`), ...r.quotes.added.map((q) => `    quote added: "${q}"`)]
        : []),
      ...(r.citations ? [`    citations: ${r.citations.from.join(", ") || "none"} → ${r.citations.to.join(", ") || "none"}`] : []),
    ]),
  ]);
  section("drugs", [
    ...diff.drugs.added.map((d) => `+ ${d.name} (ATC ${d.atc}, class ${d.drugClass})`),
    ...diff.drugs.removed.map((d) => `- ${d}`),
    ...diff.drugs.reclassified.map((d) => `~ ${d.name}: class ${d.from} → ${d.to}`),
    ...diff.drugs.atcChanged.map((d) => `~ ${d.name}: ATC ${d.from} → ${d.to}`),
  ]);
  section("facts", [
    ...diff.facts.added.map((f) => `+ ${f}`),
    ...diff.facts.removed.map((f) => `- ${f}`),
    ...diff.facts.changed.map((f) => `~ ${f.path}: ${f.from} → ${f.to}`),
  ]);
  if (diff.verdict.changed) section("verdict logic", [...diff.verdict.from.map((l) => `- ${l}`), ...diff.verdict.to.map((l) => `+ ${l}`)]);
  section("information items", [
    ...diff.information.added.map((i) => `+ ${i}`),
    ...diff.information.removed.map((i) => `- ${i}`),
    ...diff.information.changed.map((i) => `~ ${i}`),
  ]);
  section("examples", [
    ...diff.examples.added.map((e) => `+ ${e}`),
    ...diff.examples.removed.map((e) => `- ${e}`),
    ...diff.examples.changed.flatMap((e) => [
      `~ ${e.id}: expected outcome changed`,
      ...e.from.map((l) => `    - expect ${l}`),
      ...e.to.map((l) => `    + expect ${l}`),
    ]),
  ]);
  const sentence = (text: string) => `"${escapeLine(text)}"`;
  section("source text sentences", [
    ...diff.source.removed.map((t) => `- ${sentence(t)}`),
    ...diff.source.added.map((t) => `+ ${sentence(t)}`),
    ...diff.source.changed.flatMap((c) => [`~ ${sentence(c.from)}`, `  → ${sentence(c.to)}`]),
  ]);
  if (diff.same) lines.push("", "no difference");
  if (behaviour) {
    lines.push(
      "",
      `behaviour on ${behaviour.patients} generated patients (seed ${behaviour.seed}): ${behaviour.changed} reports change (${((100 * behaviour.changed) / Math.max(1, behaviour.patients)).toFixed(1)} %)`,
    );
    for (const kind of behaviour.kinds) {
      lines.push(`  ${kind.kind}: ${kind.count} patients`);
      for (const example of kind.examples) lines.push(`    e.g. ${example.summary}`);
    }
  }
  // Texts of the guideline (statements, quotes) may hold control characters: shown, never acted on.
  return escapeText(`${lines.join("\n")}\n`);
}
