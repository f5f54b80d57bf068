import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import { newId, syncClient, tripDoc, type Doc, type SyncClient } from '../sync/testing.js';
import { documentFilesOf } from './files.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A small, well-formed PDF whose content varies with `text` (so each has its own hash). */
function pdf(text: string, padTo = 0): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const filler = padTo > 0 ? `%${'x'.repeat(Math.max(0, padTo - 400))}\n` : '';
  const body = [
    '%PDF-1.4\n',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n',
    `4 0 obj << /Length ${stream.length} >> stream\n${stream}\nendstream endobj\n`,
    filler,
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  ].join('');
  return Buffer.from(body, 'latin1');
}

const png = () =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

/** A PNG of noise, a few KB: something appended to it is past the first KB (the HTML check). */
const noisyPng = () =>
  sharp(randomBytes(48 * 48 * 3), {
    raw: { width: 48, height: 48, channels: 3 },
  })
    .png()
    .toBuffer();

/** The ZIP end-of-central-directory record of an empty archive. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Array.from({ length: 18 }, () => 0)]);

describe('travel documents: files of a trip', () => {
  let server: TestServer;
  let api: Client;
  let owner: SyncClient;
  let ownerId: string;
  let editor: SyncClient;
  let editorId: string;
  let viewer: SyncClient;
  let stranger: SyncClient;

  beforeAll(async () => {
    server = await startTestServer({ DOCUMENT_QUOTA_MB: '1' });
    api = client(server.url);
    const o = await signUp(api, 'Olivia');
    owner = syncClient(api, o.accessToken);
    ownerId = o.user.id;
    const e = await signUp(api, 'Eun');
    editor = syncClient(api, e.accessToken);
    editorId = e.user.id;
    viewer = syncClient(api, (await signUp(api, 'Vic')).accessToken);
    stranger = syncClient(api, (await signUp(api, 'Sam')).accessToken);
  });
  afterAll(() => server.stop());

  const url = (tripId: string, hash: string) => `${server.url}/api/trips/${tripId}/files/${hash}`;
  const put = (token: string, tripId: string, bytes: Buffer, hash = sha(bytes)) =>
    fetch(url(tripId, hash), {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
  const get = (token: string, tripId: string, hash: string, headers: Record<string, string> = {}) =>
    fetch(url(tripId, hash), { headers: { authorization: `Bearer ${token}`, ...headers } });
  const problem = async (res: Response) => ({
    status: res.status,
    code: ((await res.json()) as { code: string }).code,
  });

  async function newTrip(): Promise<Doc> {
    const trip = (await owner.create('trips', [tripDoc(ownerId)]))[0]!;
    for (const [member, role] of [
      [editor, 'editor'],
      [viewer, 'viewer'],
    ] as const) {
      const code = (await api.post(`/trips/${trip.id}/invites`, { role }, { token: owner.token })).body.code;
      expect((await api.post(`/invites/${code}/accept`, undefined, { token: member.token })).status).toBe(
        200,
      );
    }
    return trip;
  }

  function documentDoc(tripId: string, bytes: Buffer, overrides: Partial<Doc> = {}): Doc {
    return {
      id: newId('doc'),
      tripId,
      reservationId: null,
      name: 'boarding-pass.pdf',
      mimeType: 'application/pdf',
      size: bytes.length,
      sha256: sha(bytes),
      addedBy: ownerId,
      _deleted: false,
      ...overrides,
    };
  }

  const filesOnDisk = async () => {
    const dir = documentFilesOf(server.ctx).dir;
    const names: string[] = [];
    for (const sub of await readdir(dir).catch(() => [] as string[])) {
      names.push(...(await readdir(path.join(dir, sub)).catch(() => [] as string[])));
    }
    return names;
  };

  it('uploads a PDF, serves it with ranges and safe headers, and is idempotent', async () => {
    const trip = await newTrip();
    const bytes = pdf('ICN-CJU KE1234');
    const hash = sha(bytes);
    const first = await put(owner.token, trip.id, bytes);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ sha256: hash, size: bytes.length, mimeType: 'application/pdf' });
    expect((await put(owner.token, trip.id, bytes)).status).toBe(200);

    for (const member of [owner, editor, viewer]) {
      const res = await get(member.token, trip.id, hash);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toMatch(/^private/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.pdf"$/);
    }
    const range = await get(viewer.token, trip.id, hash, { range: 'bytes=0-7' });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 0-7/${bytes.length}`);
    expect(Buffer.from(await range.arrayBuffer()).toString('latin1')).toBe('%PDF-1.4');
    const head = await fetch(url(trip.id, hash), {
      method: 'HEAD',
      headers: { authorization: `Bearer ${viewer.token}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));

    const image = await png();
    const stored = await put(editor.token, trip.id, image);
    expect(stored.status).toBe(201);
    expect((await get(owner.token, trip.id, sha(image))).headers.get('content-type')).toBe('image/png');
  });

  it('answers 404 to strangers, removed members and other trips; 403 to viewers uploading', async () => {
    const trip = await newTrip();
    const other = await newTrip();
    const bytes = pdf('stranger test');
    const hash = sha(bytes);
    expect((await put(owner.token, trip.id, bytes)).status).toBe(201);

    expect(await problem(await get(stranger.token, trip.id, hash))).toEqual({
      status: 404,
      code: 'not_found',
    });
    expect(await problem(await put(stranger.token, trip.id, bytes))).toEqual({
      status: 404,
      code: 'not_found',
    });
    // Holding another trip does not open this one's files, even to its own members.
    expect(await problem(await get(owner.token, other.id, hash))).toEqual({ status: 404, code: 'not_found' });
    expect(await problem(await put(viewer.token, trip.id, pdf('viewer')))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect((await fetch(url(trip.id, hash))).status).toBe(401);

    expect((await get(editor.token, trip.id, hash)).status).toBe(200);
    const removed = await api.delete(`/trips/${trip.id}/members/${editorId}`, undefined, {
      token: owner.token,
    });
    expect(removed.status).toBe(204);
    expect(await problem(await get(editor.token, trip.id, hash))).toEqual({ status: 404, code: 'not_found' });
    const missing = await get(owner.token, trip.id, sha(Buffer.from('never uploaded')));
    expect(await problem(missing)).toEqual({ status: 404, code: 'not_found' });
  });

  it('checks the content: a renamed .exe, a polyglot, a wrong hash and a too large file are refused', async () => {
    const trip = await newTrip();
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(62),
      Buffer.from('PE\0\0'),
      Buffer.alloc(200),
    ]);
    expect(await problem(await put(owner.token, trip.id, exe))).toEqual({
      status: 415,
      code: 'unsupported_type',
    });
    const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
    expect(await problem(await put(owner.token, trip.id, html))).toEqual({
      status: 415,
      code: 'unsupported_type',
    });

    // A PDF that is also a ZIP (the archive tucked in before %%EOF), a PNG with a script appended,
    // a PDF whose first bytes are also HTML.
    const pdfZip = Buffer.concat([pdf('zip inside').subarray(0, -7), EMPTY_ZIP, Buffer.from('\n%%EOF\n')]);
    const image = await noisyPng();
    expect(image.length).toBeGreaterThan(2048);
    expect((await put(owner.token, trip.id, image)).status).toBe(201);
    const pngScript = Buffer.concat([image, Buffer.from('<script>alert(1)</script>')]);
    const pdfHtml = Buffer.from(
      pdf('x').toString('latin1').replace('%PDF-1.4\n', '%PDF-1.4\n%<html><script>1</script>\n'),
      'latin1',
    );
    for (const polyglot of [pdfZip, pngScript, pdfHtml]) {
      expect(await problem(await put(owner.token, trip.id, polyglot))).toEqual({
        status: 415,
        code: 'polyglot_file',
      });
    }

    const bytes = pdf('hash check');
    const wrong = await put(owner.token, trip.id, bytes, sha(Buffer.from('something else')));
    expect(await problem(wrong)).toEqual({ status: 422, code: 'hash_mismatch' });
    const huge = Buffer.alloc(20 * 1024 * 1024 + 1);
    expect(await problem(await put(owner.token, trip.id, huge))).toEqual({
      status: 413,
      code: 'file_too_large',
    });
    await documentFilesOf(server.ctx).idle();
    expect(await readdir(path.join(documentFilesOf(server.ctx).dir, 'tmp'))).toEqual([]);
    expect((await api.get('/me/document-usage', { token: owner.token })).body.files).toBeGreaterThanOrEqual(
      0,
    );
  });

  it('enforces the quota, also under concurrent uploads, and reports usage', async () => {
    const uploader = await signUp(api, 'Quinn');
    const trip = (
      await syncClient(api, uploader.accessToken).create('trips', [tripDoc(uploader.user.id)])
    )[0]!;
    // 1 MB quota: five different 300 KB PDFs at once; exactly three fit.
    const files = Array.from({ length: 5 }, (_, i) => pdf(`quota ${i}`, 300 * 1024));
    const answers = await Promise.all(files.map((bytes) => put(uploader.accessToken, trip.id, bytes)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 413, 413]);
    for (const res of answers.filter((r) => r.status === 413)) {
      expect(((await res.json()) as { code: string }).code).toBe('quota_exceeded');
    }
    const usage = await api.get('/me/document-usage', { token: uploader.accessToken });
    expect(usage.body).toEqual({
      usedBytes: files[0]!.length * 3,
      limitBytes: 1024 * 1024,
      files: 3,
    });
    await documentFilesOf(server.ctx).idle();
    expect(await readdir(path.join(documentFilesOf(server.ctx).dir, 'tmp'))).toEqual([]);
  });

  it('collects a file once its last live document is deleted, and a deleted trip’s files', async () => {
    const trip = await newTrip();
    const bytes = pdf('collect me');
    const hash = sha(bytes);
    const a = documentDoc(trip.id, bytes);
    const b = documentDoc(trip.id, bytes, { name: 'copy.pdf' });
    await owner.create('documents', [a, b]);
    expect((await put(owner.token, trip.id, bytes)).status).toBe(201);
    const files = documentFilesOf(server.ctx);

    await owner.update('documents', a, { ...a, _deleted: true });
    await files.idle();
    expect((await get(editor.token, trip.id, hash)).status).toBe(200);
    expect(await filesOnDisk()).toContain(hash);

    await owner.update('documents', b, { ...b, _deleted: true });
    await files.idle();
    expect((await get(editor.token, trip.id, hash)).status).toBe(404);
    expect(await filesOnDisk()).not.toContain(hash);

    // A deleted trip: its documents are tombstoned with it, and its files go.
    const other = await newTrip();
    const kept = pdf('trip goes');
    await owner.create('documents', [documentDoc(other.id, kept)]);
    expect((await put(owner.token, other.id, kept)).status).toBe(201);
    await owner.update('trips', other, { ...other, _deleted: true });
    await files.idle();
    expect(await filesOnDisk()).not.toContain(sha(kept));

    // The periodic sweep: a file no document ever named, past the grace period.
    const orphan = pdf('nobody names me');
    expect((await put(owner.token, trip.id, orphan)).status).toBe(201);
    expect(await files.sweep()).toBe(0);
    expect(await files.sweep(0)).toBeGreaterThanOrEqual(1);
    expect(await filesOnDisk()).not.toContain(sha(orphan));
  });

  it('leaves nothing behind when an upload is interrupted', async () => {
    const trip = await newTrip();
    const bytes = pdf('interrupted', 200 * 1024);
    const target = new URL(url(trip.id, sha(bytes)));
    const files = documentFilesOf(server.ctx);
    const settled = once(files.events, 'upload-settled');
    const req = httpRequest({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'PUT',
      headers: { authorization: `Bearer ${owner.token}`, 'content-length': String(bytes.length) },
    });
    req.on('error', () => undefined);
    // A part of the body, then the client dies: the server sees the request end early.
    req.write(bytes.subarray(0, 64 * 1024), () => req.destroy());
    await settled;
    expect(await readdir(path.join(files.dir, 'tmp'))).toEqual([]);
    expect(await files.held(trip.id, sha(bytes))).toBeUndefined();
    expect(await filesOnDisk()).not.toContain(sha(bytes));
    expect((await get(owner.token, trip.id, sha(bytes))).status).toBe(404);
  });
});
