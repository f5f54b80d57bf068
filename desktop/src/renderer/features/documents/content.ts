import { DOCUMENT_MAX_BYTES, type DocumentMimeType } from '@hamgaja/shared';

/** Why a picked file cannot be added (the server checks again, by content). */
export type FileRefusal = 'unsupportedType' | 'tooLarge' | 'empty';

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((byte, i) => bytes[offset + i] === byte);

/** The document type of a file by its first bytes (never its name), or null. */
export function sniffDocumentType(head: Uint8Array): DocumentMimeType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return null;
}

/** Lowercase hex SHA-256 of the bytes (Web Crypto: the same on the web and in Electron). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type ReadFile =
  | { ok: true; bytes: ArrayBuffer; sha256: string; mimeType: DocumentMimeType; size: number }
  | { ok: false; reason: FileRefusal };

/** Reads a picked file and checks what can be checked on the device. */
export async function readDocumentFile(file: Blob): Promise<ReadFile> {
  if (file.size === 0) return { ok: false, reason: 'empty' };
  if (file.size > DOCUMENT_MAX_BYTES) return { ok: false, reason: 'tooLarge' };
  const bytes = await file.arrayBuffer();
  const mimeType = sniffDocumentType(new Uint8Array(bytes, 0, Math.min(16, bytes.byteLength)));
  if (!mimeType) return { ok: false, reason: 'unsupportedType' };
  return { ok: true, bytes, sha256: await sha256Hex(bytes), mimeType, size: bytes.byteLength };
}

/** "1.2 MB", "340 KB": sizes for people. */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
