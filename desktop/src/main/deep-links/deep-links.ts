/**
 * `hamgaja://` links (invites) and trip files handed to the app by the operating system:
 * on the command line of the first launch (Windows, Linux), in the argv a second launch
 * forwards to the running instance, or through macOS's open-url / open-file events.
 */
import path from 'node:path';
import { deepLinkSchema, type DeepLink } from '../../desktop-api/contract.js';
import { TRIP_FILE_EXTENSION } from '../../desktop-api/trip-bundle.js';

export const DEEP_LINK_SCHEME = 'hamgaja';
const MAX_LINK_LENGTH = 2048;

/** `hamgaja://invite/CODE` → `{kind: 'invite', code}`; anything else → null. */
export function parseDeepLink(raw: string): DeepLink | null {
  if (raw.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  // `hamgaja://invite/CODE` parses as host "invite"; `hamgaja:invite/CODE` as a path only.
  const segments = [url.host, ...url.pathname.split('/')].filter((s) => s !== '');
  if (segments[0]?.toLowerCase() === 'invite' && segments.length === 2) {
    const link = deepLinkSchema.safeParse({ kind: 'invite', code: segments[1] });
    return link.success ? link.data : null;
  }
  return null;
}

/** The deep link among command-line arguments (the last one wins), or null. */
export function findDeepLink(argv: readonly string[]): DeepLink | null {
  for (let i = argv.length - 1; i >= 0; i--) {
    const arg = argv[i]!;
    if (arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) {
      const link = parseDeepLink(arg);
      if (link) return link;
    }
  }
  return null;
}

/** A trip file (`*.hamgaja`) among command-line arguments, as an absolute path, or null. */
export function findTripFile(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i]!;
    if (arg.startsWith('-')) continue;
    if (path.extname(arg).toLowerCase() === `.${TRIP_FILE_EXTENSION}`) return path.resolve(cwd, arg);
  }
  return null;
}
