/**
 * Builds `window.hamgaja` on top of a message transport (Electron's ipcRenderer in the real
 * preload). Everything sent is checked against the contract before it leaves, everything
 * received is checked before the page sees it; the page never touches IPC itself.
 */
import type { z } from 'zod';
import type { HamgajaDesktopApi, Unsubscribe } from '../desktop-api/api.js';
import {
  DesktopApiError,
  describeIssues,
  eventContract,
  invokeContract,
  ipcResultSchema,
  type BootInfo,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
} from '../desktop-api/contract.js';

/** The two IPC primitives the API needs (ipcRenderer.invoke / ipcRenderer.on, minus the event object). */
export interface IpcTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): void;
}

/** Events that matter even when they arrive before the page subscribed (app launched by a link). */
const heldUntilFirstListener: ReadonlySet<EventChannel> = new Set([
  'event:deep-link',
  'event:trip-file-opened',
]);
const MAX_HELD_EVENTS = 20;

export function createDesktopApi(
  transport: IpcTransport,
  boot: BootInfo,
  options: { onInvalidEvent?: (channel: EventChannel, error: z.ZodError) => void } = {},
): HamgajaDesktopApi {
  async function invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<InvokeResponse<C>> {
    const contract = invokeContract[channel];
    const checkedRequest = contract.request.safeParse(request);
    if (!checkedRequest.success)
      throw new DesktopApiError('invalid_request', `${channel}: ${describeIssues(checkedRequest.error)}`);
    const raw = await transport.invoke(channel, checkedRequest.data);
    const envelope = ipcResultSchema.safeParse(raw);
    if (!envelope.success) throw new DesktopApiError('invalid_response', `${channel}: malformed answer`);
    if (!envelope.data.ok) throw new DesktopApiError(envelope.data.error.code, envelope.data.error.message);
    const value = contract.response.safeParse(envelope.data.value);
    if (!value.success)
      throw new DesktopApiError('invalid_response', `${channel}: ${describeIssues(value.error)}`);
    return value.data as InvokeResponse<C>;
  }

  type Listener = (payload: unknown) => void;
  const listeners = new Map<EventChannel, Set<Listener>>();
  const held = new Map<EventChannel, unknown[]>();

  for (const channel of Object.keys(eventContract) as EventChannel[]) {
    listeners.set(channel, new Set());
    transport.on(channel, (payload) => {
      const checked = eventContract[channel].safeParse(payload);
      if (!checked.success) {
        options.onInvalidEvent?.(channel, checked.error);
        return;
      }
      const current = listeners.get(channel)!;
      if (current.size === 0 && heldUntilFirstListener.has(channel)) {
        const queue = held.get(channel) ?? [];
        if (queue.length < MAX_HELD_EVENTS) queue.push(checked.data);
        held.set(channel, queue);
        return;
      }
      for (const listener of current) listener(checked.data);
    });
  }

  function subscribe<C extends EventChannel>(
    channel: C,
    listener: (payload: EventPayload<C>) => void,
  ): Unsubscribe {
    const set = listeners.get(channel)!;
    const wrapped: Listener = (payload) => listener(payload as EventPayload<C>);
    set.add(wrapped);
    const queue = held.get(channel);
    if (queue) {
      held.delete(channel);
      // Delivered after subscribe() returns, like any other event.
      queueMicrotask(() => {
        for (const payload of queue) wrapped(payload);
      });
    }
    return () => {
      set.delete(wrapped);
    };
  }

  const serverUrl = boot.connection.mode === 'server' ? boot.connection.url : null;

  return Object.freeze({
    kind: 'desktop' as const,
    platform: boot.platform,
    version: boot.version,
    packaged: boot.packaged,
    language: boot.language,
    connection: Object.freeze({ ...boot.connection }),
    serverUrl,
    setConnection: (choice) => invoke('connection:set', choice),
    setLanguage: async (language) => {
      await invoke('language:set', language);
    },
    reportUnsyncedChanges: async (count) => {
      await invoke('sync:report', { unsyncedChanges: count });
    },
    exportTrip: (request) => invoke('trip:export', request),
    importTrip: () => invoke('trip:import', null),
    checkForUpdates: () => invoke('update:check', null),
    installUpdate: () => invoke('update:install', null),
    openLogsFolder: async () => {
      await invoke('logs:open', null);
    },
    onUpdateStatus: (listener) => subscribe('event:update-status', listener),
    onDeepLink: (listener) => subscribe('event:deep-link', listener),
    onMenuCommand: (listener) => subscribe('event:menu-command', listener),
    onTripFileOpened: (listener) => subscribe('event:trip-file-opened', listener),
  } satisfies HamgajaDesktopApi);
}
