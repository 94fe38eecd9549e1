import type { EditionDiff } from "../editions/semantic-diff.js";
import type { LinkView, RulebookView } from "./view-types.js";

/** What changed in one rule since the previous edition, in words, or null. */
export function changeNote(id: string, diff: EditionDiff | undefined): string | null {
  if (!diff) return null;
  if (diff.rules.added.includes(id)) return `Règle nouvelle dans l'édition ${diff.to.edition}.`;
  const change = diff.rules.changed.find((r) => r.id === id);
  if (!change) return null;
  const parts = [
    change.values ? `valeur ${change.values.map((v) => `${v.name} (${v.from} → ${v.to})`).join(", ")}` : "",
    change.condition ? "condition" : "",
    change.effect ? "effet" : "",
    change.statement ? "énoncé" : "",
    change.quotes ? "citation du texte" : "",
    change.citations ? "références" : "",
    change.section ? "section" : "",
  ].filter((p) => p !== "");
  return `Modifiée depuis l'édition ${diff.from.edition} : ${parts.join(", ")}.`;
}

/** The changes since the previous edition, one line each, in French, linked to the rules that still exist. */
export function changeLines(
  diff: EditionDiff,
  ruleLink: (id: string) => LinkView,
  current: ReadonlySet<string>,
): NonNullable<RulebookView["changes"]> {
  const lines: { text: string; link: LinkView | null }[] = [];
  const line = (text: string, rule?: string) => lines.push({ text, link: rule && current.has(rule) ? ruleLink(rule) : null });
  for (const t of diff.thresholds.changed) line(`Valeur ${t.name} : ${t.from} → ${t.to}`);
  for (const t of diff.thresholds.added) line(`Valeur ajoutée ${t.name} = ${t.value}`);
  for (const t of diff.thresholds.removed) line(`Valeur supprimée ${t.name} (était ${t.value})`);
  for (const id of diff.rules.added) line(`Règle ajoutée : ${id}`, id);
  for (const id of diff.rules.removed) line(`Règle supprimée : ${id}`);
  for (const r of diff.rules.changed) {
    for (const v of r.values ?? []) line(`Règle ${r.id}, valeur ${v.name} : ${v.from} → ${v.to}`, r.id);
    if (r.condition) line(`Règle ${r.id}, condition : ${r.condition.from} → ${r.condition.to}`, r.id);
    if (r.effect) line(`Règle ${r.id}, effet : ${r.effect.from} → ${r.effect.to}`, r.id);
    if (r.statement) line(`Règle ${r.id}, énoncé : « ${r.statement.to} »`, r.id);
    if (r.quotes)
      line(
        `Règle ${r.id}, citation : ${r.quotes.removed
          .map((q) => `« ${q} » retirée`)
          .concat(r.quotes.added.map((q) => `« ${q} » ajoutée`))
          .join(" ; ")}`,
        r.id,
      );
    if (r.citations)
      line(`Règle ${r.id}, références : ${r.citations.from.join(", ") || "aucune"} → ${r.citations.to.join(", ") || "aucune"}`, r.id);
    if (r.section) line(`Règle ${r.id}, section : ${r.section.from} → ${r.section.to}`, r.id);
  }
  for (const d of diff.drugs.added) line(`Médicament ajouté : ${d.name} (ATC ${d.atc}, classe ${d.drugClass})`);
  for (const d of diff.drugs.removed) line(`Médicament supprimé : ${d}`);
  for (const d of diff.drugs.reclassified) line(`Médicament ${d.name} : classe ${d.from} → ${d.to}`);
  for (const d of diff.drugs.atcChanged) line(`Médicament ${d.name} : ATC ${d.from} → ${d.to}`);
  for (const f of diff.facts.added) line(`Fait ajouté : ${f}`);
  for (const f of diff.facts.removed) line(`Fait supprimé : ${f}`);
  for (const f of diff.facts.changed) line(`Fait ${f.path} : ${f.from} → ${f.to}`);
  if (diff.verdict.changed) line("Logique de la conclusion modifiée");
  for (const e of diff.examples.changed) line(`Exemple ${e.id} : résultat attendu modifié`);
  return { from: diff.from.edition, lines };
}
