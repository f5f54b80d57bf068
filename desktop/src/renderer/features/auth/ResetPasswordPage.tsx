import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../api/problem-messages';
import { FormAlert, PasswordField, SubmitButton } from '../../app/forms';
import { CheckIcon } from '../../app/icons';
import { useServices } from '../../app/services';
import { AuthCard } from './AuthCard';
import { PasswordRules } from './PasswordRules';
import { passwordRules } from './signup-validation';

/** /reset-password?token=… — the link from the password-reset mail. */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { session } = useServices();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<{ message: string; expired: boolean } | null>(null);

  const rules = passwordRules(password, '');
  const weak = !rules.every((rule) => rule.met);
  const mismatch = confirm !== password || confirm === '';

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (weak || mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await session.api.confirmPasswordReset(token, password);
      setDone(true);
    } catch (caught) {
      const expired = caught instanceof ApiError && caught.code === 'invalid_reset_token';
      setError({ message: errorMessage(t, caught), expired });
    } finally {
      setBusy(false);
    }
  }

  if (!token) {
    return (
      <AuthCard title={t('auth.reset.title')}>
        <FormAlert kind="error">{t('auth.reset.missingToken')}</FormAlert>
        <Link to="/forgot-password" className="button">
          {t('auth.reset.requestNew')}
        </Link>
      </AuthCard>
    );
  }

  if (done) {
    return (
      <AuthCard title={t('auth.reset.successTitle')}>
        <div className="auth-success" role="status">
          <span className="success-badge" aria-hidden="true">
            <CheckIcon />
          </span>
          <p>{t('auth.reset.successBody')}</p>
          <Link to="/login" className="button button-primary">
            {t('auth.reset.goLogin')}
          </Link>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.reset.title')} subtitle={t('auth.reset.subtitle')}>
      {error ? (
        <FormAlert kind="error">
          <span>
            {error.message}{' '}
            {error.expired ? <Link to="/forgot-password">{t('auth.reset.requestNew')}</Link> : null}
          </span>
        </FormAlert>
      ) : null}
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <PasswordField
          label={t('auth.reset.newPassword')}
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={submitted && weak ? t('auth.signup.passwordWeak') : null}
          below={<PasswordRules rules={rules} />}
          autoFocus
          required
        />
        <PasswordField
          label={t('auth.reset.confirm')}
          name="passwordConfirm"
          autoComplete="new-password"
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          error={(submitted || confirm) && mismatch ? t('auth.signup.confirmMismatch') : null}
          required
        />
        <SubmitButton busy={busy} label={t('auth.reset.submit')} busyLabel={t('auth.reset.submitting')} />
      </form>
    </AuthCard>
  );
}
