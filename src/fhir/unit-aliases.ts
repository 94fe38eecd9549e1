/**
 * Units that laboratories write but that are not UCUM codes, each with the UCUM code it stands
 * for. Only a unit given WITHOUT the UCUM system (`system` http://unitsofmeasure.org) is looked
 * up here: a unit that claims to be UCUM is read as UCUM, and one neither UCUM-coded nor in this
 * table is refused (GL5061), never guessed. `K` is thousand (`10*3`), `G` giga (`10*9`, the
 * French laboratories' `G/L`); `µ` and `u` are both micro.
 */
export const unitAliases: Readonly<Record<string, string>> = {
  "K/uL": "10*3/uL",
  "K/µL": "10*3/uL",
  "k/uL": "10*3/uL",
  "k/µL": "10*3/uL",
  "x10E3/uL": "10*3/uL",
  "10^3/uL": "10*3/uL",
  "10^3/µL": "10*3/uL",
  "/µL": "/uL",
  "/mm³": "/mm3",
  "10^9/L": "10*9/L",
  "x10E9/L": "10*9/L",
  "G/L": "10*9/L",
  µg: "ug",
};

/** The UCUM code of a FHIR Quantity's unit, or undefined when it has none that can be trusted. */
export function ucumOfQuantity(quantity: { readonly system?: string; readonly code?: string; readonly unit?: string }): string | undefined {
  if (quantity.system === "http://unitsofmeasure.org") return quantity.code ?? quantity.unit;
  const written = quantity.code ?? quantity.unit;
  if (written === undefined) return undefined;
  return Object.hasOwn(unitAliases, written) ? unitAliases[written] : written;
}
