import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { FormAlert } from '../../app/forms';
import { ArrowRightIcon, CloudOffIcon, SearchIcon, SyncIcon, UserIcon } from '../../app/icons';
import { useSessionState } from '../../app/services';
import { useDocumentTitle } from '../../app/use-document-title';
import { LatestPosts } from '../board';
import { useLocalOnly } from '../local-mode/use-local-only';
import { RegionArt, type RegionKey } from './RegionArt';
import './home.css';

/** The featured regions with their KTO area (sido) codes. */
const featured: { key: RegionKey; areaCode: string }[] = [
  { key: 'seoul', areaCode: '1' },
  { key: 'busan', areaCode: '6' },
  { key: 'jeju', areaCode: '39' },
];

function HeroArt() {
  return (
    <svg className="hero-art" viewBox="0 0 360 280" aria-hidden="true" focusable="false">
      <path className="hero-blob" d="M60 40 Q180 -10 300 50 T320 220 Q220 290 110 250 T60 40Z" />
      <path className="hero-route" d="M70 220 C120 200 110 140 170 130 S250 150 270 70" />
      <circle className="hero-stop" cx="70" cy="220" r="10" />
      <circle className="hero-stop" cx="170" cy="130" r="10" />
      <path d="M270 34a22 22 0 0 1 22 22c0 16-22 38-22 38s-22-22-22-38a22 22 0 0 1 22-22Z" fill="#f59e0b" />
      <circle cx="270" cy="56" r="8" fill="#fff" />
      <rect className="hero-card" x="196" y="176" width="130" height="64" rx="14" />
      <rect className="hero-line-faint" x="212" y="192" width="60" height="8" rx="4" />
      <rect className="hero-line" x="212" y="208" width="96" height="8" rx="4" />
      <rect className="hero-line-accent" x="212" y="222" width="40" height="8" rx="4" />
      <rect className="hero-card" x="30" y="60" width="110" height="54" rx="14" />
      <circle cx="52" cy="87" r="10" fill="#f472b6" opacity="0.8" />
      <rect className="hero-line-faint" x="70" y="78" width="54" height="7" rx="3.5" />
      <rect className="hero-line" x="70" y="92" width="36" height="7" rx="3.5" />
    </svg>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const session = useSessionState();
  // The board lives on the server: the local-only desktop profile does not ask for posts.
  const localOnly = useLocalOnly();
  const navigate = useNavigate();
  const location = useLocation();
  const [query, setQuery] = useState('');
  useDocumentTitle();
  const loggedIn = session.status === 'authenticated';
  // Deleted here (DeleteAccountSection), or found deleted when this device came back (session.ts).
  const accountDeleted =
    (location.state as { notice?: string } | null)?.notice === 'accountDeleted' ||
    (session.status === 'anonymous' && session.endedReason === 'account_deleted');

  function onSearch(event: FormEvent) {
    event.preventDefault();
    const q = query.trim();
    void navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
  }

  return (
    <div className="home">
      {accountDeleted ? <FormAlert kind="success">{t('me.deleted')}</FormAlert> : null}
      <section className="hero" aria-labelledby="hero-title">
        <div className="hero-text">
          <p className="eyebrow">{t('app.tagline')}</p>
          <h1 id="hero-title">{t('home.heroTitle')}</h1>
          <p className="hero-subtitle">{t('home.heroSubtitle')}</p>
          <form className="hero-search" role="search" onSubmit={onSearch}>
            <label htmlFor="home-search" className="visually-hidden">
              {t('home.searchLabel')}
            </label>
            <span className="hero-search-icon">
              <SearchIcon />
            </span>
            <input
              id="home-search"
              type="search"
              className="hero-search-input"
              placeholder={t('home.searchPlaceholder')}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
            <button type="submit" className="button button-primary">
              {t('home.searchSubmit')}
            </button>
          </form>
        </div>
        <HeroArt />
      </section>

      <ul className="values" role="list">
        <li>
          <span className="value-icon">
            <CloudOffIcon />
          </span>
          <div>
            <strong>{t('home.valueOfflineTitle')}</strong>
            <p>{t('home.valueOfflineBody')}</p>
          </div>
        </li>
        <li>
          <span className="value-icon">
            <SyncIcon />
          </span>
          <div>
            <strong>{t('home.valueSyncTitle')}</strong>
            <p>{t('home.valueSyncBody')}</p>
          </div>
        </li>
        <li>
          <span className="value-icon">
            <UserIcon />
          </span>
          <div>
            <strong>{t('home.valueShareTitle')}</strong>
            <p>{t('home.valueShareBody')}</p>
          </div>
        </li>
      </ul>

      <section className="featured" aria-labelledby="featured-title">
        <div className="section-heading">
          <h2 id="featured-title">{t('home.featuredTitle')}</h2>
          <p>{t('home.featuredSubtitle')}</p>
        </div>
        <ul className="region-grid" role="list">
          {featured.map(({ key, areaCode }) => {
            const name = t(`home.regions.${key}.name`);
            return (
              <li key={key} className="region-card">
                <div className="region-art">
                  <RegionArt region={key} />
                </div>
                <div className="region-body">
                  <h3>{name}</h3>
                  <p>{t(`home.regions.${key}.blurb`)}</p>
                  <Link to={`/search?area=${areaCode}`} className="region-link">
                    {t('home.explore', { region: name })}
                    <ArrowRightIcon />
                  </Link>
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      {localOnly ? null : <LatestPosts />}

      <section className="plan-cta" aria-labelledby="plan-title">
        <div>
          <h2 id="plan-title">{t('home.planTitle')}</h2>
          <p>{t('home.planBody')}</p>
        </div>
        <Link to={loggedIn ? '/trips' : '/signup'} className="button button-primary button-large">
          {loggedIn ? t('home.planCta') : t('home.planCtaGuest')}
          <ArrowRightIcon />
        </Link>
      </section>
    </div>
  );
}
