// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATA_EXPORT_DOCUMENT } from '@hamgaja/shared';
import { client, signUp, startTestServer, type TestServer } from '../../../../../sync-server/test/harness';
import { syncClient, tripDoc } from '../../../../../sync-server/src/sync/testing';
import type { FetchLike } from '../../api/http';
import type { Services } from '../../app/services';
import { renderPage, useLanguage } from '../../app/test-utils';
import { SyncStatusStore } from '../sync/sync-status';
import { DownloadDataSection } from './DownloadDataSection';
import { SessionManager } from './session';

let server: TestServer;
let services: Services;
let saved: Blob[];

/** The app's services with `fetch` standing in for the network. */
function servicesWith(fetch: FetchLike): Services {
  return {
    apiBaseUrl: server.url,
    session: new SessionManager({ baseUrl: server.url, fetch }),
    syncStatus: new SyncStatusStore(),
  };
}

/** A Blob's bytes (jsdom's Blob has no arrayBuffer()). */
const bytesOf = (blob: Blob) =>
  new Promise<Uint8Array>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable Blob'));
    reader.readAsArrayBuffer(blob);
  });

/** Passes every answer through, but cuts the export's body after its first bytes (as a dropped connection would). */
const cutExport: FetchLike = async (input, init) => {
  const response = await fetch(input, init);
  if (!input.endsWith('/me/export') || !response.body) return response;
  const reader = response.body.getReader();
  const first = await reader.read();
  await reader.cancel();
  const cut = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(first.value.slice(0, 100));
      controller.error(new TypeError('network connection lost'));
    },
  });
  return new Response(cut, { status: response.status, headers: response.headers });
};

/** Passes every answer through, but holds the export's body after its first 100 bytes until `release()`. */
function heldExport(): { fetch: FetchLike; release: () => void } {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release: () => release(),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (!input.endsWith('/me/export')) return response;
      const bytes = new Uint8Array(await response.arrayBuffer());
      const held = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(bytes.slice(0, 100));
          await released;
          controller.enqueue(bytes.slice(100));
          controller.close();
        },
      });
      return new Response(held, { status: response.status, headers: response.headers });
    },
  };
}

beforeAll(async () => {
  server = await startTestServer();
  await useLanguage('en');
});
afterAll(async () => {
  services?.session.dispose();
  await server.stop();
});
beforeEach(() => {
  localStorage.clear();
  saved = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    saved.push(blob as Blob);
    return 'blob:hamgaja-test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});
afterEach(() => {
  services?.session.dispose();
  vi.restoreAllMocks();
});

describe('download my data', { timeout: 30_000 }, () => {
  it('downloads the zip with progress and saves it as a file', async () => {
    const api = client(server.url);
    const una = await signUp(api, 'Una');
    await syncClient(api, una.accessToken).create('trips', [tripDoc(una.user.id, { title: 'Jeju in May' })]);
    const network = heldExport();
    services = servicesWith(network.fetch);
    await services.session.login(una.email, una.password);
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderPage(<DownloadDataSection />, { services, path: '/me' });

    expect(screen.getByRole('heading', { name: 'Download my data' })).toBeTruthy();
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Download my data' }));
    // While it downloads: bytes received of the announced total, and the button waits.
    await screen.findByText(/^100 byte of \d+(\.\d)? kB$/);
    expect(screen.getByRole('progressbar', { name: 'Download progress' })).toHaveProperty('value', 100);
    expect(screen.getByRole('button', { name: 'Downloading…' })).toHaveProperty('disabled', true);
    expect(saved).toHaveLength(0);
    network.release();
    await screen.findByText(/^Saved as hamgaja-data-\d{4}-\d\d-\d\d\.zip\.$/);
    expect(clicks).toHaveBeenCalledTimes(1);
    expect(saved).toHaveLength(1);
    const files = unzipSync(await bytesOf(saved[0]!));
    expect(strFromU8(files[DATA_EXPORT_DOCUMENT]!)).toContain('Jeju in May');
    expect(screen.getByRole('button', { name: 'Download my data' })).toHaveProperty('disabled', false);
  });

  it('says so when the download breaks off, and saves nothing', async () => {
    const una = await signUp(client(server.url), 'Una');
    services = servicesWith(cutExport);
    await services.session.login(una.email, una.password);
    renderPage(<DownloadDataSection />, { services, path: '/me' });
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Download my data' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^The download failed: /);
    expect(saved).toHaveLength(0);
  });
});
