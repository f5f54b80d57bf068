import { z } from 'zod';
import {
  accountDeletionPreviewSchema,
  sessionSchema,
  userSchema,
  type AccountDeletionPreview,
  type DeleteMeRequest,
  type Session,
  type SignupRequest,
  type User,
} from '@hamgaja/shared';
import { send, sendJson, type FetchLike } from '../../api/http';
import { downloadName, readWithProgress, type DownloadProgress } from './data-export';

const emailAvailableSchema = z.object({ available: z.boolean() });

export type ProfileChanges = {
  displayName?: string;
  phone?: string | null;
  address?: string | null;
  locale?: 'ko' | 'en';
};

/**
 * The /auth and /me endpoints (sync-server/src/auth/routes.ts); every answer is checked
 * with the shared zod schemas. Calls that need a login take the access token explicitly;
 * SessionManager wraps them with refresh-and-retry.
 */
export function createAuthApi(fetchFn: FetchLike, baseUrl: string) {
  return {
    signup: (request: SignupRequest): Promise<Session> =>
      sendJson(fetchFn, baseUrl, '/auth/signup', sessionSchema, { method: 'POST', body: request }),
    login: (email: string, password: string): Promise<Session> =>
      sendJson(fetchFn, baseUrl, '/auth/login', sessionSchema, { method: 'POST', body: { email, password } }),
    refresh: (refreshToken: string): Promise<Session> =>
      sendJson(fetchFn, baseUrl, '/auth/refresh', sessionSchema, { method: 'POST', body: { refreshToken } }),
    logout: async (accessToken: string, refreshToken: string): Promise<void> => {
      await send(fetchFn, baseUrl, '/auth/logout', {
        method: 'POST',
        token: accessToken,
        body: { refreshToken },
      });
    },
    emailAvailable: async (email: string, signal?: AbortSignal): Promise<boolean> => {
      const query = new URLSearchParams({ email }).toString();
      const answer = await sendJson(
        fetchFn,
        baseUrl,
        `/auth/email-available?${query}`,
        emailAvailableSchema,
        {
          signal,
        },
      );
      return answer.available;
    },
    /** `origin`: where the user opens the app (webOrigin), so the mailed link points there. */
    requestPasswordReset: async (email: string, locale?: 'ko' | 'en', origin?: string): Promise<void> => {
      await send(fetchFn, baseUrl, '/auth/password-reset/request', {
        method: 'POST',
        body: { email, locale, origin },
      });
    },
    confirmPasswordReset: async (token: string, password: string): Promise<void> => {
      await send(fetchFn, baseUrl, '/auth/password-reset/confirm', {
        method: 'POST',
        body: { token, password },
      });
    },
    getMe: (accessToken: string): Promise<User> =>
      sendJson(fetchFn, baseUrl, '/me', userSchema, { token: accessToken }),
    updateMe: (accessToken: string, changes: ProfileChanges): Promise<User> =>
      sendJson(fetchFn, baseUrl, '/me', userSchema, { method: 'PATCH', token: accessToken, body: changes }),
    changePassword: async (
      accessToken: string,
      currentPassword: string,
      newPassword: string,
    ): Promise<void> => {
      await send(fetchFn, baseUrl, '/me/password', {
        method: 'POST',
        token: accessToken,
        body: { currentPassword, newPassword },
      });
    },
    /** What deleting the account would do: trips deleted, handed over, needing a choice; board content. */
    deletionPreview: (accessToken: string): Promise<AccountDeletionPreview> =>
      sendJson(fetchFn, baseUrl, '/me/deletion-preview', accountDeletionPreviewSchema, {
        token: accessToken,
      }),
    deleteMe: async (accessToken: string, request: DeleteMeRequest): Promise<void> => {
      await send(fetchFn, baseUrl, '/me', { method: 'DELETE', token: accessToken, body: request });
    },
    /** "Download my data" (GET /me/export): the zip, read as it arrives, and its file name. */
    downloadMyData: async (
      accessToken: string,
      onProgress: (progress: DownloadProgress) => void,
      signal?: AbortSignal,
    ): Promise<{ zip: Blob; fileName: string }> => {
      const response = await send(fetchFn, baseUrl, '/me/export', {
        token: accessToken,
        headers: { accept: 'application/zip' },
        signal,
      });
      return { zip: await readWithProgress(response, onProgress), fileName: downloadName(response) };
    },
  };
}

export type AuthApi = ReturnType<typeof createAuthApi>;
