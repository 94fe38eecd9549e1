/** For exhaustive switches: a value that the types say cannot exist. Throws if one does (a bug). */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)} (a bug: please report it)`);
}
