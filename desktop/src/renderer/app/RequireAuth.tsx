import { Navigate, Outlet, useLocation } from 'react-router';
import { useSessionState } from './services';

/**
 * Why the log-in page is shown, as it tells the visitor: the session expired, or the page asked for
 * needs an account. None (a "Log in" link or button) shows no message.
 */
export type LoginReason = 'expired' | 'protected' | 'deleted';

/** The reason named in the log-in page's address (`?reason=`), or null. */
export function loginReason(value: string | null): LoginReason | null {
  return value === 'expired' || value === 'protected' || value === 'deleted' ? value : null;
}

/** Routes behind a login: send the visitor to log in, then back here (ORIGINAL #4). */
export function RequireAuth() {
  const session = useSessionState();
  const location = useLocation();
  if (session.status === 'authenticated') return <Outlet />;
  // Nothing of a deleted account is left to log in to: the home page says goodbye.
  if (session.endedReason === 'account_deleted') return <Navigate to="/" replace />;
  const next = `${location.pathname}${location.search}${location.hash}`;
  const reason: LoginReason = session.endedReason === 'session_ended' ? 'expired' : 'protected';
  return <Navigate to={`/login?next=${encodeURIComponent(next)}&reason=${reason}`} replace />;
}

/** A safe place to go after logging in: only paths of this app, never another site. */
export function safeNext(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/login') || value.startsWith('/signup')) return '/';
  return value;
}
