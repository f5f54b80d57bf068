import { describe, expect, it } from 'vitest';
import { stopSchema, type Stop } from '@hamgaja/shared';
import {
  emptyStopForm,
  stopChanges,
  stopFromForm,
  stopToForm,
  validateStopForm,
  type StopFormValues,
} from './stop-form';

const form = (change: Partial<StopFormValues> = {}): StopFormValues => ({
  ...emptyStopForm(1, 'KRW'),
  name: ' Seongsan Ilchulbong ',
  startTime: '09:00',
  duration: '90',
  cost: '5,000',
  ...change,
});
const identity = { id: 'stop-1', tripId: 'trip-1', orderKey: 'a0' };

describe('validateStopForm', () => {
  it('accepts a filled form and an almost empty one', () => {
    expect(validateStopForm(form(), 3)).toEqual({});
    expect(validateStopForm(form({ startTime: '', duration: '', cost: '' }), 3)).toEqual({});
  });

  it('explains each problem on its field', () => {
    expect(
      validateStopForm(form({ name: ' ', duration: '1.5', cost: '-1', day: '3', lat: '91', lng: '' }), 3),
    ).toEqual({
      name: 'nameRequired',
      duration: 'durationInvalid',
      cost: 'costInvalid',
      day: 'dayInvalid',
      lat: 'latInvalid',
    });
    expect(validateStopForm(form({ lat: '33.46' }), 3)).toEqual({ lng: 'coordsTogether' });
    expect(validateStopForm(form({ startTime: '25:00' }), 3)).toEqual({ startTime: 'timeInvalid' });
    expect(validateStopForm(form({ costCurrency: 'US' }), 3)).toEqual({ costCurrency: 'currencyInvalid' });
    expect(validateStopForm(form({ duration: String(7 * 24 * 60 + 1) }), 3)).toEqual({
      duration: 'durationInvalid',
    });
  });
});

describe('stopFromForm / stopChanges', () => {
  it('builds a free-place stop the shared schema accepts', () => {
    const result = stopFromForm(
      form({ address: ' Seogwipo ', lat: '33.46', lng: '126.94', note: ' sunrise ' }),
      identity,
      3,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(stopSchema.safeParse(result.value).success).toBe(true);
    expect(result.value).toEqual({
      ...identity,
      day: 1,
      startTime: '09:00',
      durationMinutes: 90,
      place: { name: 'Seongsan Ilchulbong', lat: 33.46, lng: 126.94, address: 'Seogwipo' },
      category: 'sightseeing',
      cost: { amount: 5000, currency: 'KRW' },
      note: 'sunrise',
      // Not chosen yet: the app uses a default from the distance.
      travelMode: null,
    });
  });

  it('leaves the travel mode of an edited stop alone', () => {
    const created = stopFromForm(form(), identity, 3);
    if (!created.ok) throw new Error('expected a stop');
    const stop: Stop = { ...created.value, travelMode: 'transit' };
    expect(stopChanges(stop, { ...stopToForm(stop, 'KRW'), note: 'changed' }, 3)).toEqual({
      ok: true,
      value: { note: 'changed' },
    });
  });

  it('stores no time, duration or cost when they are left blank', () => {
    const result = stopFromForm(form({ startTime: '', duration: '', cost: '' }), identity, 3);
    expect(result.ok && result.value).toMatchObject({ startTime: null, durationMinutes: null, cost: null });
  });

  it('patches only changed fields and keeps a catalog link', () => {
    const created = stopFromForm(form(), identity, 3);
    if (!created.ok) throw new Error('expected a stop');
    const stop: Stop = { ...created.value, place: { ...created.value.place, attractionId: '126508' } };
    expect(stopChanges(stop, stopToForm(stop, 'KRW'), 3)).toEqual({ ok: true, value: {} });
    expect(stopChanges(stop, { ...stopToForm(stop, 'KRW'), cost: '7000', note: 'bring cash' }, 3)).toEqual({
      ok: true,
      value: { cost: { amount: 7000, currency: 'KRW' }, note: 'bring cash' },
    });
    const renamed = stopChanges(stop, { ...stopToForm(stop, 'KRW'), name: 'Sunrise Peak' }, 3);
    expect(renamed).toEqual({ ok: true, value: { place: { attractionId: '126508', name: 'Sunrise Peak' } } });
  });

  it('lets a stop outside shortened dates keep its day', () => {
    const created = stopFromForm(form({ day: '2' }), identity, 3);
    if (!created.ok) throw new Error('expected a stop');
    expect(stopChanges(created.value, { ...stopToForm(created.value, 'KRW'), note: 'x' }, 2).ok).toBe(true);
    expect(stopChanges(created.value, { ...stopToForm(created.value, 'KRW'), day: '4' }, 2).ok).toBe(false);
  });
});
