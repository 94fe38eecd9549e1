import { InvalidPackError } from "./invalid-pack-error.js";
import { ed25519Sign, ed25519Verify, publicKeyId } from "./pack-crypto.js";
import type { RulePack } from "./pack-format.js";

/** The `format` of a signature file, `pack.json.sig`. */
export const signatureFormat = "guideline-kb-pack-signature/1";

/**
 * A detached signature of a rule pack (the file `pack.json.sig` next to `pack.json`).
 * It signs the pack's integrity hash, which `loadPack` checks against the pack's content
 * first: so it covers the whole content, and the pack file itself is the compiler's output,
 * byte for byte.
 */
export interface PackSignature {
  /** Always `guideline-kb-pack-signature/1`. */
  readonly format: typeof signatureFormat;
  /** Always `Ed25519`. */
  readonly algorithm: "Ed25519";
  /** The signing key's identifier: `ed25519:` and the SHA-256 of its public key (DER, SPKI). */
  readonly key: string;
  /** The `integrity` of the pack signed, so that a signature of another pack is named as such. */
  readonly integrity: string;
  /** The Ed25519 signature, in base64, of `guideline-kb pack signature 1`, a line feed, the integrity and a line feed. */
  readonly signature: string;
}

/** What is signed: a fixed header (so the key signs nothing else by mistake) and the pack's integrity hash. */
function signedMessage(integrity: string): string {
  return `guideline-kb pack signature 1\n${integrity}\n`;
}

/**
 * Signs a pack with an Ed25519 private key (PEM, PKCS #8). The key never needs to be on a
 * machine that only checks or runs packs. Throws {@link InvalidPackError} (GL5048) when the
 * key cannot sign.
 */
export function signPack(pack: RulePack, privateKeyPem: string): PackSignature {
  const signed = ed25519Sign(signedMessage(pack.integrity), privateKeyPem);
  if ("problem" in signed) throw new InvalidPackError({ code: "GL5048", args: [signed.problem] });
  return { format: signatureFormat, algorithm: "Ed25519", key: signed.keyId, integrity: pack.integrity, signature: signed.signature };
}

/**
 * A signature read from its JSON text or data: refused with {@link InvalidPackError} (GL5044)
 * unless it has exactly the shape of a {@link PackSignature}.
 */
export function parseSignature(data: unknown): PackSignature {
  let value = data;
  if (typeof data === "string") {
    try {
      value = JSON.parse(data);
    } catch (error) {
      throw new InvalidPackError({ code: "GL5044", args: [`it is not JSON (${(error as Error).message})`] });
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new InvalidPackError({ code: "GL5044", args: ["it is not a JSON object"] });
  const fields = value as Record<string, unknown>;
  const expected = ["algorithm", "format", "integrity", "key", "signature"];
  const keys = Object.keys(fields).sort();
  if (keys.join() !== expected.join())
    throw new InvalidPackError({ code: "GL5044", args: [`it must have exactly the fields ${expected.join(", ")}`] });
  if (fields.format !== signatureFormat) throw new InvalidPackError({ code: "GL5044", args: [`its format is not ${signatureFormat}`] });
  if (fields.algorithm !== "Ed25519") throw new InvalidPackError({ code: "GL5044", args: ["its algorithm is not Ed25519"] });
  for (const field of ["integrity", "key", "signature"]) {
    if (typeof fields[field] !== "string") throw new InvalidPackError({ code: "GL5044", args: [`its ${field} is not a string`] });
  }
  return fields as unknown as PackSignature;
}

/**
 * Checks that `signature` is a signature of `pack` by one of `trustedKeys` (PEM public keys).
 * Throws {@link InvalidPackError} (GL5043) naming why not: no trusted key, a key that is not
 * trusted, a signature of another pack, or a signature that does not verify.
 */
export function verifyPackSignature(pack: RulePack, signature: PackSignature, trustedKeys: readonly string[]): void {
  if (trustedKeys.length === 0) throw new InvalidPackError({ code: "GL5043", args: ["no trusted public key was given"] });
  if (signature.integrity !== pack.integrity)
    throw new InvalidPackError({ code: "GL5043", args: ["it signs another pack (its integrity hash differs)"] });
  const ids = trustedKeys.map((pem) => publicKeyId(pem));
  for (const id of ids) if ("problem" in id) throw new InvalidPackError({ code: "GL5043", args: [`a trusted key is ${id.problem}`] });
  const index = ids.findIndex((id) => "id" in id && id.id === signature.key);
  const key = trustedKeys[index];
  if (key === undefined)
    throw new InvalidPackError({ code: "GL5043", args: [`it is signed by ${signature.key}, which is not a trusted key`] });
  if (!ed25519Verify(signedMessage(pack.integrity), signature.signature, key))
    throw new InvalidPackError({ code: "GL5043", args: ["the signature is not valid for this pack and key"] });
}
