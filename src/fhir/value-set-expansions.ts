import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { bundleResources } from "./bundle-resources.js";
import { isObject, listAt, stringAt, type JsonObject } from "./fhir-json.js";
import { fhirLimits } from "./fhir-limits.js";

/**
 * What FHIR ValueSet expansions say, ready for matching: for each code a record may carry
 * (`system|code`), the codes of the guideline it stands for (`system|code`) and the ValueSet that
 * says so. Built by {@link expansionsFromValueSets}; give it to `factsFromFhir` (`expansions`).
 */
export interface Expansions {
  /** A record's `system|code` → the guideline's `system|code` whose expansion holds it → the ValueSet (its `url`, else `ValueSet/id`). */
  readonly members: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** The expansions read from ValueSets, and what could not be read (GL5072–GL5077). */
export interface ExpansionsRead {
  readonly expansions: Expansions;
  readonly problems: readonly Diagnostic[];
}

/** One ValueSet given, with where it was found (`valueSets[0]`, `ValueSet/vs-1`). */
interface GivenValueSet {
  readonly where: string;
  readonly resource: JsonObject;
}

/**
 * Reads FHIR R4 ValueSets that carry an expansion (`expansion.contains`, nested `contains` too),
 * each given alone or in a Bundle. Each must name, in `compose.include`, the one code it expands:
 * a `concept` or a `filter` whose `op` is `is-a` and whose `value` is the code. Every code of its
 * expansion then stands for that code. A ValueSet that cannot be used is reported with where it
 * is (an error) and left out; at most {@link fhirLimits.expansionCodes} codes are read.
 */
export function expansionsFromValueSets(valueSets: readonly unknown[]): ExpansionsRead {
  const problems: Diagnostic[] = [];
  const members = new Map<string, Map<string, string>>();
  const counter = { codes: 0, full: false };
  for (const { where, resource } of givenValueSets(valueSets, problems)) {
    const named = namedCode(where, resource, problems);
    if (named === undefined) continue;
    const contains = listAt(isObject(resource.expansion) ? resource.expansion : undefined, "contains");
    if (contains.length === 0) {
      problems.push(makeDiagnostic("GL5074", undefined, [where]));
      continue;
    }
    const valueSet = stringAt(resource, "url") ?? where;
    readContains(contains, "expansion.contains", 1, { where, named, valueSet, members, problems, counter });
  }
  if (counter.full) problems.push(makeDiagnostic("GL5076", undefined, [fhirLimits.expansionCodes]));
  return { expansions: { members }, problems };
}

/** The ValueSets given, each alone or in a Bundle; anything else is reported (GL5072). */
function givenValueSets(valueSets: readonly unknown[], problems: Diagnostic[]): GivenValueSet[] {
  const found: GivenValueSet[] = [];
  valueSets.forEach((given, index) => {
    const type = stringAt(given, "resourceType");
    if (isObject(given) && type === "ValueSet") {
      const id = stringAt(given, "id");
      found.push({
        where: id !== undefined && /^[A-Za-z0-9.-]{1,64}$/.test(id) ? `ValueSet/${id}` : `valueSets[${index}]`,
        resource: given,
      });
    } else if (isObject(given) && type === "Bundle") {
      const read = bundleResources(given);
      problems.push(...read.problems);
      for (const r of read.resources) {
        if (r.resourceType === "ValueSet") found.push({ where: r.label, resource: r.resource });
        else problems.push(makeDiagnostic("GL5072", undefined, [r.label, `its resourceType is ${r.resourceType}`]));
      }
    } else {
      const what =
        type !== undefined && /^[A-Z][A-Za-z]{1,63}$/.test(type) ? `its resourceType is ${type}` : "it has no resourceType ValueSet";
      problems.push(makeDiagnostic("GL5072", undefined, [`valueSets[${index}]`, what]));
    }
  });
  return found;
}

/** The one `system|code` a ValueSet names in `compose.include` (a `concept`, or an `is-a` filter); else GL5073. */
function namedCode(where: string, resource: JsonObject, problems: Diagnostic[]): string | undefined {
  const named: string[] = [];
  listAt(isObject(resource.compose) ? resource.compose : undefined, "include").forEach((include, i) => {
    const system = stringAt(include, "system");
    listAt(include, "concept").forEach((concept) => {
      const code = stringAt(concept, "code");
      if (system !== undefined && code !== undefined) named.push(`${system}|${code}`);
    });
    listAt(include, "filter").forEach((filter, j) => {
      const value = stringAt(filter, "value");
      if (stringAt(filter, "op") !== "is-a") {
        problems.push(
          makeDiagnostic("GL5075", undefined, [
            where,
            `compose.include[${i}].filter[${j}]`,
            "only an `is-a` filter names the code a ValueSet expands",
          ]),
        );
      } else if (system !== undefined && value !== undefined) named.push(`${system}|${value}`);
    });
  });
  const distinct = [...new Set(named)];
  if (distinct.length !== 1 || distinct[0] === undefined) {
    problems.push(makeDiagnostic("GL5073", undefined, [where, distinct.length]));
    return undefined;
  }
  return distinct[0];
}

/** What reading one ValueSet's expansion needs and fills. */
interface ExpansionReading {
  readonly where: string;
  readonly named: string;
  readonly valueSet: string;
  readonly members: Map<string, Map<string, string>>;
  readonly problems: Diagnostic[];
  readonly counter: { codes: number; full: boolean };
}

/** Adds the codes of `contains` (and of their nested `contains`, down to {@link fhirLimits.expansionDepth} levels). */
function readContains(contains: readonly unknown[], path: string, depth: number, reading: ExpansionReading): void {
  const { where, named, valueSet, members, problems, counter } = reading;
  contains.forEach((item, index) => {
    if (counter.full) return;
    const at = `${path}[${index}]`;
    const system = stringAt(item, "system");
    const code = stringAt(item, "code");
    const nested = listAt(item, "contains");
    if (system !== undefined && code !== undefined) {
      if (++counter.codes > fhirLimits.expansionCodes) {
        counter.full = true;
        return;
      }
      const key = `${system}|${code}`;
      const stands = members.get(key) ?? new Map<string, string>();
      if (!stands.has(named)) stands.set(named, valueSet);
      members.set(key, stands);
    } else if (nested.length === 0) problems.push(makeDiagnostic("GL5075", undefined, [where, at, "it has no `system` or no `code`"]));
    if (nested.length === 0) return;
    if (depth >= fhirLimits.expansionDepth) problems.push(makeDiagnostic("GL5077", undefined, [where, at, fhirLimits.expansionDepth]));
    else readContains(nested, `${at}.contains`, depth + 1, reading);
  });
}
