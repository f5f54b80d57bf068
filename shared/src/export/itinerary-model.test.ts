import { describe, expect, it } from 'vitest';
import { expenseSchema } from '../sync/documents.js';
import { upgradeDocument } from '../sync/migrations.js';
import { itineraryModel } from './itinerary-model.js';
import { sampleBundle } from './test-trip.js';

describe('itineraryModel', () => {
  it('lays the trip out day by day with times, places, addresses, travel and notes', () => {
    const model = itineraryModel(sampleBundle(), 'en');
    expect(model.title).toBe('제주 봄 여행');
    expect(model.dates).toBe('Tuesday, April 1, 2025 – Friday, April 4, 2025');
    expect(model.days.map((d) => [d.label, d.stops.map((s) => s.id)])).toEqual([
      ['Day 1', ['sunrise', 'lunch']],
      ['Day 2', ['museum']],
      ['Day 3', []],
      ['Day 4', ['airport']],
    ]);
    const [sunrise, lunch] = model.days[0]!.stops;
    expect(sunrise).toMatchObject({
      time: '09:00',
      timed: true,
      duration: '2 h',
      name: '성산일출봉',
      address: '제주 서귀포시 성산읍',
      categoryLabel: 'Sightseeing',
      cost: 'Cost ₩5,000',
      travel: null,
    });
    expect(lunch).toMatchObject({ time: '12:30', duration: null, note: '흑돼지', categoryLabel: 'Food' });
    expect(model.days[1]!.stops[0]).toMatchObject({
      time: 'Any time',
      timed: false,
      address: null,
      cost: null,
    });
    expect(model.days[3]!.stops[0]!.travel).toBe('Getting there: Car');
    expect(model.checklist).toEqual([{ text: '여권', done: false }]);
  });

  it('totals the budget: planned stop costs, spent, left or over, and unconverted currencies', () => {
    const bundle = sampleBundle();
    expect(itineraryModel(bundle, 'ko').budget).toEqual({
      summary: '일정 4개 · 일정 비용 합계 ₩15,000 · 예산 ₩800,000',
      planned: '₩800,000',
      plannedCost: '₩15,000',
      expenseCount: 1,
      expensesLabel: '경비 1건',
      spent: '₩32,000',
      remaining: { label: '남은 예산', amount: '₩768,000', over: false },
      otherCurrencies: [],
    });
    const yen = expenseSchema.parse(
      upgradeDocument('expenses', {
        ...bundle.expenses[0]!,
        id: 'sushi',
        currency: 'JPY',
        amount: 3000,
        rate: null,
      }),
    );
    bundle.trip = { ...bundle.trip, plannedBudget: 20_000 };
    bundle.expenses.push(yen);
    const budget = itineraryModel(bundle, 'en').budget;
    expect(budget.remaining).toEqual({ label: 'Over budget', amount: '₩12,000', over: true });
    expect(budget.otherCurrencies).toEqual(['¥3,000']);
    expect(budget.expensesLabel).toBe('Expenses: 2');
    bundle.trip = { ...bundle.trip, plannedBudget: null };
    expect(itineraryModel(bundle, 'en').budget.remaining).toBeNull();
  });
});
