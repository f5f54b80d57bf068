import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ktoContentTypes, ktoSido, type AttractionDetail } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { ChevronLeftIcon, PinIcon, PlusIcon } from '../../app/icons';
import { PageLoading } from '../../app/PageLoading';
import { useServices } from '../../app/services';
import { useDocumentTitle } from '../../app/use-document-title';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../trips/format';
import { categoryColors } from '../trips/categories';
import { AddToTripDialog, type AddedStop } from './AddToTripDialog';
import { categoryOfContentType } from './add-to-trip';
import { AttractionMap } from './AttractionMap';
import { getAttraction } from './catalog-api';
import { offlineCatalog, useOnline } from './catalog-services';
import { AttractionOverview } from './AttractionOverview';
import { PhotoGallery } from './PhotoGallery';
import { PlacePlaceholder } from './PlacePlaceholder';
import { AttractionTip } from '../ai';
import './catalog.css';

type State =
  | { status: 'loading' }
  | { status: 'ready'; attraction: AttractionDetail; source: 'online' | 'offline' }
  | { status: 'missing' }
  | { status: 'failed'; offline: boolean };

/** /attractions/:id — one place (ORIGINAL #9): photos, contact, map, overview, "add to trip". */
export default function AttractionPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { apiBaseUrl } = useServices();
  const online = useOnline();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<AddedStop | null>(null);
  const tripId = params.get('trip');
  const dayParam = params.get('day');
  useDocumentTitle(state.status === 'ready' ? state.attraction.title : t('search.title'));

  useEffect(() => {
    const controller = new AbortController();
    setState((current) =>
      current.status === 'ready' && current.attraction.id === id ? current : { status: 'loading' },
    );
    getAttraction(apiBaseUrl, offlineCatalog(), id, controller.signal)
      .then((found) => {
        if (controller.signal.aborted) return;
        setState(
          found ? { status: 'ready', attraction: found.data, source: found.source } : { status: 'missing' },
        );
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        console.warn('Loading the attraction failed', error);
        setState({ status: 'failed', offline: (error as { code?: string }).code === 'network' });
      });
    return () => controller.abort();
  }, [apiBaseUrl, id, online]);

  // One array per place, not per render: a new one re-fits the map (e.g. on a language switch).
  const mapItems = useMemo(
    () =>
      state.status === 'ready' && state.attraction.lat !== null && state.attraction.lng !== null
        ? [state.attraction]
        : [],
    [state],
  );
  const back = (
    <button
      type="button"
      className="catalog-back"
      onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/search'))}
    >
      <ChevronLeftIcon />
      {t('catalog.detail.back')}
    </button>
  );

  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'missing' || state.status === 'failed') {
    return (
      <section className="center-page">
        <h1>{state.status === 'missing' ? t('catalog.detail.notFoundTitle') : t('catalog.detail.failed')}</h1>
        <p>
          {state.status === 'missing'
            ? t('catalog.detail.notFoundBody')
            : state.offline
              ? t('catalog.detail.offlineMissing')
              : t('catalog.failed')}
        </p>
        <Link to="/search" className="button button-primary">
          {t('search.title')}
        </Link>
      </section>
    );
  }

  const a = state.attraction;
  const sido = ktoSido.find((s) => s.code === a.sido);
  const gugun = sido?.gugun.find((g) => g.code === a.gugun);
  const type = ktoContentTypes.find((c) => c.id === a.contentTypeId);
  const category = categoryOfContentType(a.contentTypeId);
  const address = [a.addr1, a.addr2].filter(Boolean).join(' ');
  const tags = [sido?.name[language], gugun?.name[language], type?.name[language]].filter(
    Boolean,
  ) as string[];
  const hasPoint = a.lat !== null && a.lng !== null;

  return (
    <article className="attraction-page">
      {back}
      {state.source === 'offline' ? (
        <FormAlert kind="info">{t('catalog.detail.offlineSource')}</FormAlert>
      ) : null}
      {added ? (
        <div className="alert alert-success catalog-added" role="status">
          <span>{t('catalog.add.added', { trip: added.tripTitle, day: added.day + 1 })}</span>
          <Link className="button button-ghost" to={`/trips/${encodeURIComponent(added.tripId)}`}>
            {t('catalog.add.openTrip')}
          </Link>
        </div>
      ) : null}
      <header className="attraction-head">
        <div>
          <ul className="attraction-tags" aria-label={t('catalog.types')}>
            {tags.map((tag) => (
              <li key={tag} className={`type-tag type-${a.contentTypeId}`}>
                {tag}
              </li>
            ))}
          </ul>
          <h1>{a.title}</h1>
          {a.titleEn && a.titleEn !== a.title ? <p className="attraction-title-en">{a.titleEn}</p> : null}
        </div>
        <button
          type="button"
          className="button button-primary"
          style={{ ['--category' as string]: categoryColors[category] }}
          onClick={() => setAdding(true)}
        >
          <PlusIcon />
          {t('catalog.addToTrip')}
        </button>
      </header>

      <div className="attraction-layout">
        <div className="attraction-main">
          {a.images.length > 0 ? (
            <PhotoGallery name={a.title} images={a.images} />
          ) : (
            <PlacePlaceholder contentTypeId={a.contentTypeId} variant="hero" />
          )}
          <AttractionOverview attraction={a} language={language} />
        </div>
        <aside className="attraction-side">
          <AttractionTip attractionId={a.id} />
          <dl className="card attraction-facts">
            {address ? (
              <div>
                <dt>{t('catalog.detail.address')}</dt>
                <dd>
                  {a.zipcode ? <span className="muted">({a.zipcode}) </span> : null}
                  {address}
                </dd>
              </div>
            ) : null}
            {a.tel ? (
              <div>
                <dt>{t('catalog.detail.phone')}</dt>
                <dd>
                  <a href={`tel:${a.tel.replace(/[^\d+]/g, '')}`}>{a.tel}</a>
                  {a.telName ? <span className="muted"> · {a.telName}</span> : null}
                </dd>
              </div>
            ) : null}
            {a.homepage && /^https?:\/\//i.test(a.homepage) ? (
              <div>
                <dt>{t('catalog.detail.homepage')}</dt>
                <dd>
                  <a
                    href={a.homepage}
                    target="_blank"
                    rel="noopener noreferrer nofollow"
                    className="attraction-homepage"
                  >
                    {a.homepage.replace(/^https?:\/\//i, '').replace(/\/$/, '')}
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
          {hasPoint ? (
            <section className="card attraction-location" aria-labelledby="location-title">
              <h2 id="location-title">
                <PinIcon />
                {t('catalog.detail.location')}
              </h2>
              <AttractionMap
                attractions={mapItems}
                single
                label={t('catalog.map.placeLabel', { name: a.title })}
                className="catalog-map-small"
              />
            </section>
          ) : null}
          <footer className="attraction-source">
            <strong>{t('catalog.detail.source')}</strong>
            {a.source === 'kto' ? <p>{t('catalog.detail.ktoAttribution')}</p> : null}
            {a.attribution ? <p>{a.attribution}</p> : null}
            {a.license ? <p>{t('catalog.detail.license', { license: a.license })}</p> : null}
            {a.modifiedAt ? (
              <p>{t('catalog.detail.updated', { date: formatDate(a.modifiedAt.slice(0, 10), language) })}</p>
            ) : null}
          </footer>
        </aside>
      </div>

      <AddToTripDialog
        attraction={adding ? a : null}
        defaultTripId={tripId}
        defaultDay={dayParam && /^\d{1,3}$/.test(dayParam) ? Number(dayParam) : null}
        onClose={() => setAdding(false)}
        onAdded={(stop) => {
          setAdding(false);
          setAdded(stop);
        }}
      />
    </article>
  );
}
