/**
 * The printable itinerary as data: what the print view and the PDF show, already worded and
 * formatted in one language, so both present exactly the same content.
 */
import { tripAmountOf } from '../money/exchange.js';
import { sortByOrderKey } from '../sync/order-keys.js';
import type { Category, TravelMode } from '../sync/documents.js';
import { formatMoney, itineraryDays } from './itinerary.js';
import type { TripBundle } from './trip-file.js';
import { exportWords, fillWords, type ExportLanguage, type ExportWords } from './words.js';

export interface ItineraryStop {
  id: string;
  /** `HH:MM`, or the "any time" word. */
  time: string;
  timed: boolean;
  /** "2 h 30 min", or null without a duration. */
  duration: string | null;
  name: string;
  address: string | null;
  category: Category;
  categoryLabel: string;
  /** "Cost ₩5,000", or null. */
  cost: string | null;
  travelMode: TravelMode | null;
  /** "Getting there: Car", or null when not chosen. */
  travel: string | null;
  note: string;
}

export interface ItineraryModelDay {
  index: number;
  date: string;
  /** "Day 1" */
  label: string;
  /** "Tuesday, April 1, 2025" */
  dateLabel: string;
  stops: ItineraryStop[];
}

export interface ItineraryModel {
  language: ExportLanguage;
  words: ExportWords;
  title: string;
  description: string;
  destination: string;
  notes: string;
  /** "2025-04-01 – 2025-04-04" as long dates. */
  dates: string;
  timeZone: string;
  days: ItineraryModelDay[];
  checklist: { text: string; done: boolean }[];
  budget: {
    /** "12 stops · Planned cost ₩30,000 · Budget ₩800,000" */
    summary: string;
    planned: string | null;
    plannedCost: string;
    expenseCount: number;
    expensesLabel: string;
    /** Total of the expenses in the trip's currency. */
    spent: string;
    /** Budget left (or exceeded) after the expenses in the trip's currency; null without a budget. */
    remaining: { label: string; amount: string; over: boolean } | null;
    /** Totals of expenses in other currencies without a rate to the trip's currency, e.g. "¥3,000". */
    otherCurrencies: string[];
  };
}

export function longDate(iso: string, language: ExportLanguage): string {
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-US', {
    dateStyle: 'full',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

export function formatDuration(minutes: number, words: ExportWords): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return fillWords(words.document.minutes, { n: m });
  return m === 0 ? fillWords(words.document.hours, { h }) : fillWords(words.document.hoursMinutes, { h, m });
}

export function itineraryModel(
  bundle: Pick<TripBundle, 'trip' | 'stops' | 'checklistItems' | 'expenses'>,
  language: ExportLanguage,
): ItineraryModel {
  const { trip } = bundle;
  const words = exportWords[language];
  const d = words.document;
  const money = (amount: number, currency = trip.currency) => formatMoney({ amount, currency }, language);

  const days = itineraryDays(trip, bundle.stops).map((day) => ({
    index: day.index,
    date: day.date,
    label: fillWords(d.day, { n: day.index + 1 }),
    dateLabel: longDate(day.date, language),
    stops: day.stops.map(
      (stop): ItineraryStop => ({
        id: stop.id,
        time: stop.startTime ?? d.allDay,
        timed: stop.startTime !== null,
        duration: stop.durationMinutes ? formatDuration(stop.durationMinutes, words) : null,
        name: stop.place.name,
        address: stop.place.address?.trim() ? stop.place.address : null,
        category: stop.category,
        categoryLabel: words.categories[stop.category],
        cost: stop.cost ? `${d.cost} ${formatMoney(stop.cost, language)}` : null,
        travelMode: stop.travelMode,
        travel: stop.travelMode ? `${d.travel}: ${d.travelBy[stop.travelMode]}` : null,
        note: stop.note,
      }),
    ),
  }));

  const plannedCost = bundle.stops.reduce(
    (sum, s) => (s.cost && s.cost.currency === trip.currency ? sum + s.cost.amount : sum),
    0,
  );
  // Expenses count in the trip's currency at their captured rate; any without one are listed apart.
  let spent = 0;
  const unconverted = new Map<string, number>();
  for (const e of bundle.expenses) {
    const inTripCurrency = tripAmountOf(e, trip.currency);
    if (inTripCurrency !== null) spent += inTripCurrency;
    else unconverted.set(e.currency, (unconverted.get(e.currency) ?? 0) + e.amount);
  }
  const otherCurrencies = [...unconverted.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => money(amount, currency));
  const planned = trip.plannedBudget === null ? null : money(trip.plannedBudget);
  const left = trip.plannedBudget === null ? null : trip.plannedBudget - spent;
  const summary = [
    fillWords(d.stops, { n: bundle.stops.length }),
    `${d.plannedCost} ${money(plannedCost)}`,
    ...(planned ? [`${d.budget} ${planned}`] : []),
  ].join(' · ');

  return {
    language,
    words,
    title: trip.title,
    description: trip.description,
    destination: trip.destination.text ?? '',
    notes: trip.notes,
    dates: `${longDate(trip.startDate, language)} – ${longDate(trip.endDate, language)}`,
    timeZone: trip.timeZone,
    days,
    checklist: sortByOrderKey(bundle.checklistItems).map((i) => ({ text: i.text, done: i.done })),
    budget: {
      summary,
      planned,
      plannedCost: money(plannedCost),
      expenseCount: bundle.expenses.length,
      expensesLabel: fillWords(d.expenses, { n: bundle.expenses.length }),
      spent: money(spent),
      remaining:
        left === null
          ? null
          : left >= 0
            ? { label: d.remaining, amount: money(left), over: false }
            : { label: d.over, amount: money(-left), over: true },
      otherCurrencies,
    },
  };
}
