/**
 * The Leaflet map behind <TripMap> (loaded on demand with Leaflet, after the Map view is
 * chosen): the shared offline basemap (catalog/basemap.ts), one numbered marker per stop with
 * coordinates in its day's colour, one route line per day in visiting order, a selected stop
 * (highlighted marker, its popup open) and a fit to the visible stops.
 */
import L from 'leaflet';
import { Basemap, KOREA } from '../../catalog/basemap';
import { boundsOf, dayColourStyle, visiblePoints, type MapDay, type MapStop } from './trip-map';

export type TripMapLabels = {
  sidoName: (code: number) => string;
  /** The marker's accessible name and tooltip: "Day 1 · 2. Gyeongbokgung". */
  markerTitle: (stop: MapStop) => string;
  /** The popup's line under the name: "Day 1, stop 2 · 10:00". */
  popupMeta: (stop: MapStop) => string;
};

export type TripMapOptions = {
  labels: TripMapLabels;
  /** A marker's popup opened: it was clicked, activated with the keyboard or selected. */
  onSelect: (stopId: string) => void;
};

type Entry = { marker: L.Marker; stop: MapStop; key: string };

const FIT_PADDING: L.PointExpression = [40, 40];

function setColourProperties(element: HTMLElement | SVGElement | undefined, day: number): void {
  if (!element) return;
  for (const [name, value] of Object.entries(dayColourStyle(day))) element.style.setProperty(name, value);
}

/** What a marker's icon depends on: a new key means a new icon. */
const iconKey = (s: MapStop) => `${s.day}:${s.number}`;

function markerIcon(s: MapStop): L.DivIcon {
  const colours = dayColourStyle(s.day);
  return L.divIcon({
    className: 'trip-map-marker',
    html: `<span class="trip-map-pin" style="--day-light:${colours['--day-light']};--day-dark:${colours['--day-dark']}">${s.number}</span>`,
    iconSize: [30, 30],
    iconAnchor: [15, 15],
    popupAnchor: [0, -14],
  });
}

export class TripMapView {
  private readonly basemap: Basemap;
  private readonly map: L.Map;
  private readonly routes = L.layerGroup();
  private readonly markerLayer = L.layerGroup();
  private readonly entries = new Map<string, Entry>();
  private days: readonly MapDay[] = [];
  private selected: string | null = null;
  /** The map shows the last fit, untouched: a new size (phone turned, window resized) fits again. */
  private keepFit = false;
  private labels: TripMapLabels;
  /** Set by destroy(): every later call is a no-op (a removed Leaflet map throws on use). */
  private destroyed = false;

  constructor(
    element: HTMLElement,
    private readonly options: TripMapOptions,
  ) {
    this.labels = options.labels;
    this.basemap = new Basemap(element, {
      scrollWheelZoom: true,
      sidoName: (code) => this.labels.sidoName(code),
    });
    this.map = this.basemap.map;
    this.routes.addTo(this.map);
    this.markerLayer.addTo(this.map);
    this.map.on('dragstart', () => (this.keepFit = false));
  }

  /** New texts (the language changed): titles and popups are re-worded, the map stays put. */
  setLabels(labels: TripMapLabels): void {
    if (this.destroyed) return;
    this.labels = labels;
    this.basemap.setSidoName(labels.sidoName);
    for (const entry of this.entries.values()) {
      this.describe(entry);
      if (entry.marker.isPopupOpen()) entry.marker.getPopup()?.setContent(this.popup(entry.stop));
    }
  }

  /**
   * Shows these days' stops and routes. Markers are kept across updates (a live change moves,
   * renumbers or removes only what changed, and the open popup stays); `fit` fits the map to them.
   */
  setDays(days: readonly MapDay[], fit: boolean): void {
    if (this.destroyed) return;
    this.days = days;
    // The view first: markers and routes are then placed once, at the fitted view.
    if (fit) this.fit();
    const seen = new Set<string>();
    for (const day of days) {
      for (const s of day.located) {
        const id = s.stop.id;
        seen.add(id);
        const point = s.point!;
        const existing = this.entries.get(id);
        if (existing) {
          existing.stop = s;
          const at = existing.marker.getLatLng();
          if (at.lat !== point.lat || at.lng !== point.lng) existing.marker.setLatLng(point);
          if (existing.key !== iconKey(s)) {
            existing.key = iconKey(s);
            existing.marker.setIcon(markerIcon(s));
            this.decorate(existing);
          } else {
            this.describe(existing);
          }
          if (existing.marker.isPopupOpen()) existing.marker.getPopup()?.setContent(this.popup(s));
          continue;
        }
        this.addMarker(s);
      }
    }
    for (const [id, entry] of this.entries) {
      if (seen.has(id)) continue;
      this.markerLayer.removeLayer(entry.marker);
      this.entries.delete(id);
    }
    this.drawRoutes();
  }

  private addMarker(s: MapStop): void {
    const marker = L.marker(s.point!, { icon: markerIcon(s), riseOnHover: true, keyboard: true });
    const entry: Entry = { marker, stop: s, key: iconKey(s) };
    marker.bindPopup(() => this.popup(entry.stop), { closeButton: true, autoPanPadding: [24, 24] });
    // A click, or Enter on the focused marker (Leaflet opens the popup without a click then).
    marker.on('popupopen', () => this.options.onSelect(entry.stop.stop.id));
    this.entries.set(s.stop.id, entry);
    this.markerLayer.addLayer(marker);
    this.decorate(entry);
  }

  /** Attributes of the marker's element (its icon is new after setIcon). */
  private decorate(entry: Entry): void {
    const element = entry.marker.getElement();
    if (!element) return;
    element.dataset.stopId = entry.stop.stop.id;
    element.dataset.day = String(entry.stop.day);
    this.describe(entry);
    if (entry.stop.stop.id === this.selected) this.markSelected(entry, true);
  }

  private describe(entry: Entry): void {
    const element = entry.marker.getElement();
    if (!element) return;
    const title = this.labels.markerTitle(entry.stop);
    element.title = title;
    element.setAttribute('aria-label', title);
  }

  private markSelected(entry: Entry, selected: boolean): void {
    const element = entry.marker.getElement();
    element?.classList.toggle('is-selected', selected);
    if (selected) element?.setAttribute('aria-current', 'true');
    else element?.removeAttribute('aria-current');
    entry.marker.setZIndexOffset(selected ? 1000 : 0);
  }

  private drawRoutes(): void {
    this.routes.clearLayers();
    for (const day of this.days) {
      if (day.located.length < 2) continue;
      const points = day.located.map((s) => s.point!);
      // A light (dark-theme: dark) casing under the day's colour keeps the line visible on any tile.
      L.polyline(points, { className: 'trip-map-route-casing', weight: 7, interactive: false }).addTo(
        this.routes,
      );
      const line = L.polyline(points, { className: 'trip-map-route', weight: 4, interactive: false });
      line.addTo(this.routes);
      const element = line.getElement() as SVGElement | undefined;
      setColourProperties(element, day.day);
      element?.setAttribute('data-day', String(day.day));
    }
  }

  private popup(s: MapStop): HTMLElement {
    const root = document.createElement('div');
    root.className = 'trip-map-popup';
    const title = document.createElement('strong');
    title.textContent = s.stop.place.name;
    const meta = document.createElement('span');
    meta.className = 'trip-map-popup-meta';
    meta.textContent = this.labels.popupMeta(s);
    root.append(title, meta);
    if (s.stop.place.address) {
      const address = document.createElement('span');
      address.textContent = s.stop.place.address;
      root.append(address);
    }
    return root;
  }

  /** Highlights a stop's marker, pans to it and opens its popup; null clears the highlight. */
  select(id: string | null): void {
    if (this.destroyed) return;
    const previous = this.selected ? this.entries.get(this.selected) : undefined;
    this.selected = id;
    if (previous && previous.stop.stop.id !== id) {
      this.markSelected(previous, false);
      previous.marker.closePopup();
    }
    const entry = id ? this.entries.get(id) : undefined;
    if (!entry) return;
    this.markSelected(entry, true);
    this.keepFit = false;
    if (!this.map.getBounds().contains(entry.marker.getLatLng())) this.map.panTo(entry.marker.getLatLng());
    // Opening the popup pans it into view.
    if (!entry.marker.isPopupOpen()) entry.marker.openPopup();
  }

  /** Fits the map to the visible stops (Korea when there are none). */
  fit(): void {
    if (this.destroyed) return;
    this.keepFit = true;
    const bounds = boundsOf(visiblePoints(this.days));
    if (!bounds) this.map.fitBounds(KOREA);
    else if (bounds[0][0] === bounds[1][0] && bounds[0][1] === bounds[1][1]) this.map.setView(bounds[0], 13);
    else this.map.fitBounds(bounds, { padding: FIT_PADDING, maxZoom: 15 });
  }

  /** After the container changed size: fits again if the map was left as fitted, else keeps the selection in view. */
  resize(): void {
    if (this.destroyed) return;
    const before = this.map.getSize();
    this.map.invalidateSize();
    if (before.equals(this.map.getSize())) return;
    const selected = this.selected ? this.entries.get(this.selected) : undefined;
    if (this.keepFit) this.fit();
    // The selected stop (and its popup above it) stays in view: in the middle of the new size.
    else if (selected) this.map.panTo(selected.marker.getLatLng(), { animate: false });
  }

  /** Removes the map for good; safe while it is moving and when called twice (Basemap.destroy). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.basemap.destroy(() => {
      this.markerLayer.clearLayers();
      this.routes.clearLayers();
    });
    this.entries.clear();
  }
}
