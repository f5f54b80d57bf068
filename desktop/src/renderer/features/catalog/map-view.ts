/**
 * The Leaflet map behind <AttractionMap> (loaded on demand with Leaflet itself): a bundled
 * outline of Korea that draws with no network, online raster tiles over it when reachable,
 * clustered markers, fit to results, focus on one place and popups that open its details.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import type { AttractionSummary } from '@hamgaja/shared';
import type { FeatureCollection } from 'geojson';
import outline from './korea-outline.json';
import { sidoCenters } from './sido-centers';

// leaflet.markercluster is a UMD script that extends the global L.
(globalThis as unknown as { L: typeof L }).L = L;
await import('leaflet.markercluster');

const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const DEFAULT_TILE_ATTRIBUTION =
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
const TRANSPARENT = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';
const KOREA: L.LatLngBoundsExpression = [
  [33.1, 124.6],
  [38.6, 130.95],
];

export type MapLabels = {
  openDetails: string;
  searchArea: string;
  sidoName: (code: number) => string;
  region: string;
};

export type MapOptions = {
  /** One place, no clustering and no popups (the small map of a detail page). */
  single?: boolean;
  onOpen?: (id: string) => void;
  onSelect?: (id: string) => void;
  /** "Search this area": the map centre and the radius that covers the visible map (at most 200 km). */
  onSearchArea?: (center: { lat: number; lng: number }, radiusKm: number) => void;
  labels: MapLabels;
};

/** The radius (km, one decimal, 0.1–200) of the circle around the centre that covers the whole visible map. */
export function visibleRadiusKm(map: L.Map): number {
  const center = map.getCenter();
  const toCorner = center.distanceTo(map.getBounds().getNorthEast());
  return Math.min(200, Math.max(0.1, Math.ceil(toCorner / 100) / 10));
}

/** The tile URL template: VITE_TILE_URL at build time, OpenStreetMap otherwise ('none' turns tiles off). */
export function tileUrl(): string | null {
  const configured = (import.meta.env.VITE_TILE_URL as string | undefined)?.trim();
  if (configured === 'none') return null;
  return configured || DEFAULT_TILE_URL;
}

function markerIcon(contentTypeId: number, selected: boolean): L.DivIcon {
  return L.divIcon({
    className: `catalog-marker type-${contentTypeId}${selected ? ' is-selected' : ''}`,
    html: '<span></span>',
    iconSize: [26, 34],
    iconAnchor: [13, 33],
    popupAnchor: [0, -30],
  });
}

/** Leaflet's internals that outlive map.remove() unless cleared (see destroy()). */
type LeafletInternals = { _animatingZoom?: boolean; _sizeTimer?: ReturnType<typeof setTimeout> };

export class MapView {
  private readonly map: L.Map;
  private readonly markers = new Map<string, L.Marker>();
  private readonly group: L.FeatureGroup;
  private tiles: L.TileLayer | null = null;
  private selected: string | null = null;
  private readonly removeListeners: () => void;
  /** The region names drawn on the outline, re-worded by setLabels(). */
  private readonly sidoLabels: { marker: L.Marker; code: number }[] = [];
  private searchAreaButton: HTMLButtonElement | null = null;
  private labels: MapLabels;
  /** Set by destroy(): every later call is a no-op (a removed Leaflet map throws on use). */
  private destroyed = false;

  constructor(
    element: HTMLElement,
    private readonly options: MapOptions,
  ) {
    this.labels = options.labels;
    this.map = L.map(element, {
      zoomControl: true,
      attributionControl: true,
      minZoom: 5,
      maxZoom: 18,
      worldCopyJump: false,
      scrollWheelZoom: !options.single,
    });
    this.map.createPane('outline').style.zIndex = '150';
    L.geoJSON(outline as FeatureCollection, {
      pane: 'outline',
      interactive: false,
      style: (feature) => ({
        className: `map-land ${feature?.properties?.country === 'KR' ? 'map-land-kr' : ''}`,
        weight: feature?.properties?.country === 'KR' ? 1.2 : 0.8,
      }),
    }).addTo(this.map);
    const label = (code: number, [lat, lng]: readonly [number, number]) => {
      const marker = L.marker([lat, lng], {
        pane: 'outline',
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: 'map-sido-label', html: '', iconSize: [120, 16], iconAnchor: [60, 8] }),
      }).on('add', (event) => {
        const el = (event.target as L.Marker).getElement();
        if (el) el.textContent = this.labels.sidoName(code);
      });
      this.sidoLabels.push({ marker, code });
      return marker;
    };
    const entries = Object.entries(sidoCenters).map(([code, point]) => [Number(code), point] as const);
    // Metropolitan cities (codes below 10) crowd their provinces at country zoom: they show from zoom 8.
    const provinceLabels = L.layerGroup(
      entries.filter(([code]) => code >= 10).map(([code, point]) => label(code, point)),
    );
    const cityLabels = L.layerGroup(
      entries.filter(([code]) => code < 10).map(([code, point]) => label(code, point)),
    );
    const showLabels = () => {
      const zoom = this.map.getZoom();
      if (zoom <= 9) provinceLabels.addTo(this.map);
      else provinceLabels.remove();
      if (zoom >= 8 && zoom <= 10) cityLabels.addTo(this.map);
      else cityLabels.remove();
    };
    this.map.on('zoomend', showLabels);
    this.map.attributionControl.setPrefix(false);
    this.group = options.single
      ? L.featureGroup()
      : L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 48, spiderfyOnMaxZoom: true });
    this.group.addTo(this.map);
    this.map.fitBounds(KOREA);
    showLabels();
    if (options.onSearchArea) this.addSearchAreaControl(options.onSearchArea);

    const online = () => this.showTiles(true);
    const offline = () => this.showTiles(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.removeListeners = () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
    this.showTiles(navigator.onLine);
  }

  private addSearchAreaControl(onSearchArea: NonNullable<MapOptions['onSearchArea']>): void {
    const control = new L.Control({ position: 'topright' });
    control.onAdd = () => {
      const button = L.DomUtil.create('button', 'button map-search-area');
      button.type = 'button';
      button.textContent = this.labels.searchArea;
      this.searchAreaButton = button;
      L.DomEvent.disableClickPropagation(button);
      L.DomEvent.on(button, 'click', () => {
        const center = this.map.getCenter();
        onSearchArea({ lat: center.lat, lng: center.lng }, visibleRadiusKm(this.map));
      });
      return button;
    };
    control.addTo(this.map);
  }

  /** Online tiles over the outline; off while offline, so the outline stays clean. */
  private showTiles(on: boolean): void {
    const url = tileUrl();
    if (on && url && !this.tiles) {
      this.tiles = L.tileLayer(url, {
        attribution:
          (import.meta.env.VITE_TILE_ATTRIBUTION as string | undefined) ?? DEFAULT_TILE_ATTRIBUTION,
        maxZoom: 19,
        errorTileUrl: TRANSPARENT,
        crossOrigin: false,
      }).addTo(this.map);
    } else if (!on && this.tiles) {
      this.tiles.remove();
      this.tiles = null;
    }
  }

  /** New texts (the language changed): the map keeps its place, only its words change. */
  setLabels(labels: MapLabels): void {
    if (this.destroyed) return;
    this.labels = labels;
    if (this.searchAreaButton) this.searchAreaButton.textContent = labels.searchArea;
    for (const { marker, code } of this.sidoLabels) {
      const el = marker.getElement();
      if (el) el.textContent = labels.sidoName(code);
    }
  }

  /** Shows these places (replacing the previous ones) and fits the map to them. */
  setAttractions(attractions: readonly AttractionSummary[]): void {
    if (this.destroyed) return;
    this.group.clearLayers();
    this.markers.clear();
    for (const a of attractions) {
      if (a.lat === null || a.lng === null) continue;
      const marker = L.marker([a.lat, a.lng], {
        icon: markerIcon(a.contentTypeId, a.id === this.selected),
        title: a.title,
        alt: a.title,
        riseOnHover: true,
      });
      if (!this.options.single) {
        marker.bindPopup(() => this.popup(a), { closeButton: true, autoPanPadding: [24, 24] });
        marker.on('click', () => this.options.onSelect?.(a.id));
      }
      this.markers.set(a.id, marker);
      this.group.addLayer(marker);
    }
    this.fit();
  }

  private popup(a: AttractionSummary): HTMLElement {
    const root = document.createElement('div');
    root.className = 'map-popup';
    const title = document.createElement('strong');
    title.textContent = a.title;
    root.append(title);
    const address = [a.addr1, a.addr2].filter(Boolean).join(' ');
    if (address) {
      const p = document.createElement('p');
      p.textContent = address;
      root.append(p);
    }
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'button button-primary map-popup-open';
    open.textContent = this.labels.openDetails;
    open.addEventListener('click', () => this.options.onOpen?.(a.id));
    root.append(open);
    return root;
  }

  fit(): void {
    if (this.destroyed) return;
    const points = [...this.markers.values()].map((m) => m.getLatLng());
    if (points.length === 0) this.map.fitBounds(KOREA);
    else if (points.length === 1) this.map.setView(points[0]!, this.options.single ? 14 : 13);
    else this.map.fitBounds(L.latLngBounds(points), { padding: [36, 36], maxZoom: 14 });
  }

  /** Pans and zooms to one place and opens its popup. */
  focus(id: string | null): void {
    if (this.destroyed) return;
    const previous = this.selected ? this.markers.get(this.selected) : undefined;
    const previousId = this.selected;
    this.selected = id;
    if (previous && previousId) previous.setIcon(markerIcon(this.contentTypeOf(previous), false));
    const marker = id ? this.markers.get(id) : undefined;
    if (!marker) return;
    marker.setIcon(markerIcon(this.contentTypeOf(marker), true));
    const group = this.group as L.MarkerClusterGroup;
    if (typeof group.zoomToShowLayer === 'function') {
      group.zoomToShowLayer(marker, () => {
        if (!this.destroyed) marker.openPopup();
      });
    } else {
      this.map.setView(marker.getLatLng(), Math.max(this.map.getZoom(), 13));
    }
  }

  private contentTypeOf(marker: L.Marker): number {
    const className = (marker.options.icon?.options as L.DivIconOptions | undefined)?.className ?? '';
    return Number(/type-(\d+)/.exec(className)?.[1] ?? 0);
  }

  /** After the container changed size (a responsive layout switch). */
  resize(): void {
    if (this.destroyed) return;
    this.map.invalidateSize();
  }

  /**
   * Removes the map for good; safe while it is moving and when called twice. map.remove() alone
   * leaves work behind that later reads the removed panes and throws ("reading '_leaflet_pos'"):
   * a zoom animation ends on a 250 ms timer Leaflet does not keep, invalidateSize may have queued
   * a moveend, and listeners (cluster animations, zoomToShowLayer) would still run.
   */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.removeListeners();
    const internals = this.map as unknown as LeafletInternals;
    // Marked finished, the pending zoom-animation timer returns at once.
    internals._animatingZoom = false;
    clearTimeout(internals._sizeTimer);
    this.map.off();
    this.group.clearLayers();
    // Stops pan and fly animations (and their frames) before removing the panes.
    this.map.remove();
    this.markers.clear();
    this.sidoLabels.length = 0;
    this.searchAreaButton = null;
  }
}
