// Types of release-workflow.mjs (plain Node so `npm run release:rehearse` runs without a compiler).

export const INSTALLERS_JOB: string;
export const PLATFORMS: readonly string[];

export interface DistCommand {
  /** The step's name. */
  step: string;
  /** `npm run dist -- <args>`, with `${{ matrix.* }}` filled in for one matrix combination. */
  command: string;
  args: string[];
  /** Platforms the arguments build for: linux, win, mac. */
  platforms: string[];
}

export function commandsOf(script: string): string[];
export function platformsOf(args: string[]): string[];
export function checkReleaseWorkflow(
  text: string,
  options?: { installersDir?: string },
): { problems: string[]; dist: DistCommand[] };
