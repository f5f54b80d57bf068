import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttractionSummary } from '@hamgaja/shared';
import { ktoSido } from '@hamgaja/shared';
import { currentLanguage } from '../../i18n';
import type { MapLabels, MapView } from './map-view';

type Props = {
  attractions: readonly AttractionSummary[];
  focusId?: string | null;
  single?: boolean;
  onOpen?: (id: string) => void;
  onSelect?: (id: string) => void;
  onSearchArea?: (center: { lat: number; lng: number }, radiusKm: number) => void;
  className?: string;
  label: string;
};

/** The catalog map; Leaflet and the Korea outline load with it, after the page has painted. */
export function AttractionMap({
  attractions,
  focusId = null,
  single = false,
  onOpen,
  onSelect,
  onSearchArea,
  className,
  label,
}: Props) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<MapView | null>(null);
  const [failed, setFailed] = useState(false);
  const callbacks = useRef({ onOpen, onSelect, onSearchArea });
  callbacks.current = { onOpen, onSelect, onSearchArea };
  const searchesArea = Boolean(onSearchArea);
  // The map's words in the current language; a language switch re-words the map (setLabels)
  // instead of removing and re-creating it.
  const language = currentLanguage();
  const labels = useMemo<MapLabels>(
    () => ({
      openDetails: t('catalog.map.openDetails'),
      searchArea: t('catalog.map.searchArea'),
      region: t('catalog.map.region'),
      sidoName: (code) => ktoSido.find((s) => s.code === code)?.name[language] ?? '',
    }),
    [t, language],
  );
  const labelsNow = useRef(labels);
  labelsNow.current = labels;

  useEffect(() => {
    let created: MapView | null = null;
    let cancelled = false;
    import('./map-view')
      .then(({ MapView }) => {
        if (cancelled || !element.current) return;
        created = new MapView(element.current, {
          single,
          onOpen: (id) => callbacks.current.onOpen?.(id),
          onSelect: (id) => callbacks.current.onSelect?.(id),
          onSearchArea: searchesArea
            ? (center, radiusKm) => callbacks.current.onSearchArea?.(center, radiusKm)
            : undefined,
          labels: labelsNow.current,
        });
        setView(created);
      })
      .catch((error: unknown) => {
        console.error('The map could not load', error);
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      created?.destroy();
      setView(null);
    };
  }, [single, searchesArea]);

  useEffect(() => {
    view?.setLabels(labels);
  }, [view, labels]);

  useEffect(() => {
    view?.setAttractions(attractions);
  }, [view, attractions]);

  useEffect(() => {
    if (view && focusId) view.focus(focusId);
  }, [view, focusId]);

  useEffect(() => {
    if (!view || !element.current || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => view.resize());
    observer.observe(element.current);
    return () => observer.disconnect();
  }, [view]);

  return (
    <div className={`catalog-map ${className ?? ''}`} data-ready={view ? 'true' : 'false'}>
      <div ref={element} className="catalog-map-canvas" role="region" aria-label={label} />
      {failed ? <p className="catalog-map-failed">{t('catalog.map.failed')}</p> : null}
    </div>
  );
}
