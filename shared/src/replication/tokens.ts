import { RENEWABLE_AUTH_CODES, type SyncHttpError } from './errors.js';

/**
 * Returns the current access token. After the server refused one, it is called with
 * `{ forceRefresh: true }`: refresh it then (a plain `() => Promise<string>` also works if
 * the app refreshes in `onAuthError`).
 */
export type AccessTokenProvider = (options?: { forceRefresh?: boolean }) => Promise<string>;

/** Called when the server refused the access token, before asking for a new one. */
export type AuthErrorHandler = (error: SyncHttpError) => void | Promise<void>;

/**
 * The access token shared by every request and stream of a device. Renewal is single-flight:
 * when four streams see the same expired token at once, the app refreshes once (a rotating
 * refresh token used twice would revoke the whole session).
 */
export class AccessTokens {
  private latest: string | undefined;
  private renewing: Promise<string> | undefined;

  constructor(
    private readonly provide: AccessTokenProvider,
    private readonly onAuthError?: AuthErrorHandler,
  ) {}

  /** The token to send now. */
  async current(): Promise<string> {
    if (this.renewing) return this.renewing;
    const token = await this.provide();
    this.latest = token;
    return token;
  }

  /**
   * A token to use instead of `rejected`; the same string when the app has none better
   * (then retrying at once would only be refused again).
   */
  async renew(rejected: string, error: SyncHttpError): Promise<string> {
    if (!RENEWABLE_AUTH_CODES.includes(error.code)) return rejected;
    if (this.latest !== undefined && this.latest !== rejected) return this.latest;
    this.renewing ??= (async () => {
      try {
        await this.onAuthError?.(error);
        const token = await this.provide({ forceRefresh: true });
        this.latest = token;
        return token;
      } catch {
        return rejected;
      } finally {
        this.renewing = undefined;
      }
    })();
    return this.renewing;
  }
}
