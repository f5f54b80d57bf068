import type { HamgajaDatabase } from '@hamgaja/shared';
import type { Services } from '../../app/services';
import { createDocumentsApi } from './documents-api';
import { DeviceFiles } from './device-files';
import { fileStoreName } from './file-store';

const running = new WeakMap<HamgajaDatabase, DeviceFiles>();

/** Starts the document files of an open database (DatabaseProvider); stop it before closing the database. */
export function startDeviceFiles(options: {
  db: HamgajaDatabase;
  services: Services;
  userId: string;
}): DeviceFiles {
  const { db, services, userId } = options;
  const files = new DeviceFiles({
    db,
    storeName: fileStoreName(db.name),
    userId,
    api: services.localOnly
      ? null
      : createDocumentsApi((input, init) => globalThis.fetch(input, init), services.apiBaseUrl),
    authorized: (call) => services.session.authorized(call),
    storage: globalThis.localStorage ?? null,
  });
  running.set(db, files);
  files.start();
  return files;
}

/** The document files of an open database, once started. */
export function deviceFilesOf(db: HamgajaDatabase): DeviceFiles | undefined {
  return running.get(db);
}
