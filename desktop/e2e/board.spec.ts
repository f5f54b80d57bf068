// The community board in the browser, through Nginx, against the real server and MariaDB:
// write a post with two photos, another user comments, search and sort find it, the author
// edits and deletes it; share a trip to the board and copy it as another user.
import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { expect, test, type Account } from './fixtures.js';
import {
  BoardListPage,
  PostEditorPage,
  PostViewPage,
  ShareTripDialog,
  TripFormPage,
  TripPage,
} from './pages/index.js';
import { logIn, openDevice } from './trip-session.js';

/** A real PNG of one colour (CRC-checked chunks), so the server decodes and re-encodes it. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const auth = (account: Account) => ({ authorization: `Bearer ${account.accessToken}` });

async function createPost(server: APIRequestContext, account: Account, title: string): Promise<string> {
  const res = await server.post('/api/posts', {
    headers: auth(account),
    data: { title, body: `${title} body` },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test('write a post with two photos, comment as another user, search, sort, edit and delete', async ({
  page,
  browser,
  stack,
  server,
  signUp,
}) => {
  const word = `e2e${randomBytes(4).toString('hex')}`;
  const alice = await signUp('Alice Board');
  const bob = await signUp('Bob Reader');
  await logIn(page, alice);
  const list = new BoardListPage(page);
  const editor = new PostEditorPage(page);
  const post = new PostViewPage(page);

  await list.goto();
  await list.writeLink.click();
  await expect(page).toHaveURL(/\/board\/new$/);
  // Empty fields are explained before anything is sent.
  await page.getByRole('button', { name: editor.t.form.publish, exact: true }).click();
  await expect(page.getByText('Title is required.')).toBeVisible();

  const title = `Night market ${word}`;
  await editor.title.fill(title);
  await editor.body.fill('Gukje market at dusk: fish cakes, hotteok and lanterns.');
  // Wide red first, then tall blue; a text file is refused with the reason.
  await editor.addImages([
    { name: 'red.png', mimeType: 'image/png', buffer: png(48, 32, [220, 40, 40]) },
    { name: 'blue.png', mimeType: 'image/png', buffer: png(32, 48, [40, 60, 220]) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
  ]);
  await expect(editor.pickerErrors).toContainText('notes.txt: only photos');
  await editor.expectUploaded(2);
  // A file that claims to be a PNG but is not one: the server checks the content.
  await editor.addImages([
    { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('hello, I am text') },
  ]);
  await expect(editor.pickerErrors).toContainText('fake.png');
  expect(await editor.pickedNames).toEqual(['red.png', 'blue.png']);
  await editor.moveEarlier('blue.png').click();
  expect(await editor.pickedNames).toEqual(['blue.png', 'red.png']);
  const postId = await editor.publish();

  await expect(post.heading(title)).toBeVisible();
  await expect(post.images).toHaveCount(2);
  // The order chosen in the picker is the post's order: the tall blue photo first.
  const stored = (await (await server.get(`/api/posts/${postId}`)).json()) as {
    images: { width: number; height: number }[];
  };
  expect(stored.images.map((i) => [i.width, i.height])).toEqual([
    [32, 48],
    [48, 32],
  ]);
  // The lightbox opens on a photo, moves to the next, and closes with Escape.
  await post.openImage(1).click();
  await expect(post.lightbox).toBeVisible();
  await expect(post.lightbox).toContainText('1 of 2');
  await page.keyboard.press('ArrowRight');
  await expect(post.lightbox).toContainText('2 of 2');
  await page.keyboard.press('Escape');
  await expect(post.lightbox).toBeHidden();

  // Bob reads and comments; he gets no author controls.
  const bobDevice = await openDevice(browser, stack.baseURL, bob);
  const bobPost = new PostViewPage(bobDevice.page);
  await bobDevice.page.goto(`/board/${postId}`);
  await expect(bobPost.heading(title)).toBeVisible();
  await expect(bobPost.editLink).toHaveCount(0);
  await expect(bobPost.deleteButton).toHaveCount(0);
  await bobPost.addComment('Looks delicious! Which stall?');
  await bobPost.addComment('Typo, ignore this one');
  await bobPost.deleteComment('Typo, ignore this one');
  await expect(bobPost.comments).toHaveCount(1);
  // Bob cannot open the editor of Alice's post.
  await bobDevice.page.goto(`/board/${postId}/edit`);
  await expect(bobDevice.page.getByText(bobPost.t.form.notAuthor)).toBeVisible();
  await bobDevice.context.close();

  // Two more posts with the same word, to search and sort: views and comments differ.
  const quiet = `Quiet temple ${word}`;
  const busy = `Busy beach ${word}`;
  await createPost(server, alice, quiet);
  const busyId = await createPost(server, bob, busy);
  for (const text of ['one', 'two'])
    expect(
      (
        await server.post(`/api/posts/${busyId}/comments`, { headers: auth(alice), data: { body: text } })
      ).status(),
    ).toBe(201);

  await list.goto();
  await list.search(word);
  await expect(page).toHaveURL(new RegExp(`/board\\?q=${word}$`));
  await list.expectTitles([busy, quiet, title]);
  await expect(list.row(title)).toContainText('Alice Board');
  await expect(list.row(title)).toContainText('Comments: 1');
  await list.sortBy('comments');
  await expect(page).toHaveURL(new RegExp(`q=${word}&sort=comments`));
  await list.expectTitles([busy, title, quiet]);
  await list.sortBy('views');
  await expect(page).toHaveURL(/sort=views/);
  // Alice's post was read by Alice and Bob (2 views); the others by nobody.
  await expect.poll(async () => (await list.titles())[0]).toBe(title);
  // The address alone restores the list (a reload, a shared link).
  await page.reload();
  await expect(list.sortSelect).toHaveValue('views');
  await expect(list.searchBox).toHaveValue(word);
  await list.search(`${word} nothing-matches-this`);
  await expect(page.getByText(/No posts match/)).toBeVisible();

  // The author edits the title and removes a photo, then deletes the post.
  await page.goto(`/board/${postId}`);
  await post.editLink.click();
  await expect(editor.title).toHaveValue(title);
  const edited = `${title} (updated)`;
  await editor.title.fill(edited);
  const [firstPhoto = ''] = await editor.pickedNames;
  await editor.removeButton(firstPhoto).click();
  await editor.saveChanges();
  await expect(post.heading(edited)).toBeVisible();
  await expect(post.images).toHaveCount(1);
  await expect(post.comment('Looks delicious! Which stall?')).toBeVisible();

  // My page lists Alice's own posts.
  await page.goto('/me');
  await expect(page.getByRole('region', { name: 'My posts' })).toContainText(edited);

  await page.goto(`/board/${postId}`);
  await post.deletePost();
  expect((await server.get(`/api/posts/${postId}`)).status()).toBe(404);
  await list.search(word);
  await list.expectTitles([busy, quiet]);
});

test('share a trip to the board and copy it into another user’s trips', async ({
  page,
  browser,
  stack,
  signUp,
}) => {
  const alice = await signUp('Alice Planner');
  const bob = await signUp('Bob Copier');
  await logIn(page, alice);
  const tripTitle = `Busan weekend ${randomBytes(3).toString('hex')}`;
  await page.goto('/trips/new');
  await new TripFormPage(page).createTrip({
    title: tripTitle,
    region: 'Busan',
    startDate: '2027-07-01',
    endDate: '2027-07-02',
  });
  const trip = new TripPage(page);
  await expect(trip.heading(tripTitle)).toBeVisible();
  await trip.addStop({ day: 1, name: 'Haeundae beach', category: 'sightseeing', startTime: '10:00' });
  await trip.addStop({ day: 2, name: 'Jagalchi market', category: 'food', startTime: '12:00' });
  await trip.expectStops(1, ['Haeundae beach']);

  const postTitle = `My plan: ${tripTitle}`;
  const postId = await new ShareTripDialog(page).share(postTitle);
  const post = new PostViewPage(page);
  await expect(post.heading(postTitle)).toBeVisible();
  await expect(post.sharedTrip).toContainText(tripTitle);
  await expect(post.sharedTrip).toContainText('Haeundae beach');

  // The home page shows the newest posts.
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Latest on the board' })).toContainText(postTitle);

  // The list marks posts that carry a trip.
  const list = new BoardListPage(page);
  await list.goto(`?q=${encodeURIComponent(tripTitle)}`);
  await expect(list.row(postTitle)).toContainText(`Shared trip: ${tripTitle}`);

  const bobDevice = await openDevice(browser, stack.baseURL, bob);
  const bobPost = new PostViewPage(bobDevice.page);
  await bobDevice.page.goto(`/board/${postId}`);
  await expect(bobPost.sharedTrip).toContainText('Jagalchi market');
  await bobPost.copyTrip();
  const copy = new TripPage(bobDevice.page);
  // Told apart from the original by its title, in Bob's language.
  await expect(copy.heading(`${tripTitle} (copy)`)).toBeVisible();
  await copy.expectStops(1, ['Haeundae beach']);
  await copy.expectStops(2, ['Jagalchi market']);
  // It is Bob's own trip: he can edit it, and it is in his list.
  await expect(copy.editLink).toBeVisible();
  await bobDevice.page.goto('/trips');
  await expect(bobDevice.page.getByText(`${tripTitle} (copy)`)).toBeVisible();
  await bobDevice.context.close();
});

test('pages of 20: the page is in the address and survives a reload', async ({ page, server, signUp }) => {
  const word = `page${randomBytes(4).toString('hex')}`;
  const author = await signUp('Many Posts');
  for (let i = 1; i <= 22; i++)
    await createPost(server, author, `${word} number ${String(i).padStart(2, '0')}`);
  const list = new BoardListPage(page);
  await list.goto(`?q=${word}`);
  await expect(list.rows).toHaveCount(20);
  await expect(page.getByRole('heading', { name: `Results for “${word}”: 22` })).toBeVisible();
  const pages = page.getByRole('navigation', { name: list.t.pagination });
  await pages.getByRole('button', { name: list.t.next, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=${word}&page=2$`));
  await list.expectTitles([`${word} number 02`, `${word} number 01`]);
  await page.reload();
  await list.expectTitles([`${word} number 02`, `${word} number 01`]);
  await expect(pages.getByRole('button', { name: 'Go to page 2' })).toHaveAttribute('aria-current', 'page');
  await pages.getByRole('button', { name: list.t.previous, exact: true }).click();
  await expect(list.rows).toHaveCount(20);
  await expect(page).toHaveURL(new RegExp(`q=${word}$`));
});
