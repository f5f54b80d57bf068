// Types of bundle.mjs (plain Node so `npm run fuzz` can bundle the TypeScript it runs).

/** A fresh temporary directory for bundles. */
export function bundleDir(): string;
/** Bundles device-worker.ts into `dir` and returns the file. */
export function bundleWorker(dir: string): Promise<string>;
/** Bundles the command-line entry (cli.ts) into `dir` and returns the file. */
export function bundleCli(dir: string): Promise<string>;
