import { useServices } from '../../app/services';

/** True when the app runs as the desktop's local profile (no account, no server). */
export function useLocalOnly(): boolean {
  return useServices().localOnly === true;
}
