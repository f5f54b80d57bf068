/** The optimiser's pins, remembered on this device. */
export interface OptimisePins {
  pinFirst: boolean;
  pinLast: boolean;
}

const PINS_STORAGE_KEY = 'hamgaja.route.pins';

export function storedPins(): OptimisePins {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(PINS_STORAGE_KEY) ?? 'null');
    if (value && typeof value === 'object') {
      const { pinFirst, pinLast } = value as Record<string, unknown>;
      return { pinFirst: pinFirst === true, pinLast: pinLast === true };
    }
  } catch {
    // Unreadable: the defaults.
  }
  // A day usually starts where the traveller slept: the first stop stays first.
  return { pinFirst: true, pinLast: false };
}

export function storePins(pins: OptimisePins): void {
  try {
    localStorage.setItem(PINS_STORAGE_KEY, JSON.stringify(pins));
  } catch {
    // Not remembered in private mode.
  }
}
