// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Expense, Stop, Trip } from '@hamgaja/shared';
import { useLanguage } from '../../app/test-utils';
import type { ExpenseFields } from './expense-form';
import { ExpensesView, type ExpensesViewProps } from './ExpensesView';

beforeAll(async () => {
  await useLanguage('en');
});

const trip: Trip = {
  id: 'trip-1',
  title: 'Busan weekend',
  description: '',
  destination: { regionCode: '6' },
  startDate: '2026-05-01',
  endDate: '2026-05-03',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: 100_000,
  coverImage: null,
  notes: '',
  ownerId: 'minji',
};
const stops: Stop[] = [
  {
    id: 'stop-1',
    tripId: 'trip-1',
    day: 0,
    orderKey: 'a0',
    startTime: '18:00',
    durationMinutes: 90,
    place: { name: 'Jagalchi Market' },
    category: 'food',
    cost: { amount: 40_000, currency: 'KRW' },
    note: '',
    travelMode: null,
  },
];
const people = [
  { userId: 'minji', name: 'Minji', current: true },
  { userId: 'jun', name: 'Jun', current: true },
  { userId: 'sora', name: 'Sora', current: true },
];
const dinner: Expense = {
  id: 'e1',
  tripId: 'trip-1',
  amount: 90_000,
  currency: 'KRW',
  rate: null,
  paidBy: 'minji',
  splitAmong: ['minji', 'jun', 'sora'],
  category: 'food',
  date: '2026-05-01',
  stopId: 'stop-1',
  note: 'Dinner',
};
const taxi: Expense = {
  ...dinner,
  id: 'e2',
  amount: 30_000,
  paidBy: 'jun',
  splitAmong: ['jun', 'sora'],
  category: 'transport',
  note: 'Taxi',
  stopId: null,
};

function show(props: Partial<ExpensesViewProps> = {}) {
  const saved: [string | null, ExpenseFields][] = [];
  const deleted: string[] = [];
  render(
    <ExpensesView
      trip={trip}
      stops={stops}
      expenses={[dinner, taxi]}
      people={people}
      me="minji"
      canEdit
      onSave={async (id, fields) => {
        saved.push([id, fields]);
      }}
      onDelete={async (expense) => {
        deleted.push(expense.id);
      }}
      {...props}
    />,
  );
  return { saved, deleted, user: userEvent.setup({ delay: null }) };
}

describe('ExpensesView', () => {
  it('shows the budget against what was spent', () => {
    show();
    const budget = screen.getByRole('heading', { name: 'Budget' }).closest('section') as HTMLElement;
    expect(within(budget).getByText('₩100,000')).toBeTruthy();
    expect(within(budget).getByText('₩40,000')).toBeTruthy();
    expect(within(budget).getByText('₩120,000')).toBeTruthy();
    expect(within(budget).getByText('₩20,000 over budget.')).toBeTruthy();
  });

  it('lists who paid and the fewest transfers that settle up', () => {
    show();
    const list = screen.getByRole('list', { name: 'All expenses' });
    expect(
      within(list).getByText('paid by Minji (you) · split 3 ways · Jagalchi Market', { exact: false }),
    ).toBeTruthy();
    // Minji paid 90,000 (share 30,000); Jun paid 30,000 (shares 30,000 + 15,000); Sora paid nothing (45,000).
    const settle = screen.getByRole('list', { name: 'Settle up' });
    expect(
      within(settle)
        .getAllByRole('listitem')
        .map((row) => row.querySelector('.visually-hidden')?.textContent),
    ).toEqual(['Sora pays Minji (you) ₩45,000', 'Jun pays Minji (you) ₩15,000']);
  });

  it('adds an expense split among the people picked', async () => {
    const { saved, user } = show();
    await user.click(screen.getByRole('button', { name: 'Add expense' }));
    const dialog = screen.getByRole('dialog', { name: 'Add an expense' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Enter the amount.')).toBeTruthy();
    expect(saved).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: /Amount/ }), '45,000');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Paid by' }), 'jun');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Sora' }));
    expect(within(dialog).getByText('₩22,500 each')).toBeTruthy();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Category' }), 'lodging');
    await user.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'Guesthouse');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(saved).toEqual([
      [
        null,
        expect.objectContaining({
          amount: 45_000,
          currency: 'KRW',
          paidBy: 'jun',
          splitAmong: ['minji', 'jun'],
          category: 'lodging',
          note: 'Guesthouse',
        }),
      ],
    ]);
  });

  it('edits an expense with its values filled in', async () => {
    const { saved, user } = show();
    await user.click(screen.getByRole('button', { name: 'Edit expense “Taxi”' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit the expense' });
    const amount = within(dialog).getByRole('textbox', { name: /Amount/ });
    expect((amount as HTMLInputElement).value).toBe('30000');
    await user.clear(amount);
    await user.type(amount, '32000');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(saved).toEqual([
      ['e2', expect.objectContaining({ amount: 32_000, paidBy: 'jun', splitAmong: ['jun', 'sora'] })],
    ]);
  });

  it('asks before deleting', async () => {
    const { deleted, user } = show();
    await user.click(screen.getByRole('button', { name: 'Delete expense “Dinner”' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(deleted).toEqual(['e1']);
  });

  it('adds a yen expense at the rate from the device, and counts it in won everywhere', async () => {
    const rates = {
      base: 'EUR',
      date: '2026-12-04',
      fetchedAt: '2026-12-04T16:00:00.000Z',
      source: 'ECB',
      state: 'current' as const,
      rates: { JPY: '163.45', KRW: '1490.73' },
    };
    const { saved, user } = show({ rates, expenses: [] });
    await user.click(screen.getByRole('button', { name: 'Add expense' }));
    const dialog = screen.getByRole('dialog', { name: 'Add an expense' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Currency' }), 'JPY');
    const rate = within(dialog).getByRole('textbox', { name: 'Exchange rate to KRW' });
    expect((rate as HTMLInputElement).value).toBe('9.1204');
    await user.type(within(dialog).getByRole('textbox', { name: /Amount/ }), '1500');
    expect(
      within(dialog).getByText(/1 JPY = 9\.1204 KRW \(ECB, 2026-12-04\) · ₩13,681 in the trip currency/),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(saved).toEqual([
      [
        null,
        expect.objectContaining({
          amount: 1_500,
          currency: 'JPY',
          rate: { to: 'KRW', value: '9.1204', source: 'feed', date: '2026-12-04' },
        }),
      ],
    ]);
  });

  it('shows a yen expense in won with its original amount; one without a rate is left out and says so', () => {
    const yenRate = { to: 'KRW', value: '9.12', source: 'feed', date: '2026-12-04' } as const;
    const ramen: Expense = {
      ...dinner,
      id: 'e3',
      amount: 3_000,
      currency: 'JPY',
      rate: yenRate,
      note: 'Ramen',
    };
    const sushi: Expense = { ...dinner, id: 'e4', amount: 5_000, currency: 'JPY', rate: null, note: 'Sushi' };
    show({ expenses: [dinner, ramen, sushi] });
    const row = screen.getByRole('listitem', { name: 'Ramen' });
    expect(row.querySelector('[data-converted]')?.textContent).toBe('₩27,360');
    expect(row.querySelector('[data-original]')?.textContent).toBe('paid ¥3,000');
    expect(within(screen.getByRole('listitem', { name: 'Sushi' })).getByText('Rate needed')).toBeTruthy();
    const budget = screen.getByRole('heading', { name: 'Budget' }).closest('section') as HTMLElement;
    expect(within(budget).getByText('₩117,360')).toBeTruthy();
    const totals = screen.getByRole('list', { name: 'By category in KRW' });
    expect(totals.querySelector('[data-total]')?.textContent).toBe('₩117,360');
    expect(
      screen.getAllByText('1 expense has no exchange rate yet and is not counted. Edit it to add one.'),
    ).toHaveLength(2);
    // 117,360 split three ways: Minji paid it all.
    const settle = screen.getByRole('list', { name: 'Settle up' });
    expect(
      within(settle)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('.visually-hidden')?.textContent),
    ).toEqual(['Jun pays Minji (you) ₩39,120', 'Sora pays Minji (you) ₩39,120']);
  });

  it('is read-only for viewers', () => {
    show({ canEdit: false });
    expect(screen.queryByRole('button', { name: 'Add expense' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit expense/ })).toBeNull();
    expect(screen.getByRole('list', { name: 'Settle up' })).toBeTruthy();
  });
});
