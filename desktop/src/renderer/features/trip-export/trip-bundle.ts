/** The trip on screen as a shared trip bundle, and the files the web app makes from it. */
import {
  exportFileName,
  TRIP_FILE_EXTENSION,
  TRIP_FILE_MIME_TYPE,
  tripToIcs,
  tripToJson,
  type ChecklistItem,
  type Expense,
  type Reservation,
  type Stop,
  type Trip,
  type TripBundle,
} from '@hamgaja/shared';
import type { Language } from '../../i18n';

export interface TripDocumentsLike {
  trip: Trip;
  stops: readonly Stop[];
  checklistItems: readonly ChecklistItem[];
  expenses: readonly Expense[];
  reservations?: readonly Reservation[];
}

export function bundleOf(data: TripDocumentsLike): TripBundle {
  return {
    trip: data.trip,
    stops: [...data.stops],
    checklistItems: [...data.checklistItems],
    expenses: [...data.expenses],
    ...(data.reservations?.length ? { reservations: [...data.reservations] } : {}),
  };
}

export interface ExportFile {
  content: BlobPart;
  fileName: string;
  type: string;
}

/** Written into trip files as the app that made them. */
export const WEB_APP_VERSION = 'web';

export function icsFile(bundle: TripBundle, language: Language, now: Date): ExportFile {
  return {
    content: tripToIcs(bundle, { language, now }),
    fileName: exportFileName(bundle.trip.title, 'ics'),
    type: 'text/calendar;charset=utf-8',
  };
}

export function tripFile(bundle: TripBundle, now: Date): ExportFile {
  return {
    content: tripToJson(bundle, { now, appVersion: WEB_APP_VERSION }),
    fileName: exportFileName(bundle.trip.title, TRIP_FILE_EXTENSION),
    type: TRIP_FILE_MIME_TYPE,
  };
}
