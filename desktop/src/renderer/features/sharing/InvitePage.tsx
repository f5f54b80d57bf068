import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { filter, firstValueFrom, timeout } from 'rxjs';
import type { HamgajaDatabase } from '@hamgaja/shared';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../api/problem-messages';
import { FormAlert } from '../../app/forms';
import { CloudOffIcon, ShareIcon } from '../../app/icons';
import { PageLoading } from '../../app/PageLoading';
import { useServices, useSessionState } from '../../app/services';
import { useDocumentTitle } from '../../app/use-document-title';
import { useDatabaseState } from '../../data/DatabaseProvider';
import type { InvitePreview } from './sharing-api';
import { sharingClient } from './sharing-client';
import { membersStoreFor } from './use-trip-role';
import './sharing.css';

/** How long to wait for a joined trip to arrive on this device before opening it anyway. */
const ARRIVAL_TIMEOUT_MS = 20_000;

/** Resolves once the trip is in the local database (or after the timeout). */
async function tripArrived(db: HamgajaDatabase, tripId: string): Promise<void> {
  await firstValueFrom(
    db.trips.findOne(tripId).$.pipe(
      filter((doc) => doc !== null),
      timeout({ first: ARRIVAL_TIMEOUT_MS }),
    ),
  ).catch(() => undefined);
}

type Load =
  | { status: 'loading' }
  | { status: 'ready'; preview: InvitePreview }
  | { status: 'failed'; error: unknown };

/**
 * /invite/:code — who invites you to which trip, with which role; accepting joins the trip,
 * waits until its plans reached this device and opens it. (Logged-out visitors are sent to
 * log in and come back here.)
 */
export default function InvitePage() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams();
  const services = useServices();
  const session = useSessionState();
  const database = useDatabaseState();
  const navigate = useNavigate();
  const client = sharingClient(services);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [phase, setPhase] = useState<'idle' | 'accepting' | 'opening'>('idle');
  const [error, setError] = useState<unknown>(null);
  useDocumentTitle(t('sharing.invitePage.title'));

  const fetchPreview = useCallback(async () => {
    setLoad({ status: 'loading' });
    try {
      setLoad({ status: 'ready', preview: await client.previewInvite(code) });
    } catch (caught) {
      setLoad({ status: 'failed', error: caught });
    }
  }, [client, code]);

  useEffect(() => {
    void fetchPreview();
  }, [fetchPreview]);

  async function accept() {
    setPhase('accepting');
    setError(null);
    try {
      const { tripId } = await client.acceptInvite(code);
      setPhase('opening');
      if (session.status === 'authenticated') {
        // The new role is known before the trip page asks, so a viewer never sees edit controls.
        const store = membersStoreFor(services, session.user.id);
        await store.refresh(tripId);
      }
      if (database.status === 'ready') {
        database.syncNow();
        await tripArrived(database.db, tripId);
      }
      void navigate(`/trips/${encodeURIComponent(tripId)}`, { replace: true });
    } catch (caught) {
      setError(caught);
      setPhase('idle');
    }
  }

  const describe = (caught: unknown) =>
    caught instanceof ApiError && caught.isNetworkError
      ? t('sharing.invitePage.offline')
      : errorMessage(t, caught);

  if (load.status === 'loading') return <PageLoading />;

  return (
    <div className="invite-page">
      <section className="card card-body invite-card" aria-labelledby="invite-title">
        <span className="invite-icon" aria-hidden="true">
          {load.status === 'failed' && load.error instanceof ApiError && load.error.isNetworkError ? (
            <CloudOffIcon />
          ) : (
            <ShareIcon />
          )}
        </span>
        <h1 id="invite-title">{t('sharing.invitePage.title')}</h1>
        {load.status === 'failed' ? (
          <>
            <FormAlert kind="error">{describe(load.error)}</FormAlert>
            <div className="form-actions invite-actions">
              {load.error instanceof ApiError && load.error.isNetworkError ? (
                <button type="button" className="button button-primary" onClick={() => void fetchPreview()}>
                  {t('common.retry')}
                </button>
              ) : null}
              <Link className="button button-ghost" to="/trips">
                {t('sharing.invitePage.toTrips')}
              </Link>
            </div>
          </>
        ) : (
          <>
            <p className="invite-lead">
              {t('sharing.invitePage.lead', { name: load.preview.invitedBy, title: load.preview.tripTitle })}
            </p>
            <dl className="invite-facts">
              <div>
                <dt>{t('sharing.invite.role')}</dt>
                <dd>
                  <span className={`role-badge role-${load.preview.role}`}>
                    {t(`sharing.roles.${load.preview.role}`)}
                  </span>{' '}
                  <span className="muted">{t(`sharing.roleHints.${load.preview.role}`)}</span>
                </dd>
              </div>
              <div>
                <dt>{t('sharing.invitePage.validUntil')}</dt>
                <dd>
                  {new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(
                    new Date(load.preview.expiresAt),
                  )}
                </dd>
              </div>
            </dl>
            {error ? <FormAlert kind="error">{describe(error)}</FormAlert> : null}
            {phase === 'opening' ? (
              <p className="invite-opening" role="status">
                <span className="spinner" aria-hidden="true" />
                {t('sharing.invitePage.opening')}
              </p>
            ) : null}
            <div className="form-actions invite-actions">
              <button
                type="button"
                className="button button-primary button-large"
                disabled={phase !== 'idle'}
                aria-busy={phase !== 'idle'}
                onClick={() => void accept()}
              >
                {phase === 'accepting' ? t('sharing.invitePage.accepting') : t('sharing.invitePage.accept')}
              </button>
              <Link className="button button-ghost button-large" to="/trips">
                {t('sharing.invitePage.decline')}
              </Link>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
