/** Packs trusted as the code is: the bundled ones, and those compiled in this process. */
const trustedAsCode = new WeakSet();

/**
 * Marks a pack the compiler has just built in this process as trusted as the code that built
 * it (it has no signature: it was never out of the process).
 * @internal Called by the compiler; not part of the package's API.
 */
export function trustCompiledPack<T extends object>(pack: T): T {
  trustedAsCode.add(pack);
  return pack;
}

/**
 * Marks a pack bundled with the package (read from its own `generated/` folder) as trusted as the code is.
 * @internal Called by the runtime's pack loader.
 */
export function trustAsCode(pack: object): void {
  trustedAsCode.add(pack);
}

/**
 * Whether `pack` is trusted as the code is: bundled, or compiled in this process.
 * @internal Called by the runtime's pack loader.
 */
export function isTrustedAsCode(pack: object): boolean {
  return trustedAsCode.has(pack);
}
