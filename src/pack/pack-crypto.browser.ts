import { sha256HexOfText } from "../shared/sha256.js";

/**
 * The browser build's `pack-crypto.ts` (the bundler puts it in its place; see
 * `tools/build-browser-runtime.mjs`): SHA-256 in plain TypeScript, synchronously. Ed25519 is
 * asynchronous in a browser (Web Crypto): a signed pack is checked by `loadSignedPack` in
 * `browser.ts`, and the synchronous functions below refuse, saying so.
 */

/** The SHA-256 of a text (UTF-8), in lower-case hexadecimal. */
export function sha256Hex(text: string): string {
  return sha256HexOfText(text);
}

const asynchronousOnly = "in a browser a signature is checked by `loadSignedPack` (Web Crypto is asynchronous)";

/** Refused in a browser: see `loadSignedPack`. */
export function publicKeyId(_pem: string): { readonly id: string } | { readonly problem: string } {
  return { problem: asynchronousOnly };
}

/** Refused in a browser (never verifies): see `loadSignedPack`. */
export function ed25519Verify(_message: string, _signature: string, _pem: string): boolean {
  return false;
}

/** Refused in a browser: packs are signed with the command line. */
export function ed25519Sign(
  _message: string,
  _privatePem: string,
): { readonly signature: string; readonly keyId: string; readonly publicKey: string } | { readonly problem: string } {
  return { problem: "packs are signed with `guideline sign`, not in a browser" };
}
