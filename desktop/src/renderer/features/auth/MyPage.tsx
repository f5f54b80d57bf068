import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '@hamgaja/shared';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../api/problem-messages';
import { FormAlert, PasswordField, TextField } from '../../app/forms';
import { useServices, useSessionState } from '../../app/services';
import { useDocumentTitle } from '../../app/use-document-title';
import { languages, type Language } from '../../i18n';
import { PasswordRules } from './PasswordRules';
import { passwordRules, validateProfile } from './signup-validation';
import { MyPosts } from '../board';
import { DeleteAccountSection } from './DeleteAccountSection';
import { DownloadDataSection } from './DownloadDataSection';
import './auth.css';

type Notice = { kind: 'success' | 'error'; text: string } | null;

function ProfileSection({ user, onSaved }: { user: User; onSaved: (user: User) => void }) {
  const { t, i18n } = useTranslation();
  const { session } = useServices();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [phone, setPhone] = useState(user.phone ?? '');
  const [address, setAddress] = useState(user.address ?? '');
  const [locale, setLocale] = useState<Language>(user.locale);
  const localeId = useId();
  const checks = validateProfile({ displayName, phone, address });
  const [submitted, setSubmitted] = useState(false);

  function startEditing() {
    setDisplayName(user.displayName);
    setPhone(user.phone ?? '');
    setAddress(user.address ?? '');
    setLocale(user.locale);
    setNotice(null);
    setSubmitted(false);
    setEditing(true);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (checks.displayName || checks.phone || checks.address) return;
    setBusy(true);
    try {
      const updated = await session.authorized((token) =>
        session.api.updateMe(token, {
          displayName: displayName.trim(),
          phone: phone.trim() || null,
          address: address.trim() || null,
          locale,
        }),
      );
      onSaved(updated);
      setEditing(false);
      setNotice({ kind: 'success', text: t('me.saved') });
    } catch (caught) {
      setNotice({ kind: 'error', text: errorMessage(t, caught) });
    } finally {
      setBusy(false);
    }
  }

  const memberSince = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(
    new Date(user.createdAt),
  );
  const value = (text: string | null) =>
    text ? <dd>{text}</dd> : <dd className="not-set">{t('me.notSet')}</dd>;

  return (
    <section className="card card-body section-card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('me.profile')}</h2>
      <p className="section-hint">{t('me.profileHint')}</p>
      {notice ? <FormAlert kind={notice.kind}>{notice.text}</FormAlert> : null}
      {editing ? (
        <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextField label={t('me.email')} value={user.email} readOnly />
          <TextField
            label={t('me.displayName')}
            name="displayName"
            autoComplete="name"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            error={submitted && checks.displayName ? t(checks.displayName) : null}
            required
          />
          <div className="form-row">
            <TextField
              label={t('me.phone')}
              name="phone"
              type="tel"
              autoComplete="tel"
              optionalField
              value={phone}
              onChange={(event) => setPhone(event.target.value)}
              error={submitted && checks.phone ? t(checks.phone) : null}
            />
            <TextField
              label={t('me.address')}
              name="address"
              autoComplete="street-address"
              optionalField
              value={address}
              onChange={(event) => setAddress(event.target.value)}
              error={submitted && checks.address ? t(checks.address) : null}
            />
          </div>
          <div className="field">
            <label htmlFor={localeId} className="field-label">
              {t('me.locale')}
            </label>
            <select
              id={localeId}
              className="select"
              value={locale}
              onChange={(event) => setLocale(event.target.value as Language)}
            >
              {languages.map((lng) => (
                <option key={lng} value={lng}>
                  {t(`languages.${lng}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </button>
            <button type="button" className="button button-ghost" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="profile-list">
            <div>
              <dt>{t('me.email')}</dt>
              <dd>{user.email}</dd>
            </div>
            <div>
              <dt>{t('me.displayName')}</dt>
              <dd>{user.displayName}</dd>
            </div>
            <div>
              <dt>{t('me.phone')}</dt>
              {value(user.phone)}
            </div>
            <div>
              <dt>{t('me.address')}</dt>
              {value(user.address)}
            </div>
            <div>
              <dt>{t('me.locale')}</dt>
              <dd>{t(`languages.${user.locale}`)}</dd>
            </div>
            <div>
              <dt>{t('me.memberSince')}</dt>
              <dd>{memberSince}</dd>
            </div>
          </dl>
          <button type="button" className="button" onClick={startEditing}>
            {t('me.edit')}
          </button>
        </>
      )}
    </section>
  );
}

function PasswordSection({ email }: { email: string }) {
  const { t } = useTranslation();
  const { session } = useServices();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const rules = passwordRules(next, email);
  const weak = !rules.every((rule) => rule.met);
  const mismatch = confirm !== next || confirm === '';

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!current || weak || mismatch) return;
    setBusy(true);
    setNotice(null);
    try {
      await session.authorized((token) => session.api.changePassword(token, current, next));
      setCurrent('');
      setNext('');
      setConfirm('');
      setSubmitted(false);
      setNotice({ kind: 'success', text: t('me.passwordChanged') });
    } catch (caught) {
      const wrong = caught instanceof ApiError && caught.code === 'invalid_credentials';
      setNotice({ kind: 'error', text: wrong ? t('me.currentPasswordWrong') : errorMessage(t, caught) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card card-body section-card" aria-labelledby="password-title">
      <h2 id="password-title">{t('me.password')}</h2>
      <p className="section-hint">{t('me.passwordHint')}</p>
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {notice ? <FormAlert kind={notice.kind}>{notice.text}</FormAlert> : null}
        <PasswordField
          label={t('me.currentPassword')}
          name="currentPassword"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          error={submitted && !current ? t('auth.login.passwordRequired') : null}
          required
        />
        <div className="form-row">
          <PasswordField
            label={t('me.newPassword')}
            name="newPassword"
            autoComplete="new-password"
            value={next}
            onChange={(event) => setNext(event.target.value)}
            error={submitted && weak ? t('auth.signup.passwordWeak') : null}
            below={<PasswordRules rules={rules} />}
            required
          />
          <PasswordField
            label={t('me.confirmPassword')}
            name="confirmPassword"
            autoComplete="new-password"
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
            error={(submitted || confirm) && mismatch ? t('auth.signup.confirmMismatch') : null}
            required
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('me.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** My page: profile, password, "Download my data", account deletion (ORIGINAL #5). */
export default function MyPage() {
  const { t } = useTranslation();
  const { session } = useServices();
  const state = useSessionState();
  useDocumentTitle(t('me.title'));
  const cached = state.status === 'authenticated' ? state.user : null;
  const [user, setUser] = useState<User | null>(cached);
  const [loadError, setLoadError] = useState<string | null>(null);

  // The cached user shows at once (also offline); the server's copy replaces it when it arrives.
  useEffect(() => {
    let cancelled = false;
    session
      .authorized((token) => session.api.getMe(token))
      .then((fresh) => {
        if (cancelled) return;
        setUser(fresh);
        session.updateUser(fresh);
      })
      .catch((caught: unknown) => {
        if (!cancelled && !(caught instanceof ApiError && caught.isNetworkError))
          setLoadError(errorMessage(t, caught));
      });
    return () => {
      cancelled = true;
    };
  }, [session, t]);

  if (!user) return null;

  return (
    <div className="me-page">
      <div className="page-header">
        <div>
          <h1>{t('me.title')}</h1>
        </div>
      </div>
      {loadError ? <FormAlert kind="error">{loadError}</FormAlert> : null}
      <div className="stack">
        <ProfileSection
          user={user}
          onSaved={(updated) => {
            setUser(updated);
            session.updateUser(updated);
          }}
        />
        <MyPosts />
        <PasswordSection email={user.email} />
        <DownloadDataSection />
        <DeleteAccountSection />
      </div>
    </div>
  );
}
