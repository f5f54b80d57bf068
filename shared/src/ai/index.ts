import { z } from 'zod';
import { categorySchema, clockTimeSchema, isoDateSchema, travelModeSchema } from '../sync/documents.js';
import { problemSchema } from '../api/problem.js';

// API types of the AI trip assistant: attraction tips and streamed itinerary drafts.

/** Stable problem codes of the AI endpoints (besides validation_failed, not_found, rate_limited). */
export const aiProblemCodes = [
  /** 503: the server has no OPENAI_API_KEY. */
  'ai_disabled',
  /** 429: the caller's daily AI quota is used up (Retry-After: seconds until UTC midnight). */
  'ai_quota_exceeded',
  /** 504: the model did not answer in time (after retries). */
  'ai_timeout',
  /** 502: the model service failed or refused (after retries). */
  'ai_unavailable',
  /** 502: the model answered something that is not a valid tip or draft. */
  'ai_bad_answer',
  /** 422: the catalog has no places for the requested region. */
  'ai_no_candidates',
] as const;
export type AiProblemCode = (typeof aiProblemCodes)[number];

/** Where an itinerary draft comes from: the model, or the catalog alone (when AI is off). */
export const draftSourceSchema = z.enum(['ai', 'catalog']);
export type DraftSource = z.infer<typeof draftSourceSchema>;

/**
 * GET /api/ai/status (public). `enabled`: the model features (tips, AI drafts) are on.
 * `drafts`: what "Draft my days" gives on this server (catalog suggestions when AI is off);
 * absent on older servers, whose drafts need AI.
 */
export const aiStatusSchema = z.object({
  enabled: z.boolean(),
  dailyQuota: z.number().int(),
  drafts: draftSourceSchema.optional(),
});
export type AiStatus = z.infer<typeof aiStatusSchema>;

export const aiLangSchema = z.enum(['ko', 'en']);
export type AiLang = z.infer<typeof aiLangSchema>;

/** POST /api/ai/attractions/{id}/tip. `another: true` asks for a fresh tip (bypasses the cache). */
export const tipRequestSchema = z.strictObject({
  lang: aiLangSchema.default('ko'),
  another: z.boolean().default(false),
});
export type TipRequest = z.input<typeof tipRequestSchema>;

export const tipSchema = z.object({
  attractionId: z.string(),
  lang: aiLangSchema,
  tip: z.string(),
  /** Served from the cache (no model call). */
  cached: z.boolean(),
  createdAt: z.string(),
});
export type Tip = z.infer<typeof tipSchema>;

export const DRAFT_DAYS_MAX = 7;
/** Content types a day plan draws from (lodging and ready-made courses are left to the traveller). */
export const DRAFT_CONTENT_TYPES = [12, 14, 15, 28, 38, 39] as const;
/** "Another suggestion" asks for up to this many variants of a catalog draft. */
export const DRAFT_VARIANT_MAX = 999;

/** POST /api/ai/itinerary-drafts. A region (sido, optional gugun) and/or a point with a radius. */
export const itineraryDraftRequestSchema = z
  .strictObject({
    lang: aiLangSchema.default('ko'),
    days: z.int().min(1).max(DRAFT_DAYS_MAX),
    /** The trip's first day, for opening days and seasons in the model's reasoning. */
    startDate: isoDateSchema.optional(),
    region: z
      .strictObject({
        sidoCode: z.int().min(1).max(99),
        gugunCode: z.int().min(1).max(999).optional(),
      })
      .optional(),
    near: z
      .strictObject({
        lat: z.number().min(-90).max(90),
        lng: z.number().min(-180).max(180),
        radiusKm: z.number().positive().max(100).default(10),
      })
      .optional(),
    interests: z.array(z.string().trim().min(1).max(40)).max(8).default([]),
    /** The kinds of places to draw from (KTO content types of DRAFT_CONTENT_TYPES); default all of them. */
    types: z
      .array(
        z
          .int()
          .refine((t) => (DRAFT_CONTENT_TYPES as readonly number[]).includes(t), 'not a draft content type'),
      )
      .min(1)
      .max(DRAFT_CONTENT_TYPES.length)
      .transform((types) => [...new Set(types)].sort((a, b) => a - b))
      .default([...DRAFT_CONTENT_TYPES]),
    /**
     * Which suggestion of a catalog draft: the same request gives the same draft; another
     * variant ("Another suggestion") picks and groups the places anew. AI drafts ignore it.
     */
    variant: z.int().min(0).max(DRAFT_VARIANT_MAX).default(0),
    pace: z.enum(['relaxed', 'moderate', 'packed']).default('moderate'),
    /** Total budget for the trip, whole units of the currency. */
    budget: z
      .strictObject({
        amount: z.number().min(0).max(1e12),
        currency: z.string().regex(/^[A-Z]{3}$/),
      })
      .optional(),
    notes: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.region !== undefined || v.near !== undefined, {
    message: 'give a region or a point (near)',
    path: ['region'],
  });
export type ItineraryDraftRequest = z.input<typeof itineraryDraftRequestSchema>;

/** A catalog place the draft uses (always one the server offered to the model). */
export const draftPlaceSchema = z.object({
  attractionId: z.string(),
  name: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  address: z.string().nullable(),
  contentTypeId: z.number().int(),
});
export type DraftPlace = z.infer<typeof draftPlaceSchema>;

/** The estimated way from the previous stop of the same day (shared route estimate, no road network). */
export const draftTravelSchema = z.object({
  mode: travelModeSchema,
  minutes: z.number().int().min(0),
  metres: z.number().min(0),
});
export type DraftTravel = z.infer<typeof draftTravelSchema>;

/** One proposed stop; maps 1:1 onto a synced stop (day from 0, like stops.day). */
export const draftStopSchema = z.object({
  day: z.number().int().min(0),
  startTime: clockTimeSchema,
  durationMinutes: z.number().int().min(1),
  place: draftPlaceSchema,
  category: categorySchema,
  note: z.string(),
  /** From the previous stop of the day, in the final draft; absent on a day's first stop and while streaming. */
  travel: draftTravelSchema.optional(),
});
export type DraftStop = z.infer<typeof draftStopSchema>;

export const itineraryDraftSchema = z.object({
  title: z.string(),
  summary: z.string(),
  /** Sorted by day then start time; times within a day never overlap. */
  stops: z.array(draftStopSchema),
});
export type ItineraryDraft = z.infer<typeof itineraryDraftSchema>;

/**
 * The draft stream is text/event-stream; each event's `event:` line is its type and its
 * `data:` line this JSON. Order: start, then stop/dropped as the model writes, then done
 * (the final, normalized draft: use it as the truth) or error (a problem, e.g. ai_bad_answer).
 * A catalog draft (`source: 'catalog'`, when AI is off) sends the same events: start, its
 * stops, done.
 */
export const draftEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    candidateCount: z.number().int(),
    /** Absent from older servers: their drafts are all AI drafts. */
    source: draftSourceSchema.default('ai'),
  }),
  /** A stop as soon as the model finished writing it (times not yet normalized). */
  z.object({ type: z.literal('stop'), index: z.number().int(), stop: draftStopSchema }),
  /** A stop the model wrote that was dropped: a place that was not offered, or invalid fields. */
  z.object({
    type: z.literal('dropped'),
    placeId: z.string(),
    reason: z.enum(['unknown_place', 'invalid', 'duplicate']),
  }),
  z.object({ type: z.literal('done'), draft: itineraryDraftSchema, dropped: z.number().int() }),
  z.object({ type: z.literal('error'), problem: problemSchema }),
]);
export type DraftEvent = z.infer<typeof draftEventSchema>;
