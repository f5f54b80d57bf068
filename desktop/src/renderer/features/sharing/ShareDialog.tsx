import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../api/problem-messages';
import { FormAlert } from '../../app/forms';
import { CalendarIcon, CloseIcon, CloudOffIcon, CopyIcon, TrashIcon } from '../../app/icons';
import { useModalDialog } from '../../app/modal-dialog';
import { useServices, useSessionState, useSyncStatus, webOrigin } from '../../app/services';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { useTrip } from '../../data/hooks';
import {
  calendarFeedUrls,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
  type GrantableRole,
  type Invite,
  type Member,
} from './sharing-api';
import { sharingClient } from './sharing-client';
import { useTripMembers, useTripRole } from './use-trip-role';
import './sharing.css';

/** Invite lifetimes offered, in hours (the server allows 1..720). */
export const inviteExpiries = [24, 168, 720] as const;
type Expiry = (typeof inviteExpiries)[number];
const expiryKey = { 24: 'day1', 168: 'day7', 720: 'day30' } as const;

type Notice = { kind: 'error' | 'success' | 'info'; text: string } | null;

/** The message for a failed sharing call; "offline" gets its own explanation. */
function useSharingError() {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown, context?: 'invite'): string => {
      if (error instanceof ApiError && error.isNetworkError) return t('sharing.offline');
      if (context === 'invite' && error instanceof ApiError && error.status === 404)
        return t('sharing.notOnServer');
      return errorMessage(t, error);
    },
    [t],
  );
}

function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Copies text, falling back to selecting it when the clipboard is not available. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    return false;
  }
}

/** The link of an invite, at the address the owner uses the app at (not the server's configured one). */
export function inviteUrl(code: string, origin: string): string {
  return `${origin}/invite/${encodeURIComponent(code)}`;
}

function InviteSection({ tripId, onChanged }: { tripId: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const client = sharingClient(services);
  const describe = useSharingError();
  const roleId = useId();
  const expiryId = useId();
  const [role, setRole] = useState<GrantableRole>('editor');
  const [expiry, setExpiry] = useState<Expiry>(168);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Invite | null>(null);
  // Built here from the address in use: the server's `url` follows its PUBLIC_URL, which may not be it.
  const createdUrl = created ? inviteUrl(created.code, webOrigin(services.apiBaseUrl)) : null;
  const [invites, setInvites] = useState<Invite[] | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const load = useCallback(async () => {
    try {
      setInvites(await client.listInvites(tripId));
    } catch (error) {
      setInvites([]);
      if (!(error instanceof ApiError && error.status === 404))
        setNotice({ kind: 'error', text: describe(error) });
    }
  }, [client, tripId, describe]);

  useEffect(() => {
    void load();
  }, [load]);

  async function onCreate(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      const invite = await client.createInvite(tripId, { role, expiresInHours: expiry });
      setCreated(invite);
      await load();
      onChanged();
    } catch (error) {
      setNotice({ kind: 'error', text: describe(error, 'invite') });
    } finally {
      setBusy(false);
    }
  }

  async function onRevoke(invite: Invite) {
    setNotice(null);
    try {
      await client.revokeInvite(tripId, invite.code);
      if (created?.code === invite.code) setCreated(null);
      await load();
    } catch (error) {
      setNotice({ kind: 'error', text: describe(error) });
    }
  }

  return (
    <section className="share-section" aria-labelledby={`${roleId}-title`}>
      <h3 id={`${roleId}-title`}>{t('sharing.invite.title')}</h3>
      <p className="share-hint">{t('sharing.invite.hint')}</p>
      <form className="invite-form" onSubmit={(event) => void onCreate(event)}>
        <div className="field">
          <label className="field-label" htmlFor={roleId}>
            {t('sharing.invite.role')}
          </label>
          <select
            id={roleId}
            className="select"
            value={role}
            aria-describedby={`${roleId}-hint`}
            onChange={(event) => setRole(event.target.value as GrantableRole)}
          >
            <option value="editor">{t('sharing.roles.editor')}</option>
            <option value="viewer">{t('sharing.roles.viewer')}</option>
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={expiryId}>
            {t('sharing.invite.expiry')}
          </label>
          <select
            id={expiryId}
            className="select"
            value={expiry}
            onChange={(event) => setExpiry(Number(event.target.value) as Expiry)}
          >
            {inviteExpiries.map((hours) => (
              <option key={hours} value={hours}>
                {t(`sharing.invite.expiries.${expiryKey[hours]}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {busy ? t('sharing.invite.creating') : t('sharing.invite.create')}
        </button>
      </form>
      <p id={`${roleId}-hint`} className="field-hint invite-role-hint">
        {t(`sharing.roleHints.${role}`)}
      </p>
      {notice ? <FormAlert kind={notice.kind}>{notice.text}</FormAlert> : null}
      {created && createdUrl ? (
        <CopyableLink
          key={createdUrl}
          className="invite-result"
          label={t('sharing.invite.link', { role: t(`sharing.roles.${created.role}`) })}
          value={createdUrl}
        />
      ) : null}
      <h4 className="share-subtitle">{t('sharing.invite.active')}</h4>
      {invites === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : invites.length === 0 ? (
        <p className="muted">{t('sharing.invite.none')}</p>
      ) : (
        <ul className="invite-list" aria-label={t('sharing.invite.active')}>
          {invites.map((invite) => (
            <li key={invite.code} className="invite-row">
              <span className={`role-badge role-${invite.role}`}>{t(`sharing.roles.${invite.role}`)}</span>
              <span className="invite-meta">
                {t('sharing.invite.expires', { date: formatDateTime(invite.expiresAt, i18n.language) })}
                {' · '}
                {t('sharing.invite.uses', { count: invite.uses })}
              </span>
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={t('sharing.invite.revokeLabel', {
                  role: t(`sharing.roles.${invite.role}`),
                  date: formatDateTime(invite.expiresAt, i18n.language),
                })}
                onClick={() => void onRevoke(invite)}
              >
                {t('sharing.invite.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A link to hand on (an invite, a calendar feed) with its copy button and what copying did, and a
 * link opening it when `openLabel` is given.
 */
function CopyableLink({
  label,
  value,
  copyLabel,
  openLabel,
  className,
}: {
  label: string;
  value: string;
  /** The copy button's accessible name, when "Copy" alone would not say which link. */
  copyLabel?: string;
  openLabel?: string;
  className: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  return (
    <div className={className}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="invite-link-row">
        <input
          id={id}
          ref={input}
          className="input"
          value={value}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className="button"
          aria-label={copyLabel}
          onClick={() => void copyText(value, input.current).then((ok) => setCopied(ok ? 'yes' : 'failed'))}
        >
          <CopyIcon />
          {t('sharing.invite.copy')}
        </button>
      </div>
      {openLabel ? (
        <a href={value} className="feed-open">
          <CalendarIcon />
          {openLabel}
        </a>
      ) : null}
      <span className={copied === 'failed' ? 'field-hint' : 'field-ok'} role="status">
        {copied === 'yes'
          ? t('sharing.invite.copied')
          : copied === 'failed'
            ? t('sharing.invite.copyFailed')
            : ''}
      </span>
    </div>
  );
}

/**
 * The owner's calendar subscription: a private feed URL calendar apps poll. The server keeps only
 * a hash of its token, so the URL is shown once, right after it is made; later the section only
 * says a feed is on, and a new URL means rotating.
 */
function CalendarFeedSection({ tripId, offline }: { tripId: string; offline: boolean }) {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const client = sharingClient(services);
  const describe = useSharingError();
  const titleId = useId();
  const [status, setStatus] = useState<CalendarFeedStatus | null>(null);
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [confirming, setConfirming] = useState<'rotate' | 'revoke' | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  // The feed speaks the app's language; Korean unless English is chosen.
  const lang = i18n.language.startsWith('en') ? 'en' : 'ko';
  const urls = created ? calendarFeedUrls(created.token, services.apiBaseUrl, window.location.origin) : null;
  const withLang = (url: string) => `${url}?lang=${lang}`;

  useEffect(() => {
    if (offline) return;
    let live = true;
    client.calendarFeed(tripId).then(
      (answer) => {
        if (live) setStatus(answer);
      },
      (error: unknown) => {
        if (!live) return;
        setStatus({ active: false, createdAt: null, rotatedAt: null });
        setNotice({ kind: 'error', text: describe(error, 'invite') });
      },
    );
    return () => {
      live = false;
    };
  }, [client, tripId, offline, describe]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setNotice(null);
    try {
      await action();
    } catch (error) {
      setNotice({ kind: 'error', text: describe(error, 'invite') });
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }

  const create = () =>
    run(async () => {
      const feed = await client.createCalendarFeed(tripId);
      setCreated(feed);
      setStatus({ active: true, createdAt: feed.createdAt, rotatedAt: feed.rotatedAt });
    });
  const revoke = () =>
    run(async () => {
      await client.revokeCalendarFeed(tripId);
      setCreated(null);
      setStatus({ active: false, createdAt: null, rotatedAt: null });
      setNotice({ kind: 'success', text: t('sharing.calendar.revoked') });
    });

  const since = status?.active && status.createdAt ? (status.rotatedAt ?? status.createdAt) : null;

  return (
    <section className="share-section calendar-feed" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <CalendarIcon /> {t('sharing.calendar.title')}
      </h3>
      <p className="share-hint">{t('sharing.calendar.hint')}</p>
      {offline ? (
        <p className="muted">{t('sharing.calendar.offline')}</p>
      ) : status === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          {notice ? <FormAlert kind={notice.kind}>{notice.text}</FormAlert> : null}
          {urls ? (
            <div className="invite-result feed-result">
              <CopyableLink
                className="feed-link"
                label={t('sharing.calendar.httpsLink')}
                value={withLang(urls.url)}
                copyLabel={t('sharing.calendar.copyLabel', { link: t('sharing.calendar.httpsLink') })}
              />
              <CopyableLink
                className="feed-link"
                label={t('sharing.calendar.webcalLink')}
                value={withLang(urls.webcalUrl)}
                copyLabel={t('sharing.calendar.copyLabel', { link: t('sharing.calendar.webcalLink') })}
                openLabel={t('sharing.calendar.openInApp')}
              />
              <p className="field-hint">{t('sharing.calendar.onlyOnce')}</p>
              <ul className="feed-howto" aria-label={t('sharing.calendar.howto')}>
                <li>
                  <strong>Google:</strong> {t('sharing.calendar.google')}
                </li>
                <li>
                  <strong>Apple:</strong> {t('sharing.calendar.apple')}
                </li>
                <li>
                  <strong>Outlook:</strong> {t('sharing.calendar.outlook')}
                </li>
              </ul>
              <p className="field-hint">{t('sharing.calendar.refresh')}</p>
            </div>
          ) : status.active && since ? (
            <p className="feed-state">
              {t('sharing.calendar.active', { date: formatDateTime(since, i18n.language) })}
            </p>
          ) : null}
          {confirming ? (
            <InlineConfirm
              role="group"
              aria-label={t(`sharing.calendar.${confirming}`)}
              message={t(`sharing.calendar.${confirming}Confirm`)}
              action={t(`sharing.calendar.${confirming}`)}
              busy={busy}
              onCancel={() => setConfirming(null)}
              onConfirm={() => void (confirming === 'rotate' ? create() : revoke())}
            />
          ) : status.active ? (
            <div className="feed-actions">
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => setConfirming('rotate')}
              >
                {t('sharing.calendar.rotate')}
              </button>
              <button
                type="button"
                className="button button-ghost danger-text"
                disabled={busy}
                onClick={() => setConfirming('revoke')}
              >
                {t('sharing.calendar.revoke')}
              </button>
            </div>
          ) : (
            <div className="feed-actions">
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                aria-busy={busy}
                onClick={() => void create()}
              >
                {busy ? t('sharing.invite.creating') : t('sharing.calendar.create')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function MemberRow({
  tripId,
  member,
  me,
  canManage,
  onChanged,
  onError,
}: {
  tripId: string;
  member: Member;
  me: string | null;
  canManage: boolean;
  onChanged: () => Promise<void>;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const client = sharingClient(useServices());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const isMe = member.userId === me;
  const editable = canManage && member.role !== 'owner';
  const name = member.displayName || t('sharing.members.unnamed');

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    try {
      await action();
      await onChanged();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <li className="member-row" aria-label={name}>
      <span className="avatar" aria-hidden="true">
        {name.slice(0, 1).toUpperCase()}
      </span>
      <span className="member-name">
        <strong>{name}</strong>
        {isMe ? <span className="muted"> {t('sharing.members.you')}</span> : null}
      </span>
      {editable ? (
        <select
          className="select"
          aria-label={t('sharing.members.roleOf', { name })}
          value={member.role}
          disabled={busy}
          onChange={(event) =>
            void run(() => client.changeRole(tripId, member.userId, event.target.value as GrantableRole))
          }
        >
          <option value="editor">{t('sharing.roles.editor')}</option>
          <option value="viewer">{t('sharing.roles.viewer')}</option>
        </select>
      ) : (
        <span className={`role-badge role-${member.role}`}>{t(`sharing.roles.${member.role}`)}</span>
      )}
      {editable ? (
        <button
          type="button"
          className="icon-button"
          aria-label={t('sharing.members.removeLabel', { name })}
          disabled={busy}
          onClick={() => setConfirming(true)}
        >
          <TrashIcon />
        </button>
      ) : null}
      {confirming ? (
        <InlineConfirm
          role="group"
          aria-label={t('sharing.members.removeLabel', { name })}
          message={t('sharing.members.removeConfirm', { name })}
          action={t('sharing.members.remove')}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void run(() => client.removeMember(tripId, member.userId))}
        />
      ) : null}
    </li>
  );
}

/** "Sure?" in place: the question, Cancel and the (danger) action. */
function InlineConfirm({
  message,
  action,
  busy,
  onCancel,
  onConfirm,
  ...group
}: {
  message: string;
  action: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  role?: 'group';
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="member-confirm" {...group}>
      <span>{message}</span>
      <button type="button" className="button button-ghost button-small" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="button" className="button button-danger button-small" disabled={busy} onClick={onConfirm}>
        {action}
      </button>
    </div>
  );
}

function LeaveSection({ tripId, me, onLeft }: { tripId: string; me: string; onLeft: () => void }) {
  const { t } = useTranslation();
  const client = sharingClient(useServices());
  const describe = useSharingError();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function leave() {
    setBusy(true);
    setError(null);
    try {
      await client.removeMember(tripId, me);
      onLeft();
    } catch (caught) {
      setError(describe(caught));
      setBusy(false);
    }
  }

  return (
    <section className="share-section share-leave">
      {error ? <FormAlert kind="error">{error}</FormAlert> : null}
      {confirming ? (
        <InlineConfirm
          message={t('sharing.leave.confirm')}
          action={t('sharing.leave.action')}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void leave()}
        />
      ) : (
        <button type="button" className="button button-ghost danger-text" onClick={() => setConfirming(true)}>
          {t('sharing.leave.button')}
        </button>
      )}
    </section>
  );
}

function ShareDialogBody({ tripId, onClose }: { tripId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSessionState();
  const me = session.status === 'authenticated' ? session.user.id : null;
  const database = useDatabaseState();
  const { online } = useSyncStatus();
  const trip = useTrip(tripId);
  const access = useTripRole(tripId);
  const members = useTripMembers(tripId);
  const describe = useSharingError();
  const [notice, setNotice] = useState<Notice>(null);
  const { refresh } = members;

  // Opening the dialog asks for the current members at once.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const offline = !online || members.state === 'offline';
  const title = trip.status === 'ready' ? (trip.data?.title ?? '') : '';
  const list = members.members ?? [];

  return (
    <div className="dialog-body share-body">
      <div className="share-header">
        <h2 id={`share-${tripId}-title`}>{t('sharing.title', { title })}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      {offline ? (
        <div className="alert alert-info share-offline" role="status">
          <CloudOffIcon />
          <span>{t('sharing.offline')}</span>
        </div>
      ) : null}
      {notice ? <FormAlert kind={notice.kind}>{notice.text}</FormAlert> : null}
      {!offline && access.canManage ? (
        <InviteSection tripId={tripId} onChanged={() => void refresh()} />
      ) : null}
      <section className="share-section" aria-labelledby={`share-${tripId}-members`}>
        <h3 id={`share-${tripId}-members`}>{t('sharing.members.title')}</h3>
        {members.state === 'not_member' && access.role === 'owner' ? (
          <p className="muted">{t('sharing.notOnServer')}</p>
        ) : list.length === 0 ? (
          <p className="muted">{offline ? t('sharing.members.unknownOffline') : t('common.loading')}</p>
        ) : (
          <ul className="member-list" aria-label={t('sharing.members.title')}>
            {list.map((member) => (
              <MemberRow
                key={member.userId}
                tripId={tripId}
                member={member}
                me={me}
                canManage={access.canManage && !offline}
                onChanged={refresh}
                onError={(error) => setNotice({ kind: 'error', text: describe(error) })}
              />
            ))}
          </ul>
        )}
      </section>
      {access.canManage ? <CalendarFeedSection tripId={tripId} offline={offline} /> : null}
      {me && !offline && access.role && access.role !== 'owner' ? (
        <LeaveSection
          tripId={tripId}
          me={me}
          onLeft={() => {
            if (database.status === 'ready') database.syncNow();
            onClose();
            void navigate('/trips', { replace: true });
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * Sharing a trip: invite links (owner), members and their roles (owner changes and removes),
 * the calendar subscription (owner), leaving (others). Everything here needs the server; offline it says so.
 */
export function ShareDialog({
  tripId,
  open,
  onClose,
}: {
  tripId: string;
  open: boolean;
  onClose: () => void;
}) {
  const dialog = useModalDialog(open);

  return (
    <dialog
      ref={dialog}
      className="dialog share-dialog"
      aria-labelledby={`share-${tripId}-title`}
      onClose={() => {
        if (open) onClose();
      }}
    >
      {open ? <ShareDialogBody tripId={tripId} onClose={onClose} /> : null}
    </dialog>
  );
}
