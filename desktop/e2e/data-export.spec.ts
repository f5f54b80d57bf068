// "Download my data" in the browser, through Nginx, against the real server and MariaDB: a
// user with a trip and a board post with a photo downloads the zip from My page (at 360 px)
// and finds the trip and the photo in it.
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures.js';
import { MyPage, PostEditorPage, PostViewPage, TripFormPage, TripPage } from './pages/index.js';
import { logIn } from './trip-session.js';

/** A 1×1 PNG: the server decodes and re-encodes it to WebP. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

test('download my data: the zip holds my trip and the photo of my post', async ({ page, server, signUp }) => {
  const word = randomBytes(3).toString('hex');
  const account = await signUp('Data Owner');
  const auth = { authorization: `Bearer ${account.accessToken}` };
  await logIn(page, account);

  // A trip made in the app, synced to the server.
  const tripTitle = `Gangneung coast ${word}`;
  await page.goto('/trips/new');
  await new TripFormPage(page).createTrip({
    title: tripTitle,
    region: 'Gangwon',
    startDate: '2027-08-01',
    endDate: '2027-08-02',
  });
  await expect(new TripPage(page).heading(tripTitle)).toBeVisible();
  await expect
    .poll(async () => {
      const pulled = await server.get('/api/sync/trips/pull', {
        headers: { ...auth, 'x-hamgaja-schema-version': '0' },
      });
      return ((await pulled.json()) as { documents: { title: string }[] }).documents.map((d) => d.title);
    })
    .toContain(tripTitle);

  // A board post with a photo.
  const editor = new PostEditorPage(page);
  await page.goto('/board/new');
  await editor.title.fill(`Sea view ${word}`);
  await editor.body.fill('Anmok beach coffee street at sunrise.');
  await editor.addImages([{ name: 'sea.png', mimeType: 'image/png', buffer: PHOTO }]);
  await editor.expectUploaded(1);
  const postId = await editor.publish();
  await expect(new PostViewPage(page).heading(`Sea view ${word}`)).toBeVisible();
  const post = (await (await server.get(`/api/posts/${postId}`)).json()) as { images: { key: string }[] };
  const [photo] = post.images;
  expect(photo).toBeDefined();

  // My page on a phone-sized screen: the section fits, and the download is a zip.
  await page.setViewportSize({ width: 360, height: 740 });
  const me = new MyPage(page);
  await me.goto();
  await expect(me.downloadSection).toContainText(me.t.download.hint);
  await expect(me.downloadButton).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const download = await me.downloadMyData();
  expect(download.suggestedFilename()).toMatch(/^hamgaja-data-\d{4}-\d\d-\d\d\.zip$/);
  await expect(me.downloadSection).toContainText(
    me.t.download.done.replace('{{fileName}}', download.suggestedFilename()),
  );

  const zip = unzipSync(new Uint8Array(await readFile(await download.path())));
  const json = strFromU8(zip['hamgaja-data.json']!);
  const archive = JSON.parse(json) as {
    format: string;
    user: { email: string };
    documents: { collection: string; document: { title?: string } }[];
    images: { imageKey: string; file: string | null }[];
  };
  expect(archive.format).toBe('hamgaja-data');
  expect(archive.user.email).toBe(account.email);
  expect(archive.documents).toContainEqual(
    expect.objectContaining({ collection: 'trips', document: expect.objectContaining({ title: tripTitle }) }),
  );
  expect(archive.images).toContainEqual(
    expect.objectContaining({ imageKey: photo!.key, file: `images/${photo!.key}.webp` }),
  );
  const served = Buffer.from(await (await server.get(`/api/images/${photo!.key}`)).body());
  expect(Buffer.from(zip[`images/${photo!.key}.webp`]!).equals(served)).toBe(true);
  expect(json).not.toContain(account.password);
  expect(json).not.toContain(account.refreshToken);
});
