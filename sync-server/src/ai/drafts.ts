import type { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import {
  clockTimeSchema,
  ktoContentTypes,
  stopCategoryOf,
  type DraftEvent,
  type DraftStop,
  type ItineraryDraft,
  type itineraryDraftRequestSchema,
} from '@hamgaja/shared';
import { DAY_END, minutesOf, optimiseDraftDays, timeOf, withTravel } from './draft-route.js';
import { aiBadAnswer, modelFailure, Stopped, type Model } from './model.js';
import type { PlaceFacts } from './places.js';

export type DraftRequest = z.output<typeof itineraryDraftRequestSchema>;

const MIN_DURATION = 10;
const MAX_DURATION = 600;

/** What the model must answer (strict JSON schema); ids are strings from the offered list. */
const answerShape = z.strictObject({
  title: z.string(),
  summary: z.string(),
  stops: z.array(
    z.strictObject({
      day: z.int(),
      placeId: z.string(),
      startTime: z.string(),
      durationMinutes: z.int(),
      note: z.string(),
    }),
  ),
});
/** The SDK's helpers (and the JSON schema made with them) load with the first draft, like the SDK (model.ts). */
let helpers: Promise<{ jsonSchema: JsonSchemaFormat; partialParse: (text: string) => unknown }> | undefined;
type JsonSchemaFormat = ReturnType<typeof zodResponseFormat>['json_schema'];
const draftHelpers = () =>
  (helpers ??= Promise.all([
    import('openai/helpers/zod'),
    import('openai/_vendor/partial-json-parser/parser'),
  ]).then(([{ zodResponseFormat }, { partialParse }]) => ({
    jsonSchema: zodResponseFormat(answerShape, 'itinerary_draft').json_schema,
    partialParse,
  })));

/** How an answer is read: the frame must hold; each stop is judged on its own (bad ones are dropped). */
const answerFrame = z.object({
  title: z.string().max(200).catch(''),
  summary: z.string().max(2000).catch(''),
  stops: z.array(z.unknown()).max(200),
});
const answerStop = z.object({
  day: z.number().int(),
  placeId: z.union([z.string(), z.number()]).transform(String),
  startTime: clockTimeSchema,
  durationMinutes: z.number().int().min(MIN_DURATION).max(MAX_DURATION),
  note: z.string().max(500).catch(''),
});

const stopsPerDay = { relaxed: '3-4', moderate: '4-6', packed: '6-8' } as const;

function prompt(request: DraftRequest, candidates: PlaceFacts[]) {
  const lang = request.lang === 'ko' ? 'Korean' : 'English';
  const system =
    'You draft day-by-day itineraries for trips in Korea. Use ONLY places from the candidate list and refer to ' +
    'each by its exact "id"; never invent a place or an id. Days are numbered from 1. Give each stop a start time ' +
    '(HH:MM, 24-hour) and a duration in minutes that fit the place, leave time to travel between places, do not ' +
    'overlap stops of the same day, put meals at food places (type 39) around lunch and dinner, and use each place ' +
    `at most once. About ${stopsPerDay[request.pace]} stops per day. Write the title, summary and notes in ${lang}; ` +
    'keep each note to one short sentence.';
  const user = {
    days: request.days,
    startDate: request.startDate ?? null,
    interests: request.interests,
    pace: request.pace,
    budget: request.budget ?? null,
    notes: request.notes ?? null,
    candidates: candidates.map((c) => ({
      id: c.id,
      name: c.name,
      type: ktoContentTypes.find((t) => t.id === c.contentTypeId)?.name.en ?? String(c.contentTypeId),
      typeId: c.contentTypeId,
      address: c.address,
    })),
  };
  return { system, user: JSON.stringify(user) };
}

/** Sorts each day by time and moves a stop that starts before the previous one ends; drops what no longer fits the day. */
/** A catalog place as a draft stop names it. */
export const draftPlace = (place: PlaceFacts): DraftStop['place'] => ({
  attractionId: place.id,
  name: place.name,
  lat: place.lat,
  lng: place.lng,
  address: place.address,
  contentTypeId: place.contentTypeId,
});

export function normalizeStops(stops: DraftStop[]): { stops: DraftStop[]; dropped: DraftStop[] } {
  const sorted = [...stops].sort((a, b) => a.day - b.day || minutesOf(a.startTime) - minutesOf(b.startTime));
  const kept: DraftStop[] = [];
  const dropped: DraftStop[] = [];
  let day = -1;
  let free = 0;
  for (const stop of sorted) {
    if (stop.day !== day) {
      day = stop.day;
      free = 0;
    }
    const start = Math.max(minutesOf(stop.startTime), free);
    if (start + stop.durationMinutes > DAY_END) {
      dropped.push(stop);
      continue;
    }
    kept.push({ ...stop, startTime: timeOf(start) });
    free = start + stop.durationMinutes;
  }
  return { stops: kept, dropped };
}

/**
 * Streams a draft from the model: each stop is judged as soon as the model has finished
 * writing it (partial JSON), so the traveller sees the plan grow. Ids that were not
 * offered are dropped. Ends with `done` (the normalized draft, each day in a short order with
 * travel estimates) or throws a problem.
 */
export async function streamDraft(
  model: Model,
  request: DraftRequest,
  candidates: PlaceFacts[],
  emit: (event: DraftEvent) => void,
  abort: AbortController,
): Promise<ItineraryDraft> {
  const offered = new Map(candidates.map((c) => [c.id, c]));
  const { system, user } = prompt(request, candidates);
  const accepted: DraftStop[] = [];
  const used = new Set<string>();
  let droppedCount = 0;
  let judged = 0;

  const drop = (placeId: string, reason: 'unknown_place' | 'invalid' | 'duplicate') => {
    droppedCount += 1;
    emit({ type: 'dropped', placeId: placeId.slice(0, 64), reason });
  };
  const judge = (raw: unknown) => {
    const parsed = answerStop.safeParse(raw);
    const rawId =
      typeof raw === 'object' && raw && 'placeId' in raw ? String((raw as { placeId: unknown }).placeId) : '';
    if (!parsed.success) return drop(rawId, 'invalid');
    const stop = parsed.data;
    const place = offered.get(stop.placeId);
    if (!place) return drop(stop.placeId, 'unknown_place');
    if (stop.day < 1 || stop.day > request.days) return drop(stop.placeId, 'invalid');
    if (used.has(stop.placeId)) return drop(stop.placeId, 'duplicate');
    used.add(stop.placeId);
    const draftStop: DraftStop = {
      day: stop.day - 1,
      startTime: stop.startTime,
      durationMinutes: stop.durationMinutes,
      place: draftPlace(place),
      category: stopCategoryOf(place.contentTypeId),
      note: stop.note,
    };
    emit({ type: 'stop', index: accepted.length, stop: draftStop });
    accepted.push(draftStop);
  };

  let content = '';
  let idle: NodeJS.Timeout | undefined;
  const armIdleTimer = () => {
    clearTimeout(idle);
    idle = setTimeout(() => abort.abort(new Stopped('timeout')), model.timeoutMs);
  };
  try {
    const { jsonSchema, partialParse } = await draftHelpers();
    const client = await model.client();
    const stream = await client.chat.completions.create(
      {
        model: model.name,
        stream: true,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
        // A plain copy: the SDK would otherwise parse (and throw on) the answer itself.
        response_format: { type: 'json_schema', json_schema: jsonSchema },
        temperature: 0.7,
      },
      { signal: abort.signal },
    );
    armIdleTimer();
    for await (const chunk of stream) {
      armIdleTimer();
      const delta = chunk.choices[0]?.delta?.content;
      if (!delta) continue;
      content += delta;
      let partial: unknown;
      try {
        partial = partialParse(content);
      } catch {
        continue;
      }
      const stops = (partial as { stops?: unknown } | null)?.stops;
      // Every stop but the last is complete.
      if (Array.isArray(stops)) while (judged < stops.length - 1) judge(stops[judged++]);
    }
    // An aborted stream may end quietly instead of throwing.
    if (abort.signal.aborted) throw abort.signal.reason;
  } catch (err) {
    throw modelFailure(err, abort.signal);
  } finally {
    clearTimeout(idle);
  }

  let answer: z.infer<typeof answerFrame>;
  try {
    answer = answerFrame.parse(JSON.parse(content));
  } catch {
    throw aiBadAnswer(content.trim() ? 'not a draft in the expected JSON form' : 'empty answer');
  }
  while (judged < answer.stops.length) judge(answer.stops[judged++]);
  if (accepted.length === 0) throw aiBadAnswer('no usable stops');
  const normalized = normalizeStops(accepted);
  // Each day in a shorter order (meals stay put), then timed anew where it changed.
  const routed = normalizeStops(optimiseDraftDays(normalized.stops));
  for (const stop of [...normalized.dropped, ...routed.dropped]) drop(stop.place.attractionId, 'invalid');
  const draft: ItineraryDraft = {
    title: answer.title,
    summary: answer.summary,
    stops: withTravel(routed.stops),
  };
  emit({ type: 'done', draft, dropped: droppedCount });
  return draft;
}
