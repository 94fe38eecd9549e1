import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";

/**
 * The runtime's only use of `node:crypto`: a browser build replaces this module with one on Web
 * Crypto (`crypto.subtle.digest("SHA-256")`, `crypto.subtle.verify("Ed25519")`), whose calls
 * are asynchronous.
 */

/** The SHA-256 of a text (UTF-8), in lower-case hexadecimal. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A public key read from PEM (SPKI): its Ed25519 form, or why it is not one. */
function ed25519PublicKey(pem: string): ReturnType<typeof createPublicKey> | string {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === "ed25519" ? key : `a ${key.asymmetricKeyType ?? "unknown"} key, not Ed25519`;
  } catch (error) {
    return `not a PEM public key (${(error as Error).message})`;
  }
}

/** The identifier of a public key: `ed25519:` and the SHA-256 of its DER (SPKI) encoding. */
function keyIdOf(key: ReturnType<typeof createPublicKey>): string {
  return `ed25519:${createHash("sha256")
    .update(key.export({ format: "der", type: "spki" }))
    .digest("hex")}`;
}

/** The identifier of a PEM public key (`ed25519:<sha256 of its DER>`), or the reason it is not an Ed25519 key. */
export function publicKeyId(pem: string): { readonly id: string } | { readonly problem: string } {
  const key = ed25519PublicKey(pem);
  return typeof key === "string" ? { problem: key } : { id: keyIdOf(key) };
}

/** Whether `signature` (base64) is `message` signed by the Ed25519 key `pem`. */
export function ed25519Verify(message: string, signature: string, pem: string): boolean {
  const key = ed25519PublicKey(pem);
  if (typeof key === "string") return false;
  try {
    return verify(null, Buffer.from(message, "utf8"), key, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/**
 * Signs `message` with an Ed25519 private key given in PEM (PKCS #8). Returns the signature in
 * base64 and the identifier and PEM of the matching public key, or why the key cannot sign.
 */
export function ed25519Sign(
  message: string,
  privatePem: string,
): { readonly signature: string; readonly keyId: string; readonly publicKey: string } | { readonly problem: string } {
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(privatePem);
  } catch (error) {
    return { problem: `it is not a PEM private key (${(error as Error).message})` };
  }
  if (key.asymmetricKeyType !== "ed25519")
    return { problem: `it is a ${key.asymmetricKeyType ?? "unknown"} key; packs are signed with Ed25519` };
  const publicKey = createPublicKey(key);
  return {
    signature: sign(null, Buffer.from(message, "utf8"), key).toString("base64"),
    keyId: keyIdOf(publicKey),
    publicKey: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}
