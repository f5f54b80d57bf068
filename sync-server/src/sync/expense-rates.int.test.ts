// Expenses schema version 1 (the exchange rate captured on an expense, `rate`), rule 10: an app
// still on version 0 is told to update and writes nothing; version-1 apps replicate the rate;
// expenses stored in the version-0 shape are answered with `rate: null`, and compare equal to
// it (rule 2). A currency that is not an ISO 4217 code ("WON") is refused like any invalid
// document.
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncedCollections, UNKNOWN_CURRENCY_MESSAGE } from '@hamgaja/shared';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import {
  expenseDoc,
  schemaHeaders,
  syncClient,
  syncState,
  tripDoc,
  type Doc,
  type SyncClient,
} from './testing.js';

const yenRate = { to: 'KRW', value: '9.12', source: 'feed', date: '2026-12-04' };

describe('expenses schema version 1: rate', () => {
  let server: TestServer;
  let api: Client;
  let alice: SyncClient & { id: string };
  let bob: SyncClient & { id: string };
  let trip: Doc;
  const v0 = { 'x-hamgaja-schema-version': '0' };

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    const a = await signUp(api, 'Alice');
    const b = await signUp(api, 'Bob');
    alice = { ...syncClient(api, a.accessToken), id: a.user.id };
    bob = { ...syncClient(api, b.accessToken), id: b.user.id };
    trip = (await alice.create('trips', [tripDoc(alice.id, { currency: 'KRW' })]))[0]!;
    const invite = await api.post(`/trips/${trip.id}/invites`, { role: 'editor' }, { token: alice.token });
    expect(
      (await api.post(`/invites/${invite.body.code}/accept`, undefined, { token: bob.token })).status,
    ).toBe(200);
  });
  afterAll(() => server.stop());

  it('is version 1 of expenses', () => {
    expect(syncedCollections.expenses.version).toBe(1);
    expect(schemaHeaders('expenses')).toEqual({ 'x-hamgaja-schema-version': '1' });
  });

  it('answers an app on expenses version 0 with 426, writing nothing', async () => {
    const before = await syncState(server);
    const pushed = await api.post(
      '/sync/expenses/push',
      [{ newDocumentState: expenseDoc(trip.id, alice.id, { rate: undefined }) }],
      { token: alice.token, headers: v0 },
    );
    expectProblem(pushed, 426, 'upgrade_required');
    expectProblem(
      await api.get('/sync/expenses/pull', { token: alice.token, headers: v0 }),
      426,
      'upgrade_required',
    );
    expect(await syncState(server)).toEqual(before);
  });

  it('replicates a yen expense with its captured rate to another member, unchanged', async () => {
    const ramen = expenseDoc(trip.id, alice.id, {
      amount: 1_500,
      currency: 'JPY',
      rate: yenRate,
      splitAmong: [alice.id, bob.id],
    });
    await alice.create('expenses', [ramen]);
    const pulled = (await bob.pullAll('expenses')).documents.find((d) => d.id === ramen.id);
    expect(pulled).toEqual(ramen);
    // Typed by hand later: an edit like any other.
    await bob.update('expenses', ramen, { ...ramen, rate: { ...yenRate, value: '9.5', source: 'manual' } });
  });

  it('refuses "WON" and other codes that are not currencies, and malformed rates, writing nothing', async () => {
    const before = await syncState(server);
    for (const [bad, field] of [
      [expenseDoc(trip.id, alice.id, { currency: 'WON' }), 'currency'],
      [expenseDoc(trip.id, alice.id, { currency: 'XXX' }), 'currency'],
      [expenseDoc(trip.id, alice.id, { currency: 'JPY', rate: { ...yenRate, to: 'WON' } }), 'rate'],
      [expenseDoc(trip.id, alice.id, { currency: 'JPY', rate: { ...yenRate, value: 9.12 } }), 'rate'],
      [expenseDoc(trip.id, alice.id, { currency: 'JPY', rate: { ...yenRate, value: '0' } }), 'rate'],
      [expenseDoc(trip.id, alice.id, { currency: 'JPY', rate: { ...yenRate, source: 'bank' } }), 'rate'],
      [expenseDoc(trip.id, alice.id, { rate: undefined }), 'rate'],
    ] as const) {
      const res = await alice.push('expenses', [
        { newDocumentState: JSON.parse(JSON.stringify(bad)) as Doc },
      ]);
      expectProblem(res, 400, 'validation_failed');
      expect(JSON.stringify(res.body)).toContain(field);
    }
    const won = await alice.push('expenses', [
      { newDocumentState: expenseDoc(trip.id, alice.id, { currency: 'WON' }) },
    ]);
    expect(JSON.stringify(won.body)).toContain(UNKNOWN_CURRENCY_MESSAGE);
    // A trip in "WON" is refused the same way.
    const wonTrip = await alice.push('trips', [{ newDocumentState: tripDoc(alice.id, { currency: 'WON' }) }]);
    expectProblem(wonTrip, 400, 'validation_failed');
    expect(await syncState(server)).toEqual(before);
  });

  it('answers expenses stored before version 1 with rate null, and an edit based on that is no conflict', async () => {
    const dinner = expenseDoc(trip.id, alice.id, { note: 'stored by the old server' });
    await alice.create('expenses', [dinner]);
    const { rate: _dropped, ...old } = dinner;
    await server.ctx.db.sequelize.query(
      "UPDATE sync_documents SET data = $data WHERE collection = 'expenses' AND id = $id",
      { bind: { data: JSON.stringify(old), id: dinner.id }, type: QueryTypes.UPDATE },
    );
    for (const who of [alice, bob]) {
      const pulled = (await who.pullAll('expenses')).documents.find((d) => d.id === dinner.id);
      expect(pulled).toEqual({ ...old, rate: null });
    }
    expect((await alice.push('expenses', [{ newDocumentState: dinner }])).body).toEqual([]);
    const conflict = await bob.push('expenses', [
      { newDocumentState: { ...dinner, note: 'stale' }, assumedMasterState: { ...dinner, note: 'older' } },
    ]);
    expect(conflict.body).toEqual([{ ...old, rate: null }]);
    await alice.update('expenses', dinner, { ...dinner, note: 'edited' });
  });
});
