import { Navigate, Outlet, useLocation } from 'react-router';
import { useSessionState } from './services';

/** Routes behind a login: send the visitor to log in, then back here (ORIGINAL #4). */
export function RequireAuth() {
  const session = useSessionState();
  const location = useLocation();
  if (session.status === 'authenticated') return <Outlet />;
  const next = `${location.pathname}${location.search}${location.hash}`;
  return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
}

/** A safe place to go after logging in: only paths of this app, never another site. */
export function safeNext(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/login') || value.startsWith('/signup')) return '/';
  return value;
}
