/**
 * A trip with everything that belongs to it, as it crosses the IPC boundary (export) and as
 * it is stored in an exported trip file. The bundle and file schemas live with the shared
 * export code (@hamgaja/shared, `export/trip-file.ts`); this module names them for the
 * desktop bridge.
 */
export {
  MAX_BUNDLE_CHECKLIST_ITEMS,
  MAX_BUNDLE_EXPENSES,
  MAX_BUNDLE_STOPS,
  OLDEST_TRIP_FILE_VERSION,
  TRIP_FILE_EXTENSION,
  TRIP_FILE_FORMAT,
  TRIP_FILE_MIME_TYPE,
  TRIP_FILE_VERSION,
  tripBundleSchema,
  tripBundleShape,
  tripFileSchema,
  type TripBundle,
  type TripFile,
} from '@hamgaja/shared';
