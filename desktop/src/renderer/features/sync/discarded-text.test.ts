import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initI18n, languages } from '../../i18n';
import { en } from '../../i18n/en';
import { ko } from '../../i18n/ko';
import type { DiscardedChange } from './discarded-changes';
import {
  discardedName,
  discardedReason,
  discardedText,
  type DiscardedReason,
  type TripPresence,
} from './discarded-text';

beforeAll(async () => {
  await initI18n({ language: 'en' });
});

const at = Date.UTC(2026, 4, 1, 1, 30);

function entry(change: Partial<DiscardedChange>): DiscardedChange {
  return {
    key: 'k',
    collection: 'trips',
    id: 'trip-1',
    tripId: 'trip-1',
    tripTitle: 'Busan weekend',
    stopName: null,
    status: 409,
    code: 'deleted_on_server',
    message: 'deleted on the server',
    document: null,
    at,
    ...change,
  };
}

const trip = {
  id: 'trip-1',
  title: 'Busan weekend',
  description: 'Sea, food\nand the night market',
  destination: { regionCode: '6', text: 'Haeundae' },
  startDate: '2026-05-01',
  endDate: '2026-05-03',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: 300_000,
  coverImage: null,
  notes: '',
  ownerId: 'minji',
  _deleted: false,
};
const stop = {
  id: 'stop-1',
  tripId: 'trip-1',
  day: 1,
  orderKey: 'a0',
  startTime: '10:00',
  durationMinutes: 90,
  place: { name: 'Gamcheon Culture Village', address: '203 Gamnae 2-ro', lat: 35.1, lng: 129.0 },
  category: 'sightseeing',
  cost: { amount: 5_000, currency: 'KRW' },
  note: 'Bring the camera',
  _deleted: false,
};
const item = { id: 'item-1', tripId: 'trip-1', text: 'Phone charger', done: true, orderKey: 'a0' };
const expense = {
  id: 'exp-1',
  tripId: 'trip-1',
  amount: 1_250,
  currency: 'USD',
  paidBy: 'jun',
  splitAmong: ['jun', 'me'],
  category: 'food',
  date: '2026-05-02',
  stopId: 'stop-1',
  note: 'Dinner',
};

const presences: TripPresence[] = ['present', 'gone', 'unknown'];
const collections = ['trips', 'stops', 'checklistItems', 'expenses'];
/** Every code the sync engine reports, and one it does not know. */
const codes = [
  'deleted_on_server',
  'refused',
  'forbidden',
  'invalid_reference',
  'validation_failed',
  'invalid_json',
  'batch_too_large',
  'payload_too_large',
  'something_new',
];

describe('discardedReason', () => {
  it('maps every code, collection and trip state to a message in both languages', () => {
    const used = new Set<DiscardedReason>();
    for (const code of codes)
      for (const collection of collections)
        for (const presence of presences)
          for (const deletion of [false, true]) {
            const reason = discardedReason({ code, collection, document: { _deleted: deletion } }, presence);
            used.add(reason);
            for (const language of languages) {
              const text = i18n.getFixedT(language)(`discarded.reasons.${reason}`);
              expect(text, `${language} ${code} ${collection} ${presence}`).not.toContain('discarded.');
              expect(text.trim().length).toBeGreaterThan(10);
            }
          }
    // No message is unreachable.
    expect([...used].sort()).toEqual(Object.keys(en.discarded.reasons).sort());
    expect(Object.keys(ko.discarded.reasons).sort()).toEqual(Object.keys(en.discarded.reasons).sort());
  });

  it('says the owner deleted the trip', () => {
    const reason = discardedReason({ code: 'deleted_on_server', collection: 'trips' }, 'gone');
    expect(i18n.getFixedT('ko')(`discarded.reasons.${reason}`)).toBe(
      '이 여행은 소유자가 삭제해서 오프라인에서 한 수정은 저장되지 않았어요.',
    );
    expect(i18n.getFixedT('en')(`discarded.reasons.${reason}`)).toBe(
      'The owner deleted this trip, so the edits you made offline were not saved.',
    );
  });

  it('tells a deleted trip from a deleted stop, and lost access from a lowered role', () => {
    const stops = { collection: 'stops' };
    expect(discardedReason({ ...stops, code: 'deleted_on_server' }, 'gone')).toBe('inDeletedTrip');
    expect(discardedReason({ ...stops, code: 'deleted_on_server' }, 'present')).toBe('deletedByOther');
    expect(discardedReason({ ...stops, code: 'deleted_on_server' }, 'unknown')).toBe('deletedOnServer');
    expect(discardedReason({ ...stops, code: 'refused' }, 'gone')).toBe('accessLost');
    expect(discardedReason({ ...stops, code: 'refused' }, 'present')).toBe('roleLowered');
    expect(discardedReason({ ...stops, code: 'refused' }, 'unknown')).toBe('notAllowed');
    expect(discardedReason({ ...stops, code: 'forbidden' }, 'present')).toBe('forbidden');
    expect(discardedReason({ ...stops, code: 'forbidden' }, 'gone')).toBe('accessLost');
    expect(discardedReason({ ...stops, code: 'invalid_reference' }, 'present')).toBe('invalidReference');
    expect(discardedReason({ ...stops, code: 'validation_failed' }, 'present')).toBe('invalid');
    expect(discardedReason({ ...stops, code: 'batch_too_large' }, 'present')).toBe('tooLarge');
    expect(discardedReason({ ...stops, code: 'teapot' }, 'present')).toBe('other');
    // An editor's deletion of the trip itself: only its owner may.
    const tripDeletion = { collection: 'trips', code: 'refused', document: { _deleted: true } };
    expect(discardedReason(tripDeletion, 'present')).toBe('tripDeleteNotAllowed');
    expect(discardedReason(tripDeletion, 'gone')).toBe('accessLost');
    expect(i18n.getFixedT('ko')('discarded.reasons.roleLowered')).toBe(
      '이제 이 여행을 보기만 할 수 있어서 내 변경은 저장되지 않았어요.',
    );
  });
});

describe('discardedName', () => {
  it('names each kind of thing the way the traveller knows it', () => {
    expect(discardedName(entry({ document: trip }), 'en')).toBe('Busan weekend');
    expect(discardedName(entry({ collection: 'stops', document: stop }), 'en')).toBe(
      'Gamcheon Culture Village',
    );
    expect(discardedName(entry({ collection: 'checklistItems', document: item }), 'en')).toBe(
      'Phone charger',
    );
    expect(discardedName(entry({ collection: 'expenses', document: expense }), 'en')).toBe('$12.50 · Dinner');
    expect(discardedName(entry({ collection: 'expenses', document: { ...expense, note: ' ' } }), 'ko')).toBe(
      'US$12.50',
    );
    expect(discardedName(entry({ document: null }), 'en')).toBeNull();
  });
});

function textOf(change: Partial<DiscardedChange>, language: 'en' | 'ko') {
  const t = i18n.getFixedT(language);
  const value = entry(change);
  return discardedText(value, {
    t,
    language,
    reason: t(`discarded.reasons.${discardedReason(value, 'gone')}`),
    memberName: (id) => (id === 'me' ? t('conflicts.me') : id === 'jun' ? 'Jun' : t('conflicts.someone')),
  });
}

const when = (language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));

describe('discardedText (Copy text)', () => {
  it('writes out a trip with labelled fields, whole multi-line text and no bookkeeping fields', () => {
    expect(textOf({ document: trip }, 'en')).toBe(
      [
        'Not saved: Trip “Busan weekend”',
        'Why: The owner deleted this trip, so the edits you made offline were not saved.',
        `When: ${when('en')}`,
        '',
        'Title: Busan weekend',
        'Description:',
        '  Sea, food',
        '  and the night market',
        'Destination: Busan · Haeundae',
        'Start date: May 1, 2026',
        'End date: May 3, 2026',
        'Time zone: Asia/Seoul',
        'Currency: KRW',
        'Budget: ₩300,000',
        '',
        'Technical details: 409 deleted_on_server',
      ].join('\n'),
    );
  });

  it('writes out a stop in Korean', () => {
    expect(textOf({ collection: 'stops', id: 'stop-1', document: stop }, 'ko')).toBe(
      [
        '저장되지 않음: 일정 “Gamcheon Culture Village”',
        '여행: Busan weekend',
        '이유: 이 여행은 소유자가 삭제해서 오프라인에서 한 변경은 저장되지 않았어요.',
        `시각: ${when('ko')}`,
        '',
        '날짜: 2일차',
        '시작 시간: 10:00',
        '소요 시간: 90분',
        '장소: Gamcheon Culture Village, 203 Gamnae 2-ro',
        '분류: 관광',
        '비용: ₩5,000',
        '메모: Bring the camera',
        '',
        '기술 정보: 409 deleted_on_server',
      ].join('\n'),
    );
  });

  it('writes out a checklist item and an expense with names of people and of its stop', () => {
    expect(
      textOf({ collection: 'checklistItems', code: 'refused', status: 409, document: item }, 'en'),
    ).toContain(['Text: Phone charger', 'Tick: done'].join('\n'));
    const text = textOf(
      {
        collection: 'expenses',
        code: 'invalid_reference',
        status: 422,
        document: expense,
        stopName: 'Jagalchi',
      },
      'en',
    );
    expect(text).toContain('Not saved: Expense “$12.50 · Dinner”');
    expect(text).toContain(
      'Why: It pointed to a stop or a person that is no longer part of this trip, so it was not saved.',
    );
    expect(text).toContain(
      [
        'Amount: $12.50',
        'Payer: Jun',
        'Split: Jun, you',
        'Category: Food',
        'Date: May 2, 2026',
        'Stop: Jagalchi',
        'Note: Dinner',
      ].join('\n'),
    );
    expect(text).toContain('Technical details: 422 invalid_reference');
  });

  it('says when the lost change was a deletion, and when its content is unknown', () => {
    expect(textOf({ collection: 'stops', document: { ...stop, _deleted: true } }, 'en')).toContain(
      'Change: deleted on this device',
    );
    expect(textOf({ collection: 'stops', document: null }, 'ko')).toContain(
      '(이 기기에 변경 내용이 남아 있지 않아요.)',
    );
  });
});
