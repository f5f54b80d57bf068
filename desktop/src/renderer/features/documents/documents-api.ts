import { documentUsageSchema, type DocumentUsage } from '@hamgaja/shared';
import { ApiError, send, sendJson, toApiError, type FetchLike } from '../../api/http';

const at = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

/**
 * The travel-document file endpoints (sync-server/src/documents/routes.ts). Every call takes the
 * access token explicitly; the caller wraps it with the session's refresh-and-retry.
 */
export function createDocumentsApi(fetchFn: FetchLike, baseUrl: string) {
  return {
    /** Uploads the bytes named by `sha256` to the trip's files (idempotent). */
    async upload(token: string, tripId: string, sha256: string, blob: Blob): Promise<void> {
      let response: Response;
      try {
        response = await fetchFn(`${baseUrl}/api/trips/${at(tripId, 'files', sha256)}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
          body: blob,
        });
      } catch (error) {
        throw new ApiError(0, 'network', error instanceof Error ? error.message : 'Network error');
      }
      if (!response.ok) throw await toApiError(response);
    },
    /** The file's bytes; ApiError 404 while the server does not have it (not uploaded yet). */
    async download(token: string, tripId: string, sha256: string): Promise<Blob> {
      const response = await send(fetchFn, baseUrl, `/trips/${at(tripId, 'files', sha256)}`, {
        token,
        headers: { accept: '*/*' },
      });
      return response.blob();
    },
    usage: (token: string): Promise<DocumentUsage> =>
      sendJson(fetchFn, baseUrl, '/me/document-usage', documentUsageSchema, { token }),
  };
}

export type DocumentsApi = ReturnType<typeof createDocumentsApi>;
