/** Valid sample documents for the tests of this folder (not exported by the package). */
import type { ChecklistItem, Expense, Reservation, Stop, Trip } from './documents.js';

export function sampleTrip(overrides: Partial<Trip> = {}): Trip {
  return {
    id: 'trip-1',
    title: 'Jeju in spring',
    description: 'Canola flowers and oreum hikes',
    destination: { regionCode: '39', text: 'Jeju' },
    startDate: '2025-04-01',
    endDate: '2025-04-04',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    plannedBudget: 800_000,
    coverImage: null,
    notes: '',
    ownerId: 'user-a',
    ...overrides,
  };
}

export function sampleStop(overrides: Partial<Stop> = {}): Stop {
  return {
    id: 'stop-1',
    tripId: 'trip-1',
    day: 0,
    orderKey: 'a0',
    startTime: '09:00',
    durationMinutes: 120,
    place: {
      attractionId: '126438',
      name: '성산일출봉',
      lat: 33.4581,
      lng: 126.9425,
      address: '제주특별자치도 서귀포시 성산읍',
    },
    category: 'sightseeing',
    cost: { amount: 5000, currency: 'KRW' },
    note: '',
    travelMode: null,
    ...overrides,
  };
}

export function sampleChecklistItem(overrides: Partial<ChecklistItem> = {}): ChecklistItem {
  return { id: 'item-1', tripId: 'trip-1', text: 'Passport', done: false, orderKey: 'a0', ...overrides };
}

export function sampleExpense(overrides: Partial<Expense> = {}): Expense {
  return {
    id: 'expense-1',
    tripId: 'trip-1',
    amount: 32_000,
    currency: 'KRW',
    rate: null,
    paidBy: 'user-a',
    splitAmong: ['user-a', 'user-b'],
    category: 'food',
    date: '2025-04-01',
    stopId: 'stop-1',
    note: 'Black pork dinner',
    ...overrides,
  };
}

export function sampleReservation(overrides: Partial<Reservation> = {}): Reservation {
  return {
    id: 'reservation-1',
    tripId: 'trip-1',
    type: 'flight',
    title: 'Jeju Air 7C101',
    provider: 'Jeju Air',
    confirmationCode: 'K7X2QP',
    start: { date: '2025-04-01', time: '10:30', timeZone: 'Asia/Seoul' },
    end: { date: '2025-04-01', time: '11:40', timeZone: 'Asia/Seoul' },
    from: { name: 'ICN' },
    to: { name: 'CJU' },
    seats: '14A',
    cost: { amount: 89_000, currency: 'KRW' },
    expenseId: null,
    note: '',
    ...overrides,
  };
}
