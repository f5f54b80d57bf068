/** The AI assistant endpoints: status, attraction tips and the streamed itinerary draft. */
import {
  aiStatusSchema,
  tipSchema,
  type AiLang,
  type AiStatus,
  type DraftEvent,
  type ItineraryDraftRequest,
  type Tip,
} from '@hamgaja/shared';
import { ApiError, send, sendJson, type FetchLike } from '../../api/http';
import type { Services } from '../../app/services';
import { readDraftStream } from './draft-stream';

const fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init);

export function aiClient(services: Pick<Services, 'apiBaseUrl' | 'session'>) {
  const base = services.apiBaseUrl;
  return {
    status: (signal?: AbortSignal): Promise<AiStatus> =>
      sendJson(fetchFn, base, '/ai/status', aiStatusSchema, { signal }),
    tip: (attractionId: string, lang: AiLang, another: boolean, signal?: AbortSignal): Promise<Tip> =>
      services.session.authorized((token) =>
        sendJson(fetchFn, base, `/ai/attractions/${encodeURIComponent(attractionId)}/tip`, tipSchema, {
          method: 'POST',
          token,
          body: { lang, another },
          signal,
        }),
      ),
    /** Streams a draft; resolves when the stream ends. An HTTP error before the stream is an ApiError. */
    draft: (
      request: ItineraryDraftRequest,
      onEvent: (event: DraftEvent) => void,
      signal?: AbortSignal,
    ): Promise<void> =>
      services.session.authorized(async (token) => {
        const response = await send(fetchFn, base, '/ai/itinerary-drafts', {
          method: 'POST',
          token,
          body: request,
          signal,
          headers: { accept: 'text/event-stream' },
        });
        if (!response.body) throw new ApiError(response.status, 'unknown', 'The draft answer has no body');
        await readDraftStream(response.body, onEvent);
      }),
  };
}

export type AiClient = ReturnType<typeof aiClient>;
