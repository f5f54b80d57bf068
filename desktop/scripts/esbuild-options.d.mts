import type { BuildOptions } from 'esbuild';

export declare const NODE_TARGET: string;
export declare const mainProcessOptions: BuildOptions;
