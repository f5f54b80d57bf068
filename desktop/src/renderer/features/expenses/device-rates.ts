/**
 * The exchange rates this device last got from the server (GET /api/rates), kept in
 * localStorage so a new expense in another currency gets a rate offline too. Asked again
 * whenever the expenses are opened online; an answer without rates never replaces rates
 * the device already has.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { ratesResponseSchema, type RatesResponse } from '@hamgaja/shared';
import { sendJson, type FetchLike } from '../../api/http';
import { useServices, type Services } from '../../app/services';

export const DEVICE_RATES_KEY = 'hamgaja.exchangeRates';

type RatesStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The rates kept on this device, or null (none, or not readable: validated with zod). */
export function readDeviceRates(storage: RatesStorage | null): RatesResponse | null {
  try {
    const text = storage?.getItem(DEVICE_RATES_KEY);
    if (!text) return null;
    const parsed = ratesResponseSchema.safeParse(JSON.parse(text));
    return parsed.success && Object.keys(parsed.data.rates).length > 0 ? parsed.data : null;
  } catch {
    return null;
  }
}

export class DeviceRates {
  private current: RatesResponse | null;
  private readonly listeners = new Set<() => void>();
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly load: () => Promise<RatesResponse>,
    private readonly storage: RatesStorage | null,
  ) {
    this.current = readDeviceRates(storage);
  }

  readonly get = (): RatesResponse | null => this.current;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks the server; keeps the answer when it has rates. Failures leave the kept rates alone. */
  refresh(): Promise<void> {
    this.inflight ??= this.load()
      .then((answer) => {
        if (Object.keys(answer.rates).length === 0) return;
        this.current = answer;
        try {
          this.storage?.setItem(DEVICE_RATES_KEY, JSON.stringify(answer));
        } catch {
          // Storage full or denied: the rates still serve this session.
        }
        for (const listener of this.listeners) listener();
      })
      .catch((error: unknown) => console.warn('Exchange rates could not be fetched', error))
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }
}

const fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init);
const stores = new WeakMap<object, DeviceRates>();

/** One store per app (its services). */
export function deviceRatesFor(services: Pick<Services, 'apiBaseUrl'>): DeviceRates {
  let store = stores.get(services);
  if (!store) {
    store = new DeviceRates(
      () => sendJson(fetchFn, services.apiBaseUrl, '/rates', ratesResponseSchema),
      typeof localStorage === 'undefined' ? null : localStorage,
    );
    stores.set(services, store);
  }
  return store;
}

/** The device's rates; asks the server for newer ones when online (never in local-only mode). */
export function useDeviceRates(): RatesResponse | null {
  const services = useServices();
  const store = deviceRatesFor(services);
  useEffect(() => {
    if (services.localOnly) return;
    const refresh = () => {
      if (typeof navigator === 'undefined' || navigator.onLine) void store.refresh();
    };
    refresh();
    window.addEventListener('online', refresh);
    return () => window.removeEventListener('online', refresh);
  }, [services, store]);
  return useSyncExternalStore(store.subscribe, store.get);
}
