import { sha256Hex } from "./pack-crypto.js";
import type { RulePack } from "./pack-format.js";

/**
 * The integrity hash of a pack: sha256 of its JSON without the `integrity` field, keys in the
 * order the compiler wrote them. A pack edited by hand after compilation no longer matches.
 */
export function packIntegrity(pack: Omit<RulePack, "integrity"> | RulePack): string {
  const { integrity: _ignored, ...content } = pack as RulePack;
  return `sha256:${sha256Hex(JSON.stringify(content))}`;
}

/**
 * Whether a pack written by compiler `packVersion` can run on this runtime (`runtimeVersion`):
 * the same major version, and for 0.x versions the same minor version (semantic versioning).
 */
export function compatibleCompiler(packVersion: string, runtimeVersion: string): boolean {
  const [pMajor, pMinor] = packVersion.split(".").map(Number);
  const [rMajor, rMinor] = runtimeVersion.split(".").map(Number);
  if (pMajor === undefined || rMajor === undefined || Number.isNaN(pMajor) || Number.isNaN(rMajor)) return false;
  return pMajor === rMajor && (pMajor !== 0 || pMinor === rMinor);
}
