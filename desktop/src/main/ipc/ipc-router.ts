/**
 * Answers renderer requests: refuses other senders, unknown channels and malformed payloads
 * before any handler runs, and refuses to send an answer that breaks the contract.
 */
import {
  DesktopApiError,
  describeIssues,
  eventContract,
  invokeContract,
  isInvokeChannel,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type IpcResult,
} from '../../desktop-api/contract.js';
import { isAppUrl } from '../security/navigation.js';

/** One function per channel; `context` carries what main.ts knows about the sender (its window). */
export type IpcHandlers<Context> = {
  [C in InvokeChannel]: (request: InvokeRequest<C>, context: Context) => Promise<InvokeResponse<C>>;
};

export interface IpcRouterOptions {
  /** Errors that are bugs (not DesktopApiError) end up here. */
  onError?: (channel: string, error: unknown) => void;
}

export interface IpcRouter<Context> {
  /** `senderUrl` is the URL of the frame that sent the message (event.senderFrame.url). */
  handle(
    channel: string,
    senderUrl: string | undefined,
    payload: unknown,
    context: Context,
  ): Promise<IpcResult>;
}

function failure(code: DesktopApiError['code'], message: string): IpcResult {
  return { ok: false, error: { code, message: message.slice(0, 2000) } };
}

export function createIpcRouter<Context>(
  handlers: IpcHandlers<Context>,
  options: IpcRouterOptions = {},
): IpcRouter<Context> {
  return {
    async handle(channel, senderUrl, payload, context) {
      if (!isInvokeChannel(channel)) return failure('unknown_channel', `unknown channel ${String(channel)}`);
      if (senderUrl === undefined || !isAppUrl(senderUrl))
        return failure('untrusted_sender', `${channel} refused: sender is not the app`);
      const contract = invokeContract[channel];
      const request = contract.request.safeParse(payload);
      if (!request.success) return failure('invalid_request', `${channel}: ${describeIssues(request.error)}`);
      try {
        const handler = handlers[channel] as (request: unknown, context: Context) => Promise<unknown>;
        const value = await handler(request.data, context);
        const response = contract.response.safeParse(value);
        if (!response.success) {
          options.onError?.(channel, response.error);
          return failure('internal', `${channel}: the answer broke the contract`);
        }
        return { ok: true, value: response.data };
      } catch (error) {
        if (error instanceof DesktopApiError) return failure(error.code, error.message);
        options.onError?.(channel, error);
        return failure('internal', `${channel} failed`);
      }
    },
  };
}

/** Checks a main → renderer event against the contract before it is sent. */
export function checkedEvent<C extends EventChannel>(channel: C, payload: EventPayload<C>): EventPayload<C> {
  return eventContract[channel].parse(payload) as EventPayload<C>;
}
