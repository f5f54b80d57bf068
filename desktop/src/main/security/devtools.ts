/**
 * Whether the Chromium DevTools may open. A development run (`electron .`, the e2e tests) always
 * has them; a packaged build only when support asks the user to start it with the switch
 * (docs/releasing.md, "DevTools in a packaged build"):
 *
 *   --enable-devtools        on the command line, or
 *   HAMGAJA_DEVTOOLS=1       in the environment (also true, yes, on).
 */
import { z } from 'zod';

export const DEVTOOLS_SWITCH = '--enable-devtools';
export const DEVTOOLS_ENV = 'HAMGAJA_DEVTOOLS';

/** "1", "true", "yes", "on" (any case) → true; "0", "false", "no", "off" and "" → false. */
const envSwitch = z.union([z.literal('').transform(() => false), z.stringbool()]);

export interface DevToolsInput {
  /** app.isPackaged */
  packaged: boolean;
  /** process.argv */
  argv: readonly string[];
  /** process.env */
  env: Readonly<Record<string, string | undefined>>;
}

export function devToolsEnabled({ packaged, argv, env }: DevToolsInput): boolean {
  if (!packaged) return true;
  if (argv.includes(DEVTOOLS_SWITCH)) return true;
  const value = env[DEVTOOLS_ENV];
  if (value === undefined) return false;
  // Anything else (a typo) leaves them off: the switch only ever loosens on a clear yes.
  const parsed = envSwitch.safeParse(value.trim());
  return parsed.success && parsed.data;
}
