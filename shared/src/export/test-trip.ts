/** A valid Korean trip for the export tests: 4 days, stops on days 0, 1 and 3 (day 2 is empty). */
import { expenseSchema, type ChecklistItem, type Expense, type Stop, type Trip } from '../sync/documents.js';
import { upgradeDocument } from '../sync/migrations.js';

export interface SampleBundle {
  trip: Trip;
  stops: Stop[];
  checklistItems: ChecklistItem[];
  expenses: Expense[];
}

export function sampleBundle(): SampleBundle {
  const trip: Trip = {
    id: 'trip-jeju',
    title: '제주 봄 여행',
    description: '유채꽃과 오름',
    destination: { regionCode: '39', text: '제주' },
    startDate: '2025-04-01',
    endDate: '2025-04-04',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    plannedBudget: 800_000,
    coverImage: null,
    notes: '',
    ownerId: 'user-a',
  };
  const stop = (id: string, day: number, orderKey: string, extra: Partial<Stop> = {}): Stop => ({
    id,
    tripId: trip.id,
    day,
    orderKey,
    startTime: '09:00',
    durationMinutes: 120,
    place: {
      attractionId: null,
      name: `장소 ${id}`,
      lat: 33.4581,
      lng: 126.9425,
      address: '제주특별자치도 서귀포시',
    },
    category: 'sightseeing',
    cost: { amount: 5000, currency: 'KRW' },
    note: '',
    travelMode: null,
    ...extra,
  });
  return {
    trip,
    stops: [
      stop('sunrise', 0, 'a0', {
        place: { name: '성산일출봉', lat: 33.4581, lng: 126.9425, address: '제주 서귀포시 성산읍' },
      }),
      stop('lunch', 0, 'a1', { startTime: '12:30', durationMinutes: null, category: 'food', note: '흑돼지' }),
      stop('museum', 1, 'a0', { startTime: null, cost: null, place: { name: 'Jeju Museum' } }),
      stop('airport', 3, 'a0', { startTime: '18:00', category: 'transport', travelMode: 'car' }),
    ],
    checklistItems: [{ id: 'passport', tripId: trip.id, text: '여권', done: false, orderKey: 'a0' }],
    expenses: [
      // Written in the oldest expense shape and upgraded, so it stays valid as the schema grows.
      expenseSchema.parse(
        upgradeDocument('expenses', {
          id: 'dinner',
          tripId: trip.id,
          amount: 32_000,
          currency: 'KRW',
          rate: null,
          paidBy: 'user-a',
          splitAmong: ['user-a', 'user-b'],
          category: 'food',
          date: '2025-04-01',
          stopId: 'lunch',
          note: '',
        }),
      ),
    ],
  };
}
