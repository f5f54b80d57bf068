import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DocumentMimeType } from '@hamgaja/shared';

/** A travel document's bytes kept on this device, by SHA-256 (one copy however many documents name it). */
export interface StoredFile {
  sha256: string;
  blob: Blob;
  mimeType: DocumentMimeType;
  size: number;
  /** False while the file was added here and the server does not have it yet (the upload queue). */
  uploaded: boolean;
  /** Epoch ms. */
  storedAt: number;
}

/** What the lists need: everything but the bytes. */
export type StoredFileInfo = Omit<StoredFile, 'blob'>;

interface FilesSchema extends DBSchema {
  files: { key: string; value: StoredFile };
}

/** The IndexedDB database holding a user's document files (beside their RxDB database). */
export const fileStoreName = (databaseName: string) => `${databaseName}-files`;

/**
 * Document files on this device, in IndexedDB (web and Electron alike: Electron keeps Chromium's
 * IndexedDB in the app's data folder). Blobs are stored as they are; IndexedDB keeps them on disk.
 */
export class FileStore {
  private db: Promise<IDBPDatabase<FilesSchema>> | null = null;

  constructor(readonly name: string) {}

  private open(): Promise<IDBPDatabase<FilesSchema>> {
    this.db ??= openDB<FilesSchema>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('files', { keyPath: 'sha256' });
      },
      // Another tab deletes the database (account removed): let it.
      blocking: () => void this.close(),
    });
    return this.db;
  }

  async put(file: StoredFile): Promise<void> {
    await (await this.open()).put('files', file);
  }

  async get(sha256: string): Promise<StoredFile | undefined> {
    return (await this.open()).get('files', sha256);
  }

  /** Every file without its bytes. */
  async list(): Promise<StoredFileInfo[]> {
    const all = await (await this.open()).getAll('files');
    return all.map(({ blob: _blob, ...info }) => info);
  }

  async markUploaded(sha256: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction('files', 'readwrite');
    const file = await tx.store.get(sha256);
    if (file && !file.uploaded) await tx.store.put({ ...file, uploaded: true });
    await tx.done;
  }

  async remove(sha256s: readonly string[]): Promise<void> {
    if (sha256s.length === 0) return;
    const db = await this.open();
    const tx = db.transaction('files', 'readwrite');
    await Promise.all([...sha256s.map((sha) => tx.store.delete(sha)), tx.done]);
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db) (await db).close();
  }
}
