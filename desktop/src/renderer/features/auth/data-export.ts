import { dataExportFileName } from '@hamgaja/shared';
import { ApiError } from '../../api/http';

/** Bytes of a download received so far, and the total when the server announced it. */
export type DownloadProgress = { received: number; total: number | null };

const cutOff = (detail: string) => new ApiError(0, 'network', `The download was cut off: ${detail}`);

/**
 * Reads a streamed answer into a Blob, reporting progress as bytes arrive. A connection lost
 * midway, or fewer bytes than Content-Length announced (the server stopped), is a network error.
 */
export async function readWithProgress(
  response: Response,
  onProgress: (progress: DownloadProgress) => void,
  type = response.headers.get('content-type') ?? 'application/octet-stream',
): Promise<Blob> {
  const announced = Number(response.headers.get('content-length'));
  const total = Number.isSafeInteger(announced) && announced > 0 ? announced : null;
  const reader = response.body?.getReader();
  if (!reader) throw cutOff('the answer has no body');
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ received, total });
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw cutOff(error instanceof Error ? error.message : String(error));
    }
    if (chunk.done) break;
    parts.push(chunk.value);
    received += chunk.value.byteLength;
    onProgress({ received, total });
  }
  if (total !== null && received !== total) throw cutOff(`${received} of ${total} bytes`);
  return new Blob(parts, { type });
}

/** The file name the server gave (Content-Disposition), or the same pattern with today's date. */
export function downloadName(response: Response, now = new Date()): string {
  const named = /filename="([\w.-]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return named?.[1] ?? dataExportFileName(now);
}

/**
 * Saves a Blob as a file through an object URL and a temporary download link: the browser's
 * download in the web app, the save flow of Electron's session in the desktop app.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the Blob by the next task; keep the URL a little longer for slow handlers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
