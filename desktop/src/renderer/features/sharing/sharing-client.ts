import type { Services } from '../../app/services';
import { createSharingApi, type SharingApi } from './sharing-api';

type WithoutToken<F> = F extends (token: string, ...args: infer A) => Promise<infer R>
  ? (...args: A) => Promise<R>
  : never;

/** The sharing endpoints with the session's access token filled in (refreshed and retried once on 401). */
export type SharingClient = { [K in keyof SharingApi]: WithoutToken<SharingApi[K]> };

const clients = new WeakMap<Services, SharingClient>();

export function sharingClient(services: Services): SharingClient {
  let client = clients.get(services);
  if (!client) {
    const api = createSharingApi((input, init) => globalThis.fetch(input, init), services.apiBaseUrl);
    client = Object.fromEntries(
      Object.entries(api).map(([name, call]) => [
        name,
        (...args: unknown[]) =>
          services.session.authorized((token) =>
            (call as (...a: unknown[]) => Promise<unknown>)(token, ...args),
          ),
      ]),
    ) as SharingClient;
    clients.set(services, client);
  }
  return client;
}
