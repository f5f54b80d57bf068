import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  ktoContentTypes,
  ktoSido,
  type AttractionSearchResult,
  type AttractionSummary,
} from '@hamgaja/shared';
import { FormAlert, SearchTextTooLong, searchTextTooLong } from '../../app/forms';
import { CloseIcon, PinIcon, PlusIcon, SearchIcon } from '../../app/icons';
import { useServices } from '../../app/services';
import { useDocumentTitle } from '../../app/use-document-title';
import { useTrip } from '../../data/hooks';
import { currentLanguage, type Language } from '../../i18n';
import { AddToTripDialog, type AddedStop } from './AddToTripDialog';
import { AttractionMap } from './AttractionMap';
import { getRegions, searchAttractions } from './catalog-api';
import {
  filterChips,
  paramsFromQuery,
  queryFromParams,
  searchOf,
  withoutChip,
  type CatalogQuery,
  type FilterChip,
} from './catalog-query';
import { offlineCatalog, useOnline } from './catalog-services';
import { PlacePlaceholder } from './PlacePlaceholder';
import { RegionDownloads } from './RegionDownloads';
import './catalog.css';

type SearchState =
  | { status: 'loading'; previous: AttractionSearchResult | null }
  | { status: 'ready'; result: AttractionSearchResult; source: 'online' | 'offline' }
  | { status: 'failed'; offline: boolean };

const typeName = (id: number, language: Language) =>
  ktoContentTypes.find((t) => t.id === id)?.name[language] ?? String(id);
const sidoOf = (code: number | undefined) => ktoSido.find((s) => s.code === code);

/** /search — the attractions catalog (ORIGINAL #7, #8): filters in the address, results on a list and a map. */
export default function SearchPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { apiBaseUrl } = useServices();
  const navigate = useNavigate();
  const online = useOnline();
  const ids = useId();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const search = useMemo(() => searchOf(query), [query]);
  const searchKey = JSON.stringify(search);
  const [keyword, setKeyword] = useState(query.q);
  const [state, setState] = useState<SearchState>({ status: 'loading', previous: null });
  const [attempt, setAttempt] = useState(0);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [adding, setAdding] = useState<AttractionSummary | null>(null);
  const [added, setAdded] = useState<AddedStop | null>(null);
  const [counts, setCounts] = useState<Map<number, number> | null>(null);
  const tripId = params.get('trip');
  const dayParam = params.get('day');
  const contextDay = dayParam && /^\d{1,3}$/.test(dayParam) ? Number(dayParam) : null;
  const contextTrip = useTrip(tripId ?? '-');
  const tripTitle = tripId && contextTrip.status === 'ready' ? contextTrip.data?.title : undefined;
  useDocumentTitle(query.q ? t('search.query', { query: query.q }) : t('search.title'));

  // The box follows the address (Back, a chip removed, a link from the home page).
  useEffect(() => setKeyword(query.q), [query.q]);

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({
      status: 'loading',
      previous:
        current.status === 'ready' ? current.result : current.status === 'loading' ? current.previous : null,
    }));
    searchAttractions(apiBaseUrl, offlineCatalog(), search, controller.signal)
      .then(({ data, source }) => {
        if (!controller.signal.aborted) setState({ status: 'ready', result: data, source });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        console.warn('Attraction search failed', error);
        setState({ status: 'failed', offline: (error as { code?: string }).code === 'network' });
      });
    return () => controller.abort();
    // searchKey stands for `search`; `online` retries when the connection changes.
  }, [apiBaseUrl, searchKey, online, attempt]);

  useEffect(() => {
    const controller = new AbortController();
    getRegions(apiBaseUrl, controller.signal)
      .then((regions) => regions && setCounts(new Map(regions.map((r) => [r.code, r.attractionCount]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [apiBaseUrl]);

  const update = useCallback(
    (next: CatalogQuery) => {
      setFocusId(null);
      setParams((current) => paramsFromQuery(next, current));
    },
    [setParams],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (searchTextTooLong(keyword)) return;
    update({
      ...query,
      q: keyword,
      page: 1,
      sort: keyword.trim() ? query.sort : query.sort === 'relevance' ? undefined : query.sort,
    });
  };

  const toggleType = (id: number) =>
    update({
      ...query,
      page: 1,
      type: query.type.includes(id) ? query.type.filter((x) => x !== id) : [...query.type, id],
    });

  const chipLabel = (chip: FilterChip): string => {
    if (chip.kind === 'q') return t('catalog.keywordChip', { query: chip.value });
    if (chip.kind === 'sido') return sidoOf(chip.value)?.name[language] ?? String(chip.value);
    if (chip.kind === 'near') return t('catalog.nearChip', { km: chip.value });
    if (chip.kind === 'gugun')
      return (
        sidoOf(query.sido)?.gugun.find((g) => g.code === chip.value)?.name[language] ?? String(chip.value)
      );
    return typeName(chip.value, language);
  };

  const result = state.status === 'ready' ? state.result : state.status === 'loading' ? state.previous : null;
  const items = result?.items ?? [];
  const chips = filterChips(query);
  const region = sidoOf(query.sido);
  const openDetails = (id: string) =>
    navigate(
      `/attractions/${encodeURIComponent(id)}${tripId ? `?${new URLSearchParams({ trip: tripId, ...(dayParam ? { day: dayParam } : {}) })}` : ''}`,
    );
  const detailsHref = (id: string) =>
    `/attractions/${encodeURIComponent(id)}${tripId ? `?${new URLSearchParams({ trip: tripId, ...(dayParam ? { day: dayParam } : {}) })}` : ''}`;

  return (
    <div className="catalog-page">
      <div className="page-header">
        <div>
          <h1>{t('search.title')}</h1>
          <p>{t('catalog.subtitle')}</p>
        </div>
      </div>

      {tripId ? (
        <div className="alert alert-info catalog-trip-context">
          <span>{t('catalog.tripContext', { trip: tripTitle ?? '…' })}</span>
          <Link to={`/trips/${encodeURIComponent(tripId)}`} className="button button-ghost">
            {t('catalog.backToTrip')}
          </Link>
        </div>
      ) : null}

      <form className="card catalog-filters" role="search" onSubmit={submit}>
        <div className="catalog-filter-row">
          <div className="field catalog-keyword">
            <label className="field-label" htmlFor={`${ids}-q`}>
              {t('catalog.keyword')}
            </label>
            <div className="catalog-keyword-box">
              <SearchIcon />
              <input
                id={`${ids}-q`}
                className="input"
                type="search"
                name="q"
                value={keyword}
                placeholder={t('catalog.keywordPlaceholder')}
                aria-invalid={searchTextTooLong(keyword) ? true : undefined}
                aria-describedby={searchTextTooLong(keyword) ? `${ids}-q-error` : undefined}
                onChange={(event) => setKeyword(event.target.value)}
              />
            </div>
            <SearchTextTooLong id={`${ids}-q-error`} text={keyword} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-sido`}>
              {t('catalog.sido')}
            </label>
            <select
              id={`${ids}-sido`}
              className="select"
              value={query.sido ?? ''}
              onChange={(event) =>
                update({
                  ...query,
                  page: 1,
                  sido: event.target.value ? Number(event.target.value) : undefined,
                  gugun: undefined,
                })
              }
            >
              <option value="">{t('catalog.allSido')}</option>
              {ktoSido.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name[language]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-gugun`}>
              {t('catalog.gugun')}
            </label>
            <select
              id={`${ids}-gugun`}
              className="select"
              value={query.gugun ?? ''}
              disabled={!region}
              onChange={(event) =>
                update({
                  ...query,
                  page: 1,
                  gugun: event.target.value ? Number(event.target.value) : undefined,
                })
              }
            >
              <option value="">{t('catalog.allGugun')}</option>
              {region?.gugun.map((g) => (
                <option key={g.code} value={g.code}>
                  {g.name[language]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-primary catalog-submit">
            <SearchIcon />
            {t('catalog.submit')}
          </button>
        </div>
        <fieldset className="catalog-types">
          <legend className="field-label">{t('catalog.types')}</legend>
          <div className="chip-row">
            {ktoContentTypes.map((type) => (
              <button
                key={type.id}
                type="button"
                className={`type-chip type-${type.id}`}
                aria-pressed={query.type.includes(type.id)}
                onClick={() => toggleType(type.id)}
              >
                {type.name[language]}
              </button>
            ))}
          </div>
        </fieldset>
        {chips.length > 0 ? (
          <div className="catalog-active" aria-label={t('catalog.filters')} role="group">
            {chips.map((chip) => {
              const label = chipLabel(chip);
              return (
                <button
                  key={`${chip.kind}-${chip.value}`}
                  type="button"
                  className="filter-chip"
                  aria-label={t('catalog.removeFilter', { label })}
                  onClick={() => update(withoutChip(query, chip))}
                >
                  <span>{label}</span>
                  <CloseIcon />
                </button>
              );
            })}
            <button
              type="button"
              className="button button-ghost"
              onClick={() => update({ q: '', type: [], page: 1 })}
            >
              {t('catalog.clearFilters')}
            </button>
          </div>
        ) : null}
      </form>

      {added ? (
        <div className="alert alert-success catalog-added" role="status">
          <span>{t('catalog.add.added', { trip: added.tripTitle, day: added.day + 1 })}</span>
          <Link className="button button-ghost" to={`/trips/${encodeURIComponent(added.tripId)}`}>
            {t('catalog.add.openTrip')}
          </Link>
        </div>
      ) : null}

      {state.status === 'ready' && state.source === 'offline' ? (
        <FormAlert kind="info">{t('catalog.offlineResults')}</FormAlert>
      ) : null}

      <div className="catalog-layout">
        <section
          className="catalog-results"
          aria-labelledby="catalog-results-title"
          aria-busy={state.status === 'loading'}
        >
          <div className="catalog-results-head">
            <h2 id="catalog-results-title">
              {t('catalog.results')}
              {result ? (
                <span className="catalog-count">{t('catalog.resultCount', { count: result.total })}</span>
              ) : null}
            </h2>
            <label className="catalog-sort">
              <span>{t('catalog.sort')}</span>
              <select
                className="select"
                value={search.sort}
                onChange={(event) => {
                  const sort = event.target.value;
                  update({
                    ...query,
                    page: 1,
                    sort: sort === 'relevance' || sort === 'distance' ? sort : 'name',
                  });
                }}
              >
                {query.q.trim() ? <option value="relevance">{t('catalog.sortRelevance')}</option> : null}
                {query.near ? <option value="distance">{t('catalog.sortDistance')}</option> : null}
                <option value="name">{t('catalog.sortName')}</option>
              </select>
            </label>
          </div>

          {state.status === 'failed' ? (
            <div className="card empty-state">
              <p>{state.offline ? t('catalog.offlineNoRegions') : t('catalog.failed')}</p>
              {!state.offline ? (
                <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
                  {t('catalog.retry')}
                </button>
              ) : null}
            </div>
          ) : state.status === 'loading' && !result ? (
            <p className="card empty-state" role="status">
              {t('catalog.loading')}
            </p>
          ) : items.length === 0 ? (
            <div className="card empty-state">
              <SearchIcon />
              <h3>{t('catalog.emptyTitle')}</h3>
              <p>{t('catalog.emptyBody')}</p>
            </div>
          ) : (
            <ol className="result-list">
              {items.map((a) => (
                <li
                  key={a.id}
                  className={`result-card card${focusId === a.id ? ' is-focused' : ''}`}
                  data-attraction-id={a.id}
                >
                  <div className="result-thumb">
                    {a.firstImage2 || a.firstImage ? (
                      <img
                        src={a.firstImage2 ?? a.firstImage ?? ''}
                        alt=""
                        loading="lazy"
                        referrerPolicy="no-referrer"
                      />
                    ) : (
                      <PlacePlaceholder contentTypeId={a.contentTypeId} variant="thumb" />
                    )}
                  </div>
                  <div className="result-body">
                    <span className={`type-tag type-${a.contentTypeId}`}>
                      {typeName(a.contentTypeId, language)}
                    </span>
                    <h3>
                      <Link to={detailsHref(a.id)}>{a.title}</Link>
                    </h3>
                    {language === 'en' && a.titleEn ? <p className="result-title-en">{a.titleEn}</p> : null}
                    <p className="result-address">
                      {a.distanceKm !== undefined ? (
                        <span className="result-distance">
                          {t('catalog.distance', { km: a.distanceKm.toFixed(1) })}
                        </span>
                      ) : null}
                      {[a.addr1, a.addr2].filter(Boolean).join(' ')}
                    </p>
                    <div className="result-actions">
                      {a.lat !== null && a.lng !== null ? (
                        <button
                          type="button"
                          className="button button-ghost"
                          aria-label={t('catalog.showOnMap', { name: a.title })}
                          onClick={() => setFocusId(a.id)}
                        >
                          <PinIcon />
                        </button>
                      ) : null}
                      <button type="button" className="button" onClick={() => setAdding(a)}>
                        <PlusIcon />
                        {t('catalog.addToTrip')}
                      </button>
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          )}

          {result && result.totalPages > 1 ? (
            <nav className="pagination" aria-label={t('catalog.pagination')}>
              <button
                type="button"
                className="button"
                disabled={query.page <= 1}
                onClick={() => update({ ...query, page: query.page - 1 })}
              >
                {t('catalog.previous')}
              </button>
              <span aria-live="polite">
                {t('catalog.pageOf', { page: result.page, total: result.totalPages })}
              </span>
              <button
                type="button"
                className="button"
                disabled={query.page >= result.totalPages}
                onClick={() => update({ ...query, page: query.page + 1 })}
              >
                {t('catalog.next')}
              </button>
            </nav>
          ) : null}
        </section>

        <aside className="catalog-aside">
          <AttractionMap
            attractions={items}
            focusId={focusId}
            onOpen={(id) => void openDetails(id)}
            onSelect={setFocusId}
            onSearchArea={(near, radiusKm) => update({ ...query, page: 1, near, radiusKm, sort: 'distance' })}
            label={t('catalog.map.label')}
          />
          <RegionDownloads baseUrl={apiBaseUrl} sido={query.sido} attractionCounts={counts} />
        </aside>
      </div>

      <AddToTripDialog
        attraction={adding}
        defaultTripId={tripId}
        defaultDay={contextDay}
        onClose={() => setAdding(null)}
        onAdded={(stop) => {
          setAdding(null);
          setAdded(stop);
        }}
      />
    </div>
  );
}
