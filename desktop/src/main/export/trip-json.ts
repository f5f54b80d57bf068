/**
 * The trip file (`.hamgaja`, JSON): written by export, read back by import and by opening a
 * file from the file manager. Reading validates everything with the shared document schemas.
 */
import { z } from 'zod';
import { upgradeDocument } from '@hamgaja/shared';
import { DesktopApiError, describeIssues } from '../../desktop-api/contract.js';
import {
  TRIP_FILE_FORMAT,
  TRIP_FILE_VERSION,
  tripFileSchema,
  type TripBundle,
  type TripFile,
} from '../../desktop-api/trip-bundle.js';

/** Files larger than this are not trip files (a 5,000-stop trip is well under 10 MB). */
export const MAX_TRIP_FILE_BYTES = 20 * 1024 * 1024;

export interface TripJsonOptions {
  now: Date;
  appVersion: string;
}

export function tripToJson(bundle: TripBundle, options: TripJsonOptions): string {
  const file: TripFile = {
    format: TRIP_FILE_FORMAT,
    version: TRIP_FILE_VERSION,
    exportedAt: options.now.toISOString(),
    app: { name: 'Hamgaja', version: options.appVersion },
    trip: bundle.trip,
    stops: bundle.stops,
    checklistItems: bundle.checklistItems,
    expenses: bundle.expenses,
  };
  return `${JSON.stringify(tripFileSchema.parse(file), null, 2)}\n`;
}

const headerSchema = z.looseObject({ format: z.unknown(), version: z.unknown() });

/** Parses and validates a trip file; throws DesktopApiError (invalid_trip_file, trip_file_too_new). */
export function tripFromJson(text: string): TripBundle {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new DesktopApiError('invalid_trip_file', 'not JSON');
  }
  const header = headerSchema.safeParse(data);
  if (!header.success || header.data.format !== TRIP_FILE_FORMAT)
    throw new DesktopApiError('invalid_trip_file', 'not a Hamgaja trip file');
  const version = header.data.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > TRIP_FILE_VERSION)
    throw new DesktopApiError(
      'trip_file_too_new',
      `trip file version ${version} is newer than ${TRIP_FILE_VERSION}`,
    );
  // A version-1 file (before stops had travelMode): its stops in the current shape.
  const oldStops = (data as { stops?: unknown }).stops;
  if (version === 1 && Array.isArray(oldStops))
    data = {
      ...(data as object),
      stops: oldStops.map((stop: unknown) =>
        typeof stop === 'object' && stop !== null && !Array.isArray(stop)
          ? upgradeDocument('stops', stop as Record<string, unknown>)
          : stop,
      ),
    };
  const file = tripFileSchema.safeParse(data);
  if (!file.success) throw new DesktopApiError('invalid_trip_file', describeIssues(file.error));
  const { trip, stops, checklistItems, expenses } = file.data;
  return { trip, stops, checklistItems, expenses };
}
