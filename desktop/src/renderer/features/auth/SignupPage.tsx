import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../api/problem-messages';
import { FormAlert, PasswordField, SubmitButton, TextField } from '../../app/forms';
import { safeNext } from '../../app/RequireAuth';
import { useServices, useSessionState } from '../../app/services';
import { currentLanguage } from '../../i18n';
import { AuthCard } from './AuthCard';
import { PasswordRules } from './PasswordRules';
import { passwordRules, validateSignup, type SignupValues } from './signup-validation';
import { useEmailAvailability } from './use-email-availability';

const empty: SignupValues = {
  email: '',
  password: '',
  passwordConfirm: '',
  displayName: '',
  phone: '',
  address: '',
};
const order: (keyof SignupValues)[] = [
  'email',
  'password',
  'passwordConfirm',
  'displayName',
  'phone',
  'address',
];

export default function SignupPage() {
  const { t } = useTranslation();
  const { session } = useServices();
  const state = useSessionState();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const hasNext = params.get('next') !== null;
  const next = hasNext ? safeNext(params.get('next')) : '/trips';
  const [values, setValues] = useState<SignupValues>(empty);
  const [touched, setTouched] = useState<Partial<Record<keyof SignupValues, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [takenEmail, setTakenEmail] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const availability = useEmailAvailability(session.api, values.email);

  if (state.status === 'authenticated' && !busy) return <Navigate to={next} replace />;

  const errors = validateSignup(values);
  const emailTaken = availability === 'taken' || takenEmail === values.email.trim().toLowerCase();
  const shown = (field: keyof SignupValues) =>
    (submitted || touched[field]) && errors[field] ? t(errors[field]) : null;
  const bind = (field: keyof SignupValues) => ({
    name: field,
    value: values[field],
    onChange: (event: { target: { value: string } }) =>
      setValues((v) => ({ ...v, [field]: event.target.value })),
    onBlur: () => setTouched((v) => ({ ...v, [field]: true })),
  });

  const emailStatus = shown('email') ?? (emailTaken ? t('auth.signup.emailTaken') : null);
  const emailOk =
    availability === 'checking'
      ? t('auth.signup.emailChecking')
      : availability === 'available'
        ? t('auth.signup.emailAvailable')
        : availability === 'unknown'
          ? t('auth.signup.emailCheckFailed')
          : null;
  const confirmOk = values.passwordConfirm && !errors.passwordConfirm ? t('auth.signup.confirmMatch') : null;
  const confirmError =
    shown('passwordConfirm') ??
    (values.passwordConfirm && errors.passwordConfirm ? t(errors.passwordConfirm) : null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    const firstInvalid = order.find((field) => errors[field]) ?? (emailTaken ? 'email' : undefined);
    if (firstInvalid) {
      form.current?.querySelector<HTMLInputElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const phone = values.phone.trim();
      const address = values.address.trim();
      await session.signup({
        email: values.email.trim(),
        password: values.password,
        displayName: values.displayName.trim(),
        ...(phone ? { phone } : {}),
        ...(address ? { address } : {}),
        locale: currentLanguage(),
      });
      void navigate(next, { replace: true });
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.code === 'email_taken') {
        setTakenEmail(values.email.trim().toLowerCase());
        form.current?.querySelector<HTMLInputElement>('[name="email"]')?.focus();
      }
      setError(errorMessage(t, caught));
    }
  }

  return (
    <AuthCard
      wide
      title={t('auth.signup.title')}
      subtitle={t('auth.signup.subtitle')}
      footer={
        <>
          {t('auth.signup.haveAccount')}
          <Link to={hasNext ? `/login?next=${encodeURIComponent(next)}` : '/login'}>
            {t('auth.signup.loginLink')}
          </Link>
        </>
      }
    >
      {error ? <FormAlert kind="error">{error}</FormAlert> : null}
      <form ref={form} className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField
          label={t('auth.signup.email')}
          type="email"
          autoComplete="email"
          inputMode="email"
          hint={t('auth.signup.emailHint')}
          error={emailStatus}
          ok={emailStatus ? null : emailOk}
          required
          autoFocus
          {...bind('email')}
        />
        <div className="form-row">
          <PasswordField
            label={t('auth.signup.password')}
            autoComplete="new-password"
            error={shown('password')}
            required
            below={<PasswordRules rules={passwordRules(values.password, values.email)} />}
            {...bind('password')}
          />
          <PasswordField
            label={t('auth.signup.passwordConfirm')}
            autoComplete="new-password"
            error={confirmError}
            ok={confirmError ? null : confirmOk}
            required
            {...bind('passwordConfirm')}
          />
        </div>
        <TextField
          label={t('auth.signup.displayName')}
          autoComplete="name"
          hint={t('auth.signup.displayNameHint')}
          error={shown('displayName')}
          required
          {...bind('displayName')}
        />
        <div className="form-row">
          <TextField
            label={t('auth.signup.phone')}
            type="tel"
            autoComplete="tel"
            optionalField
            error={shown('phone')}
            {...bind('phone')}
          />
          <TextField
            label={t('auth.signup.address')}
            autoComplete="street-address"
            optionalField
            error={shown('address')}
            {...bind('address')}
          />
        </div>
        <SubmitButton busy={busy} label={t('auth.signup.submit')} busyLabel={t('auth.signup.submitting')} />
      </form>
    </AuthCard>
  );
}
