// Types of scripts/bundle-bins.mjs for the tests that call it.

/** [entry, output file in <out>/cli, what its banner adds] */
export declare const BINS: ReadonlyArray<readonly [string, string, string]>;

export interface Bundle {
  bytes: number;
  text: string;
  /** The source files in it, as esbuild names them (src/core/...ts). */
  inputs: string[];
  /** The bytes each source file adds to the bundle. */
  inputBytes: Record<string, number>;
}

export declare function bundleBins(options?: { out?: string; write?: boolean; analyze?: boolean }): Promise<Record<string, Bundle>>;
