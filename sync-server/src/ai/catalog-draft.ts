/**
 * "Draft my days" without AI: well-known catalog places of the chosen kinds, grouped into
 * days by where they are (the shared clustering), each day in a short order, timed from
 * 10:00 with a stay per kind of place and the estimated travel between stops, a meal at a
 * food place near the route at lunch (and dinner on a packed day). Deterministic per request.
 */
import {
  clusterIntoDays,
  seededRandom,
  stopCategoryOf,
  type DraftEvent,
  type DraftStop,
  type ItineraryDraft,
} from '@hamgaja/shared';
import { draftPlace, normalizeStops, type DraftRequest } from './drafts.js';
import { minutesOf, roundUp, timeOf, travelBetween, withTravel } from './draft-route.js';
import type { PlaceFacts } from './places.js';

const FOOD = 39;
const DAY_START = minutesOf('10:00');
/** Meals start no earlier than these. */
const LUNCH = minutesOf('11:30');
const DINNER = minutesOf('17:30');

/** Minutes a visit takes, per KTO content type. */
const STAY: Record<number, number> = { 12: 90, 14: 90, 15: 120, 28: 120, 38: 60, 39: 60 };
const stayOf = (contentTypeId: number) => STAY[contentTypeId] ?? 90;

/** Places a day holds by pace: sights (everything but meals) and meals (when food places are chosen). */
const PACE = {
  relaxed: { sights: 3, sightsWithMeals: 2, meals: 1 },
  moderate: { sights: 4, sightsWithMeals: 4, meals: 1 },
  packed: { sights: 6, sightsWithMeals: 5, meals: 2 },
} as const;

/** How many places of each kind the catalog is asked for (the pool the variants draw from). */
export function catalogPoolSize(request: Pick<DraftRequest, 'days' | 'pace'>): number {
  return Math.min(100, request.days * PACE[request.pace].sights * 2);
}

/** FNV-1a over the request's choices: the same request gives the same seed, another variant another one. */
export function draftSeed(request: DraftRequest): number {
  const choices = JSON.stringify([
    request.days,
    request.region ?? null,
    request.near ?? null,
    request.types,
    request.pace,
    request.interests,
    request.startDate ?? null,
    request.variant,
  ]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < choices.length; i++) hash = Math.imul(hash ^ choices.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

type Located = PlaceFacts & { lat: number; lng: number };
const located = (p: PlaceFacts): p is Located => p.lat !== null && p.lng !== null;

/**
 * Candidates of one kind in the order they are taken: the catalog's (most prominent first) for
 * the first suggestion; for another one, shuffled while the prominent ones stay likelier.
 */
function ranked(places: Located[], variant: number, next: () => number): Located[] {
  if (variant === 0) return places;
  const spread = Math.max(4, places.length / 2);
  return places
    .map((place, index) => ({ place, key: index + next() * spread }))
    .sort((a, b) => a.key - b.key)
    .map((r) => r.place);
}

/** Takes `count` places across the kinds in turn, so every chosen kind is in the plan. */
function takeInTurn(lists: Located[][], count: number): Located[] {
  const taken: Located[] = [];
  const queues = lists.map((list) => [...list]);
  while (taken.length < count && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      const place = queue.shift();
      if (place && taken.length < count) taken.push(place);
    }
  }
  return taken;
}

const toStop = (place: Located, day: number, start: number): DraftStop => ({
  day,
  startTime: timeOf(start),
  durationMinutes: stayOf(place.contentTypeId),
  place: draftPlace(place),
  category: stopCategoryOf(place.contentTypeId),
  note: '',
});

const metres = (a: Located, b: Located) => travelBetween(a, b)?.metres ?? 0;

/** The food place that adds the least way between `before` and `after` (either may be absent). */
function nearestMeal(food: Located[], before: Located | undefined, after: Located | undefined): number {
  let best = -1;
  let cost = Infinity;
  food.forEach((place, i) => {
    const detour =
      (before ? metres(before, place) : 0) +
      (after ? metres(place, after) : 0) -
      (before && after ? metres(before, after) : 0);
    if (detour < cost) {
      cost = detour;
      best = i;
    }
  });
  return best;
}

/** A day's places in visiting order, timed from 10:00, with its meals put in where the clock reaches them. */
function timeDay(day: number, sights: Located[], food: Located[], meals: number): DraftStop[] {
  const stops: DraftStop[] = [];
  const mealTimes = [LUNCH, DINNER].slice(0, meals);
  let clock = DAY_START;
  let previous: Located | undefined;
  const visit = (place: Located, notBefore: number) => {
    const arrival = previous ? clock + (travelBetween(previous, place)?.minutes ?? 0) : clock;
    const start = roundUp(Math.max(arrival, notBefore));
    stops.push(toStop(place, day, start));
    clock = start + stayOf(place.contentTypeId);
    previous = place;
  };
  const meal = (after: Located | undefined) => {
    const i = nearestMeal(food, previous, after);
    if (i < 0) return;
    const [place] = food.splice(i, 1);
    visit(place!, mealTimes.shift()!);
  };
  for (const sight of sights) {
    if (mealTimes.length > 0) {
      const arrival = previous ? clock + (travelBetween(previous, sight)?.minutes ?? 0) : clock;
      if (arrival >= mealTimes[0]!) meal(sight);
    }
    visit(sight, DAY_START);
  }
  while (mealTimes.length > 0 && food.length > 0) meal(undefined);
  return stops;
}

/**
 * The draft from catalog candidates (most prominent first within each content type): every
 * place a real catalog id, none twice. Emits the same events as an AI draft: a stop per
 * place, then done.
 */
export function catalogDraft(
  request: DraftRequest,
  candidates: readonly PlaceFacts[],
  emit: (event: DraftEvent) => void,
): ItineraryDraft {
  const seed = draftSeed(request);
  const next = seededRandom(seed);
  const usable = candidates.filter(located).filter((p) => request.types.includes(p.contentTypeId));
  const onlyFood = request.types.every((t) => t === FOOD);
  const kinds = [...new Set(usable.map((p) => p.contentTypeId))].filter((t) => onlyFood || t !== FOOD);
  const lists = kinds.map((kind) =>
    ranked(
      usable.filter((p) => p.contentTypeId === kind),
      request.variant,
      next,
    ),
  );
  const foodPool = onlyFood
    ? []
    : ranked(
        usable.filter((p) => p.contentTypeId === FOOD),
        request.variant,
        next,
      );
  const pace = PACE[request.pace];
  const meals = foodPool.length > 0 ? pace.meals : 0;
  const perDay = meals > 0 ? pace.sightsWithMeals : pace.sights;
  const sights = takeInTurn(lists, request.days * perDay);
  // Popularity keeps the taking order when the clustering has to leave places out.
  const grouped = clusterIntoDays(
    sights.map((p, i) => ({ id: p.id, lat: p.lat, lng: p.lng, popularity: sights.length - i })),
    request.days,
    seed,
    { maxPerDay: perDay },
  );
  const byId = new Map(usable.map((p) => [p.id, p]));
  // Meals come from the most prominent food places, twice as many as needed, nearest to each day's route.
  const food = foodPool.slice(0, request.days * meals * 2);
  const timed = grouped.days.flatMap((ids, day) =>
    timeDay(
      day,
      ids.map((id) => byId.get(id)!),
      food,
      meals,
    ),
  );
  const { stops } = normalizeStops(timed);
  const draft: ItineraryDraft = {
    title: request.lang === 'ko' ? '카탈로그 추천 일정' : 'Suggested from our catalog',
    summary:
      request.lang === 'ko'
        ? `가까운 곳끼리 묶은 ${request.days}일 일정, 장소 ${stops.length}곳`
        : `${stops.length} places over ${request.days} ${request.days === 1 ? 'day' : 'days'}, grouped by area`,
    stops: withTravel(stops),
  };
  draft.stops.forEach((stop, index) => emit({ type: 'stop', index, stop }));
  emit({ type: 'done', draft, dropped: 0 });
  return draft;
}
