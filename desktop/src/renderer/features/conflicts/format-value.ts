import type { TFunction } from 'i18next';
import { categories, currencyFractionDigits, fromMinorUnits, type Category } from '@hamgaja/shared';
import { ko } from '../../i18n/ko';

type Loose = Record<string, unknown>;

export type ValueContext = {
  t: TFunction;
  language: string;
  /** The document the value belonged to (for its currency). */
  doc: Loose;
  memberName: (userId: string) => string;
  stopName: (stopId: string) => string | null;
};

type FieldName = keyof typeof ko.conflicts.fields;
const isFieldName = (field: string): field is FieldName => Object.hasOwn(ko.conflicts.fields, field);
const isCategory = (value: unknown): value is Category =>
  typeof value === 'string' && (categories as readonly string[]).includes(value);

/** The words for a field name ("title" → "Title"); unknown fields show as they are. */
export function fieldLabel(t: TFunction, field: string): string {
  return isFieldName(field) ? t(`conflicts.fields.${field}`) : field;
}

export function formatMoney(minor: number, currency: string, language: string): string {
  // The ISO table's minor units, not the runtime's: what is shown is what is stored.
  const digits = currencyFractionDigits(currency);
  try {
    return new Intl.NumberFormat(language, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(fromMinorUnits(minor, currency));
  } catch {
    return `${fromMinorUnits(minor, currency)} ${currency}`;
  }
}

function formatDate(iso: string, language: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

const clip = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const quote = (t: TFunction, text: string) => t('conflicts.values.quoted', { text: clip(text) });

/** A lost value in words, as the user would recognise it ("“Gyeongbokgung”", "₩12,000", "Day 2"). */
export function formatLostValue(field: string, value: unknown, ctx: ValueContext): string {
  const { t, language, doc } = ctx;
  if (value === undefined || value === null || value === '') return t('conflicts.values.empty');
  const currency = typeof doc.currency === 'string' ? doc.currency : null;
  switch (field) {
    case 'done':
      return value ? t('conflicts.values.done') : t('conflicts.values.notDone');
    case 'amount':
    case 'plannedBudget':
      return typeof value === 'number' && currency ? formatMoney(value, currency, language) : String(value);
    case 'cost': {
      const cost = value as { amount?: unknown; currency?: unknown };
      return typeof cost.amount === 'number' && typeof cost.currency === 'string'
        ? formatMoney(cost.amount, cost.currency, language)
        : t('conflicts.values.empty');
    }
    case 'place':
    case 'destination': {
      const named = value as { name?: unknown; text?: unknown; regionCode?: unknown };
      const text = named.name ?? named.text ?? named.regionCode;
      return typeof text === 'string' && text ? quote(t, text) : t('conflicts.values.empty');
    }
    case 'day':
      return typeof value === 'number' ? t('conflicts.values.day', { day: value + 1 }) : String(value);
    case 'durationMinutes':
      return typeof value === 'number' ? t('conflicts.values.minutes', { count: value }) : String(value);
    case 'paidBy':
      return typeof value === 'string' ? ctx.memberName(value) : String(value);
    case 'splitAmong':
      return Array.isArray(value) ? value.map((id) => ctx.memberName(String(id))).join(', ') : String(value);
    case 'stopId':
      return typeof value === 'string'
        ? (ctx.stopName(value) ?? t('conflicts.values.otherStop'))
        : String(value);
    case 'orderKey':
      return t('conflicts.values.position');
    case 'startDate':
    case 'endDate':
    case 'date':
      return typeof value === 'string' ? formatDate(value, language) : String(value);
    case 'category':
      return isCategory(value) ? t(`expenses.categories.${value}`) : String(value);
    case 'rate': {
      const rate = value as { to?: unknown; value?: unknown };
      return typeof rate.to === 'string' && typeof rate.value === 'string' && currency
        ? `1 ${currency} = ${rate.value} ${rate.to}`
        : t('conflicts.values.empty');
    }
    default:
      break;
  }
  if (typeof value === 'string') return quote(t, value);
  if (typeof value === 'boolean') return value ? t('conflicts.values.yes') : t('conflicts.values.no');
  if (typeof value === 'number') return new Intl.NumberFormat(language).format(value);
  return clip(JSON.stringify(value));
}
