/** The modules replaced in the browser, by their path under src/. */
export declare const browserModules: readonly string[];
/** The esbuild options of the browser runtime. */
export declare function browserRuntimeBuild(): import("esbuild").BuildOptions & { write: false };
/** The file of the classic-script build, which the rulebook inlines (relative to the repository). */
export declare const browserRuntimeScriptFile: string;
/** Builds the bundle; returns its text (an ES module, or with `script` a classic script: `var guidelineRuntime = …;`). */
export declare function buildBrowserRuntime(script?: boolean): Promise<string>;
/** The file of the UCUM library as one classic script, which the rulebook inlines for `useUcum`. */
export declare const ucumScriptFile: string;
/** Builds the UCUM library for a page; returns its text (`var guidelineUcum = …;`). */
export declare function buildUcumScript(): Promise<string>;
