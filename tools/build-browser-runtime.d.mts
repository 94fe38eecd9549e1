/** The modules replaced in the browser, by their path under src/. */
export declare const browserModules: readonly string[];
/** The esbuild options of the browser runtime. */
export declare function browserRuntimeBuild(): import("esbuild").BuildOptions & { write: false };
/** Builds the bundle; returns its text. */
export declare function buildBrowserRuntime(): Promise<string>;
