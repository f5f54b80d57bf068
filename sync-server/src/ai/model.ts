import type OpenAI from 'openai';
import type * as OpenAISdk from 'openai';
import type { Config } from '../config.js';
import { AppError } from '../http/problem.js';

type Sdk = typeof OpenAISdk;
/**
 * The SDK, once a model call has loaded it: about 2.5 MB of heap that a server whose users do
 * not ask the AI (or that has no key) would otherwise hold from its start.
 */
let sdk: Sdk | undefined;
async function loadSdk(): Promise<Sdk> {
  sdk ??= await import('openai');
  return sdk;
}

/** The model service as the AI features use it: the SDK client plus the limits from configuration. */
export type Model = {
  /** The SDK client, made with the first call. */
  client(): Promise<OpenAI>;
  name: string;
  /** Per attempt, and the longest silence inside a stream. */
  timeoutMs: number;
  maxRetries: number;
};

/** The configured model, or undefined when OPENAI_API_KEY is unset (the AI features are off). */
export function createModel(config: Config): Model | undefined {
  const apiKey = config.openai.apiKey;
  if (!apiKey) return undefined;
  let client: Promise<OpenAI> | undefined;
  return {
    client: () =>
      (client ??= loadSdk().then(
        ({ default: OpenAI }) =>
          new OpenAI({
            apiKey,
            ...(config.openai.baseUrl ? { baseURL: config.openai.baseUrl } : {}),
            timeout: config.ai.timeoutMs,
            maxRetries: config.ai.maxRetries,
          }),
      )),
    name: config.openai.model,
    timeoutMs: config.ai.timeoutMs,
    maxRetries: config.ai.maxRetries,
  };
}

export const aiDisabled = () =>
  new AppError(503, 'ai_disabled', 'AI features are off on this server (no OPENAI_API_KEY is configured)');
export const aiTimeout = () => new AppError(504, 'ai_timeout', 'The AI did not answer in time; try again');
export const aiBadAnswer = (why: string) =>
  new AppError(502, 'ai_bad_answer', `The AI gave an answer we could not use (${why}); try again`);

/** Why a model call was stopped early: the client went away, or the model fell silent. */
export class Stopped extends Error {
  constructor(readonly reason: 'client_gone' | 'timeout') {
    super(reason);
  }
}

/** Maps an SDK failure (after its retries) to a problem; the key and upstream details stay in the log. */
export function modelFailure(err: unknown, signal?: AbortSignal): AppError | Stopped {
  if (signal?.aborted && signal.reason instanceof Stopped) {
    return signal.reason.reason === 'timeout' ? aiTimeout() : signal.reason;
  }
  if (err instanceof Stopped) return err.reason === 'timeout' ? aiTimeout() : err;
  // An SDK error means the SDK is loaded.
  if (sdk) return sdkFailure(err, sdk) ?? otherFailure(err);
  return otherFailure(err);
}

function sdkFailure(
  err: unknown,
  { APIConnectionTimeoutError, APIUserAbortError, APIConnectionError, APIError }: Sdk,
) {
  if (err instanceof APIConnectionTimeoutError) return aiTimeout();
  if (err instanceof APIUserAbortError) return aiTimeout();
  if (err instanceof APIConnectionError) {
    return new AppError(502, 'ai_unavailable', 'The AI service cannot be reached right now; try again later');
  }
  if (err instanceof APIError) {
    return new AppError(
      502,
      'ai_unavailable',
      `The AI service refused the request (status ${err.status ?? 'unknown'}); try again later`,
    );
  }
  return undefined;
}

function otherFailure(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return aiBadAnswer('unreadable answer');
}
