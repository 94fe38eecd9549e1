import type * as A from "../../dsl/ast.js";
import type { Report } from "./report.js";
import type { NameTables } from "./resolve-names.js";

/** An ATC code of level 1 to 5: `A`, `A01`, `A01A`, `A01AA`, `A01AA01`. */
const atcPrefixShape = /^[A-Z](\d{2}([A-Z]([A-Z](\d{2})?)?)?)?$/;

/** An RxNorm concept identifier: digits only, no check digit, no leading zero. */
const rxnormShape = /^[1-9]\d{0,9}$/;

/** One ATC prefix of a class, as written. */
interface ClassPrefix {
  readonly prefix: A.Name;
  readonly drugClass: string;
}

/**
 * Checks the classes' ATC prefixes: each a well-formed ATC code of level 1 to 5 (GL2128), none
 * shared with or nested in another class's (GL2129), each inside the plan's scope (GL2131, a
 * warning), and no declared drug coded under a class's prefix but declared in another class or in
 * none (GL2130). Returns the well-formed prefixes.
 */
export function checkClassPrefixes(names: NameTables, scope: string | undefined, report: Report): readonly ClassPrefix[] {
  const prefixes: ClassPrefix[] = [];
  for (const drugClass of names.classes.values()) {
    for (const prefix of drugClass.atc) {
      if (!atcPrefixShape.test(prefix.text)) report("GL2128", prefix.span, [prefix.text, drugClass.name.text]);
      else prefixes.push({ prefix, drugClass: drugClass.name.text });
    }
  }
  prefixes.forEach((one, index) => {
    const other = prefixes
      .slice(0, index)
      .find(
        (p) => p.drugClass !== one.drugClass && (p.prefix.text.startsWith(one.prefix.text) || one.prefix.text.startsWith(p.prefix.text)),
      );
    if (other) report("GL2129", one.prefix.span, [one.prefix.text, one.drugClass, other.prefix.text, other.drugClass]);
    if (scope !== undefined && !one.prefix.text.startsWith(scope))
      report("GL2131", one.prefix.span, [one.prefix.text, one.drugClass, scope]);
  });
  for (const drug of names.drugs.values()) {
    for (const code of drug.atc) {
      const under = prefixes.find((p) => code.text.startsWith(p.prefix.text));
      if (!under || drug.drugClass?.text === under.drugClass) continue;
      const declared = drug.drugClass ? `declared in the class \`${drug.drugClass.text}\`` : "declared in no class";
      report("GL2130", code.span, [drug.name.text, code.text, under.prefix.text, under.drugClass, declared]);
    }
  }
  return prefixes;
}

/** Checks the drugs' RxNorm codes: digits only (GL2132), and no code on two drugs (GL2133). */
export function checkRxnormCodes(drugs: NameTables["drugs"], report: Report): void {
  const owners = new Map<string, string>();
  for (const drug of drugs.values()) {
    for (const code of drug.rxnorm) {
      if (!rxnormShape.test(code.text)) {
        report("GL2132", code.span, [code.text]);
        continue;
      }
      const owner = owners.get(code.text);
      if (owner === undefined) owners.set(code.text, drug.name.text);
      else if (owner === drug.name.text) report("GL2021", code.span, [code.text, drug.name.text]);
      else report("GL2133", code.span, [code.text, owner, drug.name.text]);
    }
  }
}
