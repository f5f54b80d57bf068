/**
 * The Leaflet map behind <AttractionMap> (loaded on demand with Leaflet itself): a bundled
 * outline of Korea that draws with no network, online raster tiles over it when reachable,
 * clustered markers, fit to results, focus on one place and popups that open its details.
 */
import L from 'leaflet';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import type { AttractionSummary } from '@hamgaja/shared';
import { Basemap, KOREA } from './basemap';

// leaflet.markercluster is a UMD script that extends the global L.
(globalThis as unknown as { L: typeof L }).L = L;
await import('leaflet.markercluster');

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

function markerIcon(contentTypeId: number, selected: boolean): L.DivIcon {
  return L.divIcon({
    className: `catalog-marker type-${contentTypeId}${selected ? ' is-selected' : ''}`,
    html: '<span></span>',
    iconSize: [26, 34],
    iconAnchor: [13, 33],
    popupAnchor: [0, -30],
  });
}

export class MapView {
  private readonly basemap: Basemap;
  private readonly map: L.Map;
  private readonly markers = new Map<string, L.Marker>();
  private readonly group: L.FeatureGroup;
  private selected: string | null = null;
  private searchAreaButton: HTMLButtonElement | null = null;
  private labels: MapLabels;
  /** Set by destroy(): every later call is a no-op (a removed Leaflet map throws on use). */
  private destroyed = false;

  constructor(
    element: HTMLElement,
    private readonly options: MapOptions,
  ) {
    this.labels = options.labels;
    // The region names follow setLabels().
    this.basemap = new Basemap(element, {
      scrollWheelZoom: !options.single,
      sidoName: (code) => this.labels.sidoName(code),
    });
    this.map = this.basemap.map;
    this.group = options.single
      ? L.featureGroup()
      : L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 48, spiderfyOnMaxZoom: true });
    this.group.addTo(this.map);
    if (options.onSearchArea) this.addSearchAreaControl(options.onSearchArea);
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

  /** New texts (the language changed): the map keeps its place, only its words change. */
  setLabels(labels: MapLabels): void {
    if (this.destroyed) return;
    this.labels = labels;
    if (this.searchAreaButton) this.searchAreaButton.textContent = labels.searchArea;
    this.basemap.setSidoName(labels.sidoName);
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

  /** Removes the map for good; safe while it is moving and when called twice (Basemap.destroy). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.basemap.destroy(() => this.group.clearLayers());
    this.markers.clear();
    this.searchAreaButton = null;
  }
}
