import { classMemberName } from "../pack/drug-names.js";
import type { PackDrug, RulePack } from "../pack/pack-format.js";
import { memoByObject } from "../shared/memo-by-object.js";

/**
 * The vocabulary's stand-ins for the classes with ATC prefixes: one entry per such class, named
 * {@link classMemberName}, whose `atc` are the class's prefixes and whose label is the class's.
 * A treatment recognised only by a prefix is this entry: the class's rules apply to it.
 */
export const classMembersOf: (pack: RulePack) => readonly PackDrug[] = memoByObject((pack: RulePack) =>
  pack.classes.flatMap((c): PackDrug[] =>
    c.atc?.length ? [{ name: classMemberName(c.name), atc: c.atc, class: c.name, label: c.label, aliases: [], namedBySource: true }] : [],
  ),
);

/** The declared drugs of a pack, then its class stand-ins (see {@link classMembersOf}). */
export const drugsAndClassMembersOf: (pack: RulePack) => readonly PackDrug[] = memoByObject((pack: RulePack) => [
  ...pack.drugs,
  ...classMembersOf(pack),
]);
