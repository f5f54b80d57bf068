/**
 * The offline-first Leaflet basemap shared by the catalog map (map-view.ts) and the trip map
 * (trips/map/trip-map-view.ts), loaded on demand with Leaflet itself: a bundled outline of Korea
 * with region names that draws with no network, online raster tiles over it when reachable, and
 * a teardown that is safe while the map is moving.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './basemap.css';
import type { FeatureCollection } from 'geojson';
// As text for JSON.parse: much quicker to load than the same 190 KB as a JavaScript object literal.
import outlineJson from './korea-outline.json?raw';
import { sidoCenters } from './sido-centers';

const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const DEFAULT_TILE_ATTRIBUTION =
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
const TRANSPARENT = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';
export const KOREA: L.LatLngBoundsExpression = [
  [33.1, 124.6],
  [38.6, 130.95],
];

/** The tile URL template: VITE_TILE_URL at build time, OpenStreetMap otherwise ('none' turns tiles off). */
export function tileUrl(): string | null {
  const configured = (import.meta.env.VITE_TILE_URL as string | undefined)?.trim();
  if (configured === 'none') return null;
  return configured || DEFAULT_TILE_URL;
}

export type BasemapOptions = {
  scrollWheelZoom: boolean;
  /** The name of a region (KTO sido code) in the UI language. */
  sidoName: (code: number) => string;
};

/** Leaflet's internals that outlive map.remove() unless cleared (see destroy()). */
type LeafletInternals = { _animatingZoom?: boolean; _sizeTimer?: ReturnType<typeof setTimeout> };

export class Basemap {
  readonly map: L.Map;
  private tiles: L.TileLayer | null = null;
  private tilesTimer: ReturnType<typeof setTimeout> | undefined;
  private tilesFrame = 0;
  private readonly removeListeners: () => void;
  /** The region names drawn on the outline, re-worded by setSidoName(). */
  private readonly sidoLabels: { marker: L.Marker; code: number }[] = [];
  private sidoName: (code: number) => string;

  constructor(element: HTMLElement, options: BasemapOptions) {
    this.sidoName = options.sidoName;
    this.map = L.map(element, {
      zoomControl: true,
      attributionControl: true,
      minZoom: 5,
      maxZoom: 18,
      worldCopyJump: false,
      scrollWheelZoom: options.scrollWheelZoom,
    });
    this.map.createPane('outline').style.zIndex = '150';
    L.geoJSON(JSON.parse(outlineJson) as FeatureCollection, {
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
        if (el) el.textContent = this.sidoName(code);
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
    this.map.fitBounds(KOREA);
    showLabels();

    const online = () => this.showTiles(true);
    const offline = () => this.showTiles(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.removeListeners = () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
    // Tiles once the first frame is painted: a tile layer forces a layout for each zoom level it
    // sets up, the caller usually fits the map to its own places right after this constructor,
    // and the outline and the caller's markers show first.
    this.tilesFrame = requestAnimationFrame(() => {
      this.tilesTimer = setTimeout(() => this.showTiles(navigator.onLine));
    });
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

  /** New region names (the language changed): the map keeps its place, only its words change. */
  setSidoName(sidoName: (code: number) => string): void {
    this.sidoName = sidoName;
    for (const { marker, code } of this.sidoLabels) {
      const el = marker.getElement();
      if (el) el.textContent = sidoName(code);
    }
  }

  /**
   * Removes the map for good. map.remove() alone leaves work behind that later reads the removed
   * panes and throws ("reading '_leaflet_pos'"): a zoom animation ends on a 250 ms timer Leaflet
   * does not keep, invalidateSize may have queued a moveend, and listeners (cluster animations,
   * zoomToShowLayer) would still run. `beforeRemove` clears the caller's layers first.
   */
  destroy(beforeRemove?: () => void): void {
    cancelAnimationFrame(this.tilesFrame);
    clearTimeout(this.tilesTimer);
    this.removeListeners();
    const internals = this.map as unknown as LeafletInternals;
    // Marked finished, the pending zoom-animation timer returns at once.
    internals._animatingZoom = false;
    clearTimeout(internals._sizeTimer);
    this.map.off();
    beforeRemove?.();
    // Stops pan and fly animations (and their frames) before removing the panes.
    this.map.remove();
    this.sidoLabels.length = 0;
  }
}
