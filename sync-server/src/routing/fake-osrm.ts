import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { distanceKm } from '@hamgaja/shared';

/**
 * A local OSRM server for tests: GET /route/v1/{profile}/{lng},{lat};{lng},{lat} answered in
 * osrm-routed's real wire format (200 `code: Ok` with routes and waypoints; 400 with an error
 * code such as NoRoute), so the real client code runs against it. Records every request, and
 * how many were in flight at once.
 */
export type FakeOsrmReply =
  /** A route of these metres and seconds. */
  | { kind: 'route'; distance: number; duration: number }
  /** OSRM's answer for points that are not connected (HTTP 400, code NoRoute). */
  | { kind: 'no_route' }
  /** An HTTP error from whatever stands in front of OSRM (a proxy's HTML page). */
  | { kind: 'error'; status: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'garbage' }
  /** 200 `code: Ok` with no routes. */
  | { kind: 'empty' }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** A plausible route, after a pause. */
  | { kind: 'slow'; ms: number };

export type FakeOsrmRequest = {
  profile: string;
  /** [lng, lat] pairs as sent (OSRM's order). */
  coordinates: [number, number][];
  query: URLSearchParams;
};

/** Road detours and speeds that make a straight line look like a route. */
const PLAUSIBLE = { driving: { detour: 1.4, speed: 8.3 }, foot: { detour: 1.2, speed: 1.4 } } as const;

export function plausibleRoute(req: FakeOsrmRequest): { distance: number; duration: number } {
  const [[lng1, lat1], [lng2, lat2]] = req.coordinates as [[number, number], [number, number]];
  const shape = req.profile === 'foot' ? PLAUSIBLE.foot : PLAUSIBLE.driving;
  const distance = distanceKm({ lat: lat1, lng: lng1 }, { lat: lat2, lng: lng2 }) * 1000 * shape.detour;
  return {
    distance: Math.round(distance * 10) / 10,
    duration: Math.round((distance / shape.speed) * 10) / 10,
  };
}

const ROUTE_PATH = /^\/route\/v1\/([\w-]+)\/(-?[\d.]+,-?[\d.]+(?:;-?[\d.]+,-?[\d.]+)+)$/;

export class FakeOsrm {
  readonly requests: FakeOsrmRequest[] = [];
  /** Decides each answer; by default a plausible route. */
  answer: (req: FakeOsrmRequest) => FakeOsrmReply = (req) => ({ kind: 'route', ...plausibleRoute(req) });
  inFlight = 0;
  maxInFlight = 0;
  private server?: Server;
  url = '';

  reset(): void {
    this.requests.length = 0;
    this.answer = (req) => ({ kind: 'route', ...plausibleRoute(req) });
    this.maxInFlight = 0;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://osrm');
      const match = req.method === 'GET' ? ROUTE_PATH.exec(url.pathname) : null;
      if (!match) {
        res
          .writeHead(400, { 'content-type': 'application/json; charset=UTF-8' })
          .end(JSON.stringify({ code: 'InvalidUrl', message: `URL string malformed: "${url.pathname}"` }));
        return;
      }
      const request: FakeOsrmRequest = {
        profile: match[1]!,
        coordinates: match[2]!.split(';').map((pair) => pair.split(',').map(Number) as [number, number]),
        query: url.searchParams,
      };
      this.requests.push(request);
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      res.on('close', () => (this.inFlight -= 1));
      const reply = this.answer(request);
      const json = (status: number, body: object) =>
        res
          .writeHead(status, { 'content-type': 'application/json; charset=UTF-8' })
          .end(JSON.stringify(body));
      const route = ({ distance, duration }: { distance: number; duration: number }) =>
        json(200, {
          code: 'Ok',
          routes: [
            {
              legs: [{ steps: [], summary: '', weight: duration, duration, distance }],
              weight_name: 'routability',
              weight: duration,
              duration,
              distance,
            },
          ],
          waypoints: request.coordinates.map((location) => ({
            hint: 'fake-hint',
            distance: 1.5,
            name: '',
            location,
          })),
        });
      switch (reply.kind) {
        case 'route':
          return route(reply);
        case 'slow':
          setTimeout(() => route(plausibleRoute(request)), reply.ms);
          return;
        case 'no_route':
          return json(400, { code: 'NoRoute', message: 'Impossible route between points' });
        case 'empty':
          return json(200, { code: 'Ok', routes: [], waypoints: [] });
        case 'error':
          res
            .writeHead(reply.status, { 'content-type': 'text/html' })
            .end(`<html><body><h1>${reply.status}</h1></body></html>`);
          return;
        case 'garbage':
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":"Ok","routes":[{"dist');
          return;
        case 'hang':
          return;
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
