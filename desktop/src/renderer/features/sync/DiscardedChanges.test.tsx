// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createServices, ServicesProvider, type Services } from '../../app/services';
import { useLanguage } from '../../app/test-utils';
import { SESSION_STORAGE_KEY } from '../auth/session';
import type { DiscardedInput } from './discarded-changes';
import { DiscardedChangesDialog, TripDiscardedNotice } from './DiscardedChanges';
import { discardedChangesFor } from './use-discarded-changes';

const user = {
  id: '0b9f3a4e-6d2c-4c1e-9d43-8d1b2f0c7a11',
  email: 'mina@example.com',
  displayName: 'Mina',
  phone: null,
  address: null,
  locale: 'en' as const,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const tripEdit: DiscardedInput = {
  collection: 'trips',
  id: 'trip-1',
  tripId: 'trip-1',
  tripTitle: 'Busan weekend',
  stopName: null,
  status: 409,
  code: 'deleted_on_server',
  message: 'the trip was deleted on the server',
  document: {
    id: 'trip-1',
    title: 'Busan weekend',
    description: '',
    destination: { regionCode: '6' },
    startDate: '2026-05-01',
    endDate: '2026-05-03',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    plannedBudget: null,
    coverImage: null,
    notes: 'Book the ferry to Oryukdo',
    ownerId: 'minji',
    _deleted: false,
  },
};
const checklistEdit: DiscardedInput = {
  collection: 'checklistItems',
  id: 'item-1',
  tripId: 'trip-1',
  tripTitle: 'Busan weekend',
  stopName: null,
  status: 409,
  code: 'refused',
  message: 'viewer',
  document: {
    id: 'item-1',
    tripId: 'trip-1',
    text: 'Sunscreen',
    done: false,
    orderKey: 'a0',
    _deleted: false,
  },
};
const otherTrip: DiscardedInput = {
  ...checklistEdit,
  id: 'item-9',
  tripId: 'trip-2',
  tripTitle: 'Jeju',
  code: 'validation_failed',
  status: 422,
  document: { id: 'item-9', tripId: 'trip-2', text: 'Raincoat', done: false, orderKey: 'a0' },
};

let services: Services;

beforeAll(() => useLanguage('en'));

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ refreshToken: 'refresh', user }));
  services = createServices('http://127.0.0.1:9');
});

afterEach(() => services.session.dispose());

function seed(...inputs: DiscardedInput[]) {
  const store = discardedChangesFor(services, user.id);
  for (const input of inputs) store.add(input);
  return store;
}

const items = () => within(screen.getByRole('list')).getAllByRole('listitem');

describe('the list of changes not saved', () => {
  it('says what, why and when, newest first', () => {
    seed(tripEdit, checklistEdit, otherTrip);
    render(
      <ServicesProvider services={services}>
        <DiscardedChangesDialog open onClose={() => undefined} />
      </ServicesProvider>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Changes not saved' });
    expect(dialog.textContent).toContain('The server did not keep these changes');
    const [first, second, third] = items();
    expect(first?.textContent).toContain('Checklist item “Raincoat”');
    expect(first?.textContent).toContain('The server could not accept its values, so it was not saved.');
    expect(first?.textContent).toContain('Trip “Jeju”');
    expect(second?.textContent).toContain('Checklist item “Sunscreen”');
    expect(third?.textContent).toContain('Trip “Busan weekend”');
    expect(third?.textContent).toContain(
      'The owner deleted this trip, so the edits you made offline were not saved.',
    );
    expect(within(third!).getByText('now')).toBeTruthy();
  });

  it('copies the text of what was lost', async () => {
    seed(tripEdit);
    const events = userEvent.setup();
    render(
      <ServicesProvider services={services}>
        <DiscardedChangesDialog open onClose={() => undefined} />
      </ServicesProvider>,
    );
    await events.click(screen.getByRole('button', { name: 'Copy the text of Trip “Busan weekend”' }));
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain('Not saved: Trip “Busan weekend”');
    expect(copied).toContain('Notes: Book the ferry to Oryukdo');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it('shows the text selected when the clipboard is not available', async () => {
    seed(tripEdit);
    const events = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    render(
      <ServicesProvider services={services}>
        <DiscardedChangesDialog open onClose={() => undefined} />
      </ServicesProvider>,
    );
    const text = screen.getByLabelText<HTMLTextAreaElement>('Text of Trip “Busan weekend”');
    expect(text.hidden).toBe(true);
    await events.click(screen.getByRole('button', { name: /^Copy the text of/ }));
    expect(text.hidden).toBe(false);
    expect(document.activeElement).toBe(text);
    expect([text.selectionStart, text.selectionEnd]).toEqual([0, text.value.length]);
    expect(text.value).toContain('Notes: Book the ferry to Oryukdo');
    expect(screen.getByRole('status').textContent).toContain('Select the text below and copy it');
  });

  it('dismisses one with undo, then all', async () => {
    const store = seed(tripEdit, checklistEdit);
    const events = userEvent.setup();
    render(
      <ServicesProvider services={services}>
        <DiscardedChangesDialog open onClose={() => undefined} />
      </ServicesProvider>,
    );
    await events.click(
      screen.getByRole('button', { name: 'Dismiss the note about Checklist item “Sunscreen”' }),
    );
    expect(items()).toHaveLength(1);
    expect(store.list()).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toContain('Note dismissed.');
    await events.click(screen.getByRole('button', { name: 'Undo' }));
    expect(items()).toHaveLength(2);
    await events.click(screen.getByRole('button', { name: 'Dismiss all' }));
    expect(store.list()).toEqual([]);
    expect(screen.getByText('Nothing left here.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('2 notes dismissed.');
  });

  it('speaks Korean', async () => {
    onTestFinished(() => useLanguage('en'));
    await useLanguage('ko');
    seed(tripEdit);
    render(
      <ServicesProvider services={services}>
        <DiscardedChangesDialog open onClose={() => undefined} />
      </ServicesProvider>,
    );
    expect(screen.getByRole('dialog', { name: '저장되지 않은 변경' })).toBeTruthy();
    expect(items()[0]?.textContent).toContain(
      '이 여행은 소유자가 삭제해서 오프라인에서 한 수정은 저장되지 않았어요.',
    );
    expect(screen.getByRole('button', { name: '여행 “Busan weekend”의 텍스트 복사' })).toBeTruthy();
  });
});

describe('on the trip page', () => {
  it("shows only that trip's entries, and nothing when there are none", async () => {
    seed(checklistEdit, otherTrip);
    const { rerender, container } = render(
      <ServicesProvider services={services}>
        <TripDiscardedNotice tripId="trip-1" />
      </ServicesProvider>,
    );
    const notice = screen.getByRole('region', { name: 'Changes to this trip that were not saved' });
    expect(items()).toHaveLength(1);
    expect(notice.textContent).toContain('Checklist item “Sunscreen”');
    expect(notice.textContent).toContain('You can only view this trip now, so your change was not saved.');
    // The trip is the page's: no need to name it again.
    expect(notice.textContent).not.toContain('Trip “Busan weekend”');

    rerender(
      <ServicesProvider services={services}>
        <TripDiscardedNotice tripId="trip-1" tripGone />
      </ServicesProvider>,
    );
    expect(screen.getByRole('region').textContent).toContain(
      'You no longer have access to this trip, so the change you made offline was not saved.',
    );

    rerender(
      <ServicesProvider services={services}>
        <TripDiscardedNotice tripId="trip-3" />
      </ServicesProvider>,
    );
    expect(container.innerHTML).toBe('');
  });

  it('shows the newest two, then all on request', async () => {
    seed(tripEdit, checklistEdit, { ...checklistEdit, id: 'item-2', document: { text: 'Hat' } });
    const events = userEvent.setup();
    render(
      <ServicesProvider services={services}>
        <TripDiscardedNotice tripId="trip-1" />
      </ServicesProvider>,
    );
    expect(items()).toHaveLength(2);
    await events.click(screen.getByRole('button', { name: 'Show all 3' }));
    expect(items()).toHaveLength(3);
    expect(screen.queryByRole('button', { name: /^Show all/ })).toBeNull();
  });
});
