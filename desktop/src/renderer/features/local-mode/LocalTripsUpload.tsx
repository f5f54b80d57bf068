import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HamgajaDatabase } from '@hamgaja/shared';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { isDesktopServerMode, LOCAL_PROFILE_ID, LOCAL_PROFILE_USED_KEY } from './local-mode';
import { localTripsToUpload, uploadLocalTrips } from './upload-local-trips';
import './local-mode.css';

type OpenLocal = () => Promise<HamgajaDatabase>;

const openLocalProfile: OpenLocal = async () => {
  const { openUserDatabase } = await import('../../data/database');
  return openUserDatabase(LOCAL_PROFILE_ID);
};

/** Settles once the last handle on the local profile's database is closed. */
let closingPrevious: Promise<void> = Promise.resolve();

type Offer =
  | { step: 'none' }
  | { step: 'offer' | 'uploading'; tripIds: string[] }
  | { step: 'done'; count: number }
  | { step: 'failed'; tripIds: string[] };

/**
 * In the desktop app connected to a server, once a user is logged in: offers to copy the trips
 * made earlier in local-only mode into the account. Renders nothing on the web, in local-only
 * mode, or when this computer never used the local profile.
 */
export function LocalTripsUpload({ openLocal = openLocalProfile }: { openLocal?: OpenLocal }) {
  const { t } = useTranslation();
  const database = useDatabaseState();
  const [offer, setOffer] = useState<Offer>({ step: 'none' });
  const [local, setLocal] = useState<HamgajaDatabase | null>(null);
  const account = database.status === 'ready' && database.userId !== LOCAL_PROFILE_ID ? database : null;
  const userId = account?.userId ?? null;

  useEffect(() => {
    setOffer({ step: 'none' });
    if (!userId || !isDesktopServerMode() || localStorage.getItem(LOCAL_PROFILE_USED_KEY) !== '1') return;
    let cancelled = false;
    // One handle at a time: a new one waits for the previous one to close (RxDB refuses duplicates).
    const opening = closingPrevious.then(() => openLocal());
    void opening
      .then(async (opened) => {
        const tripIds = await localTripsToUpload(opened, localStorage, userId);
        if (cancelled) return;
        setLocal(opened);
        if (tripIds.length > 0) setOffer({ step: 'offer', tripIds });
      })
      .catch((error: unknown) => console.error('Reading the local-only trips failed', error));
    return () => {
      cancelled = true;
      setLocal(null);
      closingPrevious = opening.then(
        (opened) => opened.close().then(() => undefined),
        () => undefined,
      );
    };
  }, [userId, openLocal]);

  if (offer.step === 'none' || !account || !local) return null;

  const upload = (tripIds: string[]) => {
    setOffer({ step: 'uploading', tripIds });
    uploadLocalTrips(local, account.db, localStorage, account.userId, tripIds)
      .then((created) => {
        setOffer({ step: 'done', count: created.length });
        account.syncNow();
      })
      .catch((error: unknown) => {
        console.error('Uploading the local-only trips failed', error);
        setOffer({ step: 'failed', tripIds });
      });
  };

  return (
    <section className="local-upload card" role="region" aria-label={t('localMode.uploadTitle')}>
      <h2>{t('localMode.uploadTitle')}</h2>
      {offer.step === 'done' ? (
        <>
          <p role="status">{t('localMode.uploaded', { count: offer.count })}</p>
          <div className="local-upload-actions">
            <button type="button" className="button" onClick={() => setOffer({ step: 'none' })}>
              {t('localMode.close')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t('localMode.uploadBody', { count: offer.tripIds.length })}</p>
          {offer.step === 'failed' ? (
            <p role="alert" className="form-error">
              {t('localMode.uploadFailed')}
            </p>
          ) : null}
          <div className="local-upload-actions">
            <button
              type="button"
              className="button"
              disabled={offer.step === 'uploading'}
              onClick={() => setOffer({ step: 'none' })}
            >
              {t('localMode.notNow')}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={offer.step === 'uploading'}
              onClick={() => upload(offer.tripIds)}
            >
              {offer.step === 'uploading' ? t('localMode.uploading') : t('localMode.upload')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
