import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/problem-messages';
import { FormAlert, SubmitButton, TextField } from '../../app/forms';
import { CheckIcon } from '../../app/icons';
import { useServices, webOrigin } from '../../app/services';
import { currentLanguage } from '../../i18n';
import { AuthCard } from './AuthCard';
import { isValidEmail } from './signup-validation';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const { session, apiBaseUrl } = useServices();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const candidate = email.trim();
    setInvalid(!isValidEmail(candidate));
    if (!isValidEmail(candidate)) return;
    setBusy(true);
    setError(null);
    try {
      // The link in the mail leads back to the address the user is on now.
      await session.api.requestPasswordReset(candidate, currentLanguage(), webOrigin(apiBaseUrl));
      setSentTo(candidate);
    } catch (caught) {
      setError(errorMessage(t, caught));
    } finally {
      setBusy(false);
    }
  }

  if (sentTo) {
    return (
      <AuthCard title={t('auth.forgot.sentTitle')}>
        <div className="auth-success" role="status">
          <span className="success-badge" aria-hidden="true">
            <CheckIcon />
          </span>
          <p>{t('auth.forgot.sentBody', { email: sentTo })}</p>
          <Link to="/login" className="button">
            {t('auth.forgot.backToLogin')}
          </Link>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t('auth.forgot.title')}
      subtitle={t('auth.forgot.subtitle')}
      footer={<Link to="/login">{t('auth.forgot.backToLogin')}</Link>}
    >
      <FormAlert kind="info">{t('auth.forgot.idHint')}</FormAlert>
      {error ? <FormAlert kind="error">{error}</FormAlert> : null}
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField
          label={t('auth.forgot.email')}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={invalid ? t('auth.signup.emailInvalid') : null}
          autoFocus
          required
        />
        <SubmitButton busy={busy} label={t('auth.forgot.submit')} busyLabel={t('auth.forgot.submitting')} />
      </form>
    </AuthCard>
  );
}
