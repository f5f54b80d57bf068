import { saveBlob } from '../auth/data-export';

/** Saves bytes as a file through the browser's download (see saveBlob). */
export function downloadFile(content: BlobPart, fileName: string, type: string): void {
  saveBlob(new Blob([content], { type }), fileName);
}
