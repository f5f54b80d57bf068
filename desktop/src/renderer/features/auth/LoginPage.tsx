import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/problem-messages';
import { FormAlert, PasswordField, SubmitButton, TextField } from '../../app/forms';
import { loginReason, safeNext, type LoginReason } from '../../app/RequireAuth';
import { useServices, useSessionState } from '../../app/services';
import { AuthCard } from './AuthCard';

/** Remembered for "remember my email" (the email only, never the password). */
export const REMEMBERED_EMAIL_KEY = 'hamgaja.rememberedEmail';

function rememberedEmail(): string {
  try {
    return localStorage.getItem(REMEMBERED_EMAIL_KEY) ?? '';
  } catch {
    return '';
  }
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { session } = useServices();
  const state = useSessionState();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState(rememberedEmail);
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(() => rememberedEmail() !== '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});

  if (state.status === 'authenticated' && !busy) return <Navigate to={next} replace />;
  // The message says why this page is shown; a plain "Log in" (no reason) needs none.
  const reason: LoginReason | null =
    state.status === 'anonymous' && state.endedReason === 'session_ended'
      ? 'expired'
      : state.status === 'anonymous' && state.endedReason === 'account_deleted'
        ? 'deleted'
        : loginReason(params.get('reason'));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors = {
      email: email.trim() ? undefined : t('auth.login.emailRequired'),
      password: password ? undefined : t('auth.login.passwordRequired'),
    };
    setFieldErrors(errors);
    if (errors.email || errors.password) return;
    setBusy(true);
    setError(null);
    try {
      await session.login(email.trim(), password);
      try {
        if (remember) localStorage.setItem(REMEMBERED_EMAIL_KEY, email.trim());
        else localStorage.removeItem(REMEMBERED_EMAIL_KEY);
      } catch {
        // Storage unavailable: nothing to remember.
      }
      void navigate(next, { replace: true });
    } catch (caught) {
      setError(errorMessage(t, caught));
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title={t('auth.login.title')}
      subtitle={t('auth.login.subtitle')}
      footer={
        <>
          {t('auth.login.noAccount')}
          <Link to={params.get('next') ? `/signup?next=${encodeURIComponent(next)}` : '/signup'}>
            {t('auth.login.signupLink')}
          </Link>
        </>
      }
    >
      {reason === 'expired' ? (
        <FormAlert kind="info">{t('auth.sessionEnded')}</FormAlert>
      ) : reason === 'protected' ? (
        <FormAlert kind="info">{t('auth.loginRequired')}</FormAlert>
      ) : reason === 'deleted' ? (
        <FormAlert kind="info">{t('auth.accountDeleted')}</FormAlert>
      ) : null}
      {error ? <FormAlert kind="error">{error}</FormAlert> : null}
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField
          label={t('auth.login.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
          autoFocus={!email}
          required
        />
        <PasswordField
          label={t('auth.login.password')}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
          autoFocus={Boolean(email)}
          required
        />
        <div className="auth-links">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={remember}
              onChange={(event) => setRemember(event.target.checked)}
            />
            {t('auth.login.remember')}
          </label>
          <Link to="/forgot-password">{t('auth.login.forgot')}</Link>
        </div>
        <SubmitButton busy={busy} label={t('auth.login.submit')} busyLabel={t('auth.login.submitting')} />
      </form>
    </AuthCard>
  );
}
