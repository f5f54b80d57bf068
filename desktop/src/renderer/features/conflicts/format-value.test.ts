import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import { fieldLabel, formatLostValue, formatMoney, type ValueContext } from './format-value';

beforeAll(async () => {
  await initI18n({ language: 'en' });
});

function context(doc: Record<string, unknown> = {}, language = 'en'): ValueContext {
  return {
    t: i18n.getFixedT(language),
    language,
    doc,
    memberName: (id) => ({ minji: 'Minji', jun: 'Jun' })[id] ?? 'Someone',
    stopName: (id) => (id === 'stop-1' ? 'Gamcheon Culture Village' : null),
  };
}

describe('formatLostValue', () => {
  it('shows text quoted and empty values as empty', () => {
    expect(formatLostValue('title', 'Busan weekend', context())).toBe('“Busan weekend”');
    expect(formatLostValue('note', '', context())).toBe(i18n.getFixedT('en')('conflicts.values.empty'));
    expect(formatLostValue('note', undefined, context())).toBe(
      i18n.getFixedT('en')('conflicts.values.empty'),
    );
  });

  it('shows money in the document currency from minor units', () => {
    expect(formatLostValue('amount', 1_250, context({ currency: 'USD' }))).toBe('$12.50');
    expect(formatLostValue('plannedBudget', 300_000, context({ currency: 'KRW' }))).toBe('₩300,000');
    expect(formatLostValue('cost', { amount: 5_000, currency: 'JPY' }, context())).toBe('¥5,000');
  });

  it('names people, stops, days, categories and durations', () => {
    expect(formatLostValue('paidBy', 'jun', context())).toBe('Jun');
    expect(formatLostValue('splitAmong', ['minji', 'jun'], context())).toBe('Minji, Jun');
    expect(formatLostValue('stopId', 'stop-1', context())).toBe('Gamcheon Culture Village');
    expect(formatLostValue('stopId', 'stop-9', context())).toBe('a deleted stop');
    expect(formatLostValue('day', 1, context())).toBe('Day 2');
    expect(formatLostValue('category', 'food', context())).toBe(
      i18n.getFixedT('en')('expenses.categories.food'),
    );
    expect(formatLostValue('durationMinutes', 90, context())).toBe('90 minutes');
    expect(formatLostValue('done', true, context())).toBe(i18n.getFixedT('en')('conflicts.values.done'));
    expect(formatLostValue('place', { name: 'Haeundae Beach' }, context())).toBe('“Haeundae Beach”');
  });

  it('formats dates for the language', () => {
    expect(formatLostValue('startDate', '2026-05-01', context())).toBe('May 1, 2026');
    expect(formatLostValue('startDate', '2026-05-01', context({}, 'ko'))).toBe('2026. 5. 1.');
  });

  it('cuts very long text', () => {
    const text = formatLostValue('notes', 'x'.repeat(500), context());
    expect(text.length).toBeLessThan(130);
    expect(text).toContain('…');
  });
});

describe('fieldLabel and formatMoney', () => {
  it('translates known fields and shows unknown ones as they are', () => {
    expect(fieldLabel(i18n.getFixedT('ko'), 'title')).toBe('제목');
    expect(fieldLabel(i18n.getFixedT('en'), 'mystery')).toBe('mystery');
  });

  it('formats minor units for each currency', () => {
    expect(formatMoney(12_000, 'KRW', 'ko')).toBe('₩12,000');
    expect(formatMoney(1_234, 'BHD', 'en').replace(/\s/g, ' ')).toBe('BHD 1.234');
  });
});
