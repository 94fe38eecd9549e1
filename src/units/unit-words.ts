/**
 * Units written as words, in French or English, with the UCUM code an editor means by them:
 * `jours` and `days` are `d`. Only units of time and mass whose word is not itself a UCUM code;
 * the checker offers the code as a "did you mean" when a unit is not UCUM.
 */
const unitWords: ReadonlyMap<string, string> = new Map([
  ...["j", "jour", "jours", "day", "days"].map((w) => [w, "d"] as const),
  ...["heure", "heures", "hour", "hours", "hr", "hrs"].map((w) => [w, "h"] as const),
  ...["minute", "minutes", "mn"].map((w) => [w, "min"] as const),
  ...["seconde", "secondes", "second", "seconds", "sec"].map((w) => [w, "s"] as const),
  ...["semaine", "semaines", "sem", "week", "weeks"].map((w) => [w, "wk"] as const),
  ...["mois", "month", "months"].map((w) => [w, "mo"] as const),
  ...["an", "ans", "année", "années", "year", "years"].map((w) => [w, "a"] as const),
  ...["mg/j", "mg/jour", "mg/day", "mg par jour", "mg per day"].map((w) => [w, "mg/d"] as const),
]);

/** The UCUM code meant by a unit written as a word (`jours` → `d`), or undefined. */
export function ucumForWord(written: string): string | undefined {
  return unitWords.get(written.toLowerCase());
}
