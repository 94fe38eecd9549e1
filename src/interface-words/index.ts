/**
 * The interface words of the report and the rulebook, one catalogue per language, looked up by the
 * pack's `guideline.language`. Ground: it imports nothing but `src/shared`.
 * @packageDocumentation
 */
import { fr, type InterfaceWordKey } from "./fr.js";

export type { InterfaceWordKey } from "./fr.js";

/** Every interface word of one language, by key. */
export type InterfaceWords = Readonly<Record<InterfaceWordKey, string>>;

const catalogues: Readonly<Record<string, InterfaceWords>> = { fr };

/**
 * The catalogue of a language (`fr`, or `fr-FR`: the part before `-`). French is the only
 * catalogue today, and the one given for a language that has none.
 */
export function interfaceWords(language: string): InterfaceWords {
  return catalogues[language.toLowerCase().split("-")[0] ?? ""] ?? fr;
}

/** Whether a string is a key of the catalogues (for the rulebook's `word` helper and its tests). */
export function isInterfaceWordKey(key: string): key is InterfaceWordKey {
  return Object.prototype.hasOwnProperty.call(fr, key);
}

/** An interface word with its `{0}`, `{1}`… filled in order. */
export function fillWords(template: string, ...values: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
