/** The draft dialog's fields → the request the server validates (same limits, checked first here). */
import {
  DRAFT_CONTENT_TYPES,
  DRAFT_DAYS_MAX,
  tripDayCount,
  type ItineraryDraftRequest,
  type DraftStop,
  type Stop,
  type Trip,
} from '@hamgaja/shared';

export type DraftForm = {
  days: string;
  /** Comma-separated. */
  interests: string;
  pace: 'relaxed' | 'moderate' | 'packed';
  /** Whole units of the trip's currency; empty = none. */
  budget: string;
  notes: string;
  /** The kinds of places to draw from (KTO content types of DRAFT_CONTENT_TYPES). */
  types: number[];
};

export type DraftFormError = 'days' | 'budget' | 'region' | 'types';

/** Every kind a draft can draw from, in the catalog's order (the form's default). */
export const allDraftTypes = (): number[] => [...DRAFT_CONTENT_TYPES];

/** Splits "궁궐, 시장 ,카페" into at most 8 distinct interests of at most 40 characters. */
export function parseInterests(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,，、\n]/)) {
    const interest = part.trim().slice(0, 40);
    if (interest) seen.add(interest);
  }
  return [...seen].slice(0, 8);
}

export function buildDraftRequest(
  form: DraftForm,
  trip: Pick<Trip, 'startDate' | 'endDate' | 'destination' | 'currency'>,
  stops: readonly Pick<Stop, 'place'>[],
  lang: 'ko' | 'en',
): { request: ItineraryDraftRequest } | { error: DraftFormError } {
  const days = Number(form.days);
  const maxDays = Math.min(DRAFT_DAYS_MAX, tripDayCount(trip.startDate, trip.endDate));
  if (!/^\d+$/.test(form.days.trim()) || days < 1 || days > maxDays) return { error: 'days' };
  const types = allDraftTypes().filter((type) => form.types.includes(type));
  if (types.length === 0) return { error: 'types' };
  let budget: ItineraryDraftRequest['budget'];
  if (form.budget.trim()) {
    const amount = Number(form.budget);
    if (!Number.isFinite(amount) || amount < 0 || amount > 1e12) return { error: 'budget' };
    budget = { amount, currency: trip.currency };
  }
  const sido = Number(trip.destination.regionCode);
  const point = stops.find(
    (stop) => typeof stop.place.lat === 'number' && typeof stop.place.lng === 'number',
  )?.place;
  const where: Pick<ItineraryDraftRequest, 'region' | 'near'> =
    Number.isInteger(sido) && sido >= 1 && sido <= 99
      ? { region: { sidoCode: sido } }
      : point && typeof point.lat === 'number' && typeof point.lng === 'number'
        ? { near: { lat: point.lat, lng: point.lng, radiusKm: 20 } }
        : {};
  if (!where.region && !where.near) return { error: 'region' };
  const notes = form.notes.trim().slice(0, 500);
  return {
    request: {
      lang,
      days,
      startDate: trip.startDate,
      ...where,
      interests: parseInterests(form.interests),
      types,
      pace: form.pace,
      ...(budget ? { budget } : {}),
      ...(notes ? { notes } : {}),
    },
  };
}

/** Identifies a draft stop across the streamed and the final (normalized) draft. */
export function draftStopKey(stop: Pick<DraftStop, 'day' | 'place'>): string {
  return `${stop.day}:${stop.place.attractionId}`;
}
