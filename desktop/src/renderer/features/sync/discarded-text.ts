import type { TFunction } from 'i18next';
import { checklistItemShape, expenseShape, reservationShape, stopShape, tripShape } from '@hamgaja/shared';
import type { ko } from '../../i18n/ko';
import { isLanguage } from '../../i18n';
import { fieldLabel, formatLostValue, formatMoney } from '../conflicts/format-value';
import { regionByCode } from '../trips/regions';
import type { DiscardedChange } from './discarded-changes';

type Loose = Record<string, unknown>;

/** Whether the entry's trip is still on this device (decides between "deleted" and "access lost"). */
export type TripPresence = 'present' | 'gone' | 'unknown';

export type DiscardedReason = keyof typeof ko.discarded.reasons;
export type DiscardedKind = keyof typeof ko.discarded.kinds;

/** Why the change was not kept, in the traveller's terms (an i18n key under `discarded.reasons`). */
export function discardedReason(
  entry: Pick<DiscardedChange, 'collection' | 'code'> & Partial<Pick<DiscardedChange, 'document'>>,
  trip: TripPresence,
): DiscardedReason {
  const isTrip = entry.collection === 'trips';
  // Only the owner deletes a trip: an editor's deletion is refused while the trip stays.
  if (isTrip && trip !== 'gone' && entry.document?._deleted === true && isRefused(entry.code))
    return 'tripDeleteNotAllowed';
  switch (entry.code) {
    case 'deleted_on_server':
      if (isTrip) return 'tripDeleted';
      return trip === 'gone' ? 'inDeletedTrip' : trip === 'present' ? 'deletedByOther' : 'deletedOnServer';
    case 'refused':
      return trip === 'gone' ? 'accessLost' : trip === 'present' ? 'roleLowered' : 'notAllowed';
    case 'forbidden':
      return trip === 'gone' ? 'accessLost' : 'forbidden';
    case 'invalid_reference':
      return 'invalidReference';
    case 'validation_failed':
    case 'invalid_json':
      return 'invalid';
    case 'batch_too_large':
    case 'payload_too_large':
      return 'tooLarge';
    default:
      return 'other';
  }
}

const isRefused = (code: string) => code === 'refused' || code === 'forbidden';

export function discardedKind(collection: string): DiscardedKind {
  return collection === 'trips' ||
    collection === 'stops' ||
    collection === 'checklistItems' ||
    collection === 'expenses' ||
    collection === 'reservations'
    ? collection
    : 'other';
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value.trim() : null;

/** The words a traveller knows the thing by: trip title, place name, checklist text, expense amount and note. */
export function discardedName(entry: Pick<DiscardedChange, 'collection' | 'document'>, language: string) {
  const doc = entry.document;
  if (!doc) return null;
  switch (entry.collection) {
    case 'trips':
      return text(doc.title);
    case 'stops':
      return text((doc.place as Loose | undefined)?.name);
    case 'checklistItems':
      return text(doc.text);
    case 'expenses': {
      const amount =
        typeof doc.amount === 'number' && typeof doc.currency === 'string'
          ? formatMoney(doc.amount, doc.currency, language)
          : null;
      return [amount, text(doc.note)].filter(Boolean).join(' · ') || null;
    }
    case 'reservations':
      return text(doc.title);
    default:
      return null;
  }
}

/** True when the discarded local change was a deletion. */
export const wasDeletion = (entry: Pick<DiscardedChange, 'document'>): boolean =>
  entry.document?._deleted === true;

/** Fields of each collection in the order of its schema (the one source of the field list). */
const fieldOrder: Record<string, readonly string[]> = {
  trips: Object.keys(tripShape),
  stops: Object.keys(stopShape),
  checklistItems: Object.keys(checklistItemShape),
  expenses: Object.keys(expenseShape),
  reservations: Object.keys(reservationShape),
};

/** Bookkeeping fields a traveller never typed: left out of the copied text. */
const HIDDEN = new Set([
  'id',
  'tripId',
  'ownerId',
  'orderKey',
  'conflicts',
  'coverImage',
  '_deleted',
  '_meta',
  '_rev',
  '_attachments',
]);

/** Fields whose text is copied as typed (whole, unquoted), so it can be pasted back. */
const PLAIN = new Set(['title', 'description', 'notes', 'note', 'text', 'startTime', 'timeZone', 'currency']);

export type DiscardedTextContext = {
  t: TFunction;
  language: string;
  /** The reason in words (discardedReason, translated). */
  reason: string;
  /** A member's name by user id ("you" for the traveller). */
  memberName: (userId: string) => string;
};

const capitalize = (label: string, language: string) =>
  label.charAt(0).toLocaleUpperCase(language) + label.slice(1);

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && !value.trim()) ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** One field's value as the copied text shows it; null to leave the field out. */
function fieldText(field: string, value: unknown, entry: DiscardedChange, ctx: DiscardedTextContext) {
  if (isEmpty(value)) return null;
  const { t, language } = ctx;
  if (PLAIN.has(field) && typeof value === 'string') return value.trim();
  if (field === 'destination') {
    const destination = value as { regionCode?: unknown; text?: unknown };
    const region =
      typeof destination.regionCode === 'string' ? regionByCode(destination.regionCode) : undefined;
    const regionName = region ? region.name[isLanguage(language) ? language : 'en'] : null;
    return [regionName, text(destination.text)].filter(Boolean).join(' · ') || null;
  }
  if (field === 'place') {
    const place = value as { name?: unknown; address?: unknown };
    return [text(place.name), text(place.address)].filter(Boolean).join(', ') || null;
  }
  return formatLostValue(field, value, {
    t,
    language,
    doc: entry.document ?? {},
    memberName: ctx.memberName,
    stopName: () => entry.stopName,
  });
}

/**
 * The discarded change as plain text a traveller can paste somewhere safe or type back in:
 * what it was, why it was not saved, when, and every field they filled in, labelled in their
 * language. Long and multi-line text is copied whole.
 */
export function discardedText(entry: DiscardedChange, ctx: DiscardedTextContext): string {
  const { t, language } = ctx;
  const kind = t(`discarded.kinds.${discardedKind(entry.collection)}`);
  const name = discardedName(entry, language);
  const what = name ? `${kind} ${t('conflicts.values.quoted', { text: name })}` : kind;
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(entry.at),
  );
  const lines = [t('discarded.text.heading', { what })];
  if (entry.collection !== 'trips' && entry.tripTitle)
    lines.push(t('discarded.text.trip', { title: entry.tripTitle }));
  lines.push(t('discarded.text.why', { reason: ctx.reason }), t('discarded.text.when', { when }));
  if (wasDeletion(entry)) lines.push(t('discarded.text.deletion'));

  const doc = entry.document;
  if (doc) {
    const order = fieldOrder[entry.collection] ?? [];
    const fields = [...order, ...Object.keys(doc).filter((field) => !order.includes(field))];
    const body: string[] = [];
    for (const field of fields) {
      if (HIDDEN.has(field) || !Object.hasOwn(doc, field)) continue;
      // An expense's currency is already in its amount.
      if (field === 'currency' && entry.collection === 'expenses') continue;
      const value = fieldText(field, doc[field], entry, ctx);
      if (value === null) continue;
      const label = capitalize(fieldLabel(t, field), language);
      body.push(
        value.includes('\n')
          ? `${label}:\n${value
              .split('\n')
              .map((line) => `  ${line}`)
              .join('\n')}`
          : `${label}: ${value}`,
      );
    }
    if (body.length > 0) lines.push('', ...body);
  } else {
    lines.push('', t('discarded.text.noContent'));
  }
  lines.push('', t('discarded.text.technical', { status: entry.status, code: entry.code }));
  return lines.join('\n');
}
