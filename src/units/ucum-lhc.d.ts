/** Minimal typings for the parts of `@lhncbc/ucum-lhc` this project uses. */
declare module "@lhncbc/ucum-lhc" {
  const ucumPackage: unknown;
  export default ucumPackage;
}
