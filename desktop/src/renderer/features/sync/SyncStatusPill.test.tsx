// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { useLanguage } from '../../app/test-utils';
import { SyncProgress } from './SyncProgress';
import { SyncStatusPill, type NotSavedDialogProps } from './SyncStatusPill';
import { initialSyncStatus, pillState, type SyncStatus } from './sync-status';

const status = (change: Partial<SyncStatus>): SyncStatus => ({
  ...initialSyncStatus,
  phase: 'idle',
  ...change,
});
const pill = () => screen.getByRole('button', { name: /^Sync status:/ });

beforeAll(() => useLanguage('en'));
afterEach(() => cleanup());

describe('sync status pill', () => {
  const cases: [string, Partial<SyncStatus>, string, string][] = [
    ['in step', { lastSyncedAt: Date.now() }, 'synced', 'Synced'],
    ['moving data', { phase: 'syncing' }, 'syncing', 'Syncing'],
    ['starting', { phase: 'starting' }, 'starting', 'Starting'],
    ['another tab syncs', { phase: 'follower' }, 'starting', 'Starting'],
    ['offline', { online: false }, 'offline', 'Offline'],
    ['offline with waiting changes', { online: false, pending: 2 }, 'offline', 'Offline · 2 waiting'],
    [
      'offline after failed attempts',
      { online: false, phase: 'error', errorCode: 'network', pending: 1 },
      'offline',
      'Offline · 1 waiting',
    ],
    ['with local changes', { pending: 3 }, 'pending', '3 changes waiting'],
    ['with one local change', { pending: 1 }, 'pending', '1 change waiting'],
    ['failing', { phase: 'error', errorCode: 'internal_error' }, 'error', 'Sync problem'],
    [
      'outdated',
      { phase: 'upgrade', errorCode: 'upgrade_required', online: false },
      'upgrade',
      'Update needed',
    ],
  ];

  it.each(cases)('shows the %s state', (_name, change, state, label) => {
    render(<SyncStatusPill status={status(change)} />);
    expect(pill().dataset.state).toBe(state);
    expect(pill().getAttribute('aria-label')).toBe(`Sync status: ${label}`);
    expect(pill().querySelector('.sync-pill-text')?.textContent).toBe(label);
    // The count for narrow screens, where the words are hidden.
    const count =
      change.pending && (state === 'offline' || state === 'pending') ? String(change.pending) : null;
    expect(pill().querySelector('.sync-pill-count')?.textContent ?? null).toBe(count);
  });

  it('offline, the details say so calmly: no problem line, a note that changes are kept', async () => {
    const user = userEvent.setup();
    render(
      <SyncStatusPill status={status({ online: false, phase: 'error', errorCode: 'network', pending: 3 })} />,
    );
    await user.click(pill());
    const details = screen.getByRole('region', { name: 'Sync' });
    expect(details.textContent).not.toContain("Can't reach the server");
    expect(details.textContent).not.toContain('Problem');
    expect(details.querySelector('.sync-problem')).toBeNull();
    expect(details.textContent).toContain(
      'Your changes are kept safe on this device and are sent when you are back online.',
    );
    const connection = [...details.querySelectorAll('dl > div')].find((row) =>
      row.textContent?.startsWith('Connection'),
    );
    expect(connection?.querySelector('dd')?.textContent).toBe('Offline');
  });

  it('shows nothing when sync is off (logged out)', () => {
    const { container } = render(<SyncStatusPill status={status({ phase: 'off' })} />);
    expect(container.innerHTML).toBe('');
  });

  it('opens details with the problem in words and a working "sync now"', async () => {
    const user = userEvent.setup();
    let synced = 0;
    render(
      <SyncStatusPill
        status={status({
          phase: 'error',
          errorCode: 'network',
          pending: 4,
          lastSyncedAt: Date.now() - 5 * 60_000,
        })}
        onSyncNow={() => (synced += 1)}
      />,
    );
    expect(screen.queryByRole('region', { name: 'Sync' })).toBeNull();
    await user.click(pill());
    expect(pill().getAttribute('aria-expanded')).toBe('true');
    const details = screen.getByRole('region', { name: 'Sync' });
    expect(details.textContent).toContain(
      "Can't reach the server. Check your internet connection and try again.",
    );
    expect(details.textContent).toContain('5 minutes ago');
    expect(details.textContent).toContain('4');
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(synced).toBe(1);
    expect(screen.queryByRole('region', { name: 'Sync' })).toBeNull();
  });

  it('closes the details on Escape and returns focus to the pill', async () => {
    const user = userEvent.setup();
    render(<SyncStatusPill status={status({ online: false })} onSyncNow={() => undefined} />);
    await user.click(pill());
    expect(screen.getByRole('region', { name: 'Sync' }).textContent).toContain(
      'Your changes are kept safe on this device',
    );
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Sync' })).toBeNull();
    expect(document.activeElement).toBe(pill());
  });

  it('speaks Korean too', async () => {
    // Leave English on for the other files' tests even if this one fails.
    onTestFinished(() => useLanguage('en'));
    await useLanguage('ko');
    render(<SyncStatusPill status={status({ pending: 2 })} />);
    const korean = screen.getByRole('button', { name: /^동기화 상태:/ });
    expect(korean.getAttribute('aria-label')).toBe('동기화 상태: 변경 2건 대기');
    cleanup();
    render(<SyncStatusPill status={status({ online: false, pending: 3 })} />);
    expect(screen.getByRole('button', { name: /^동기화 상태:/ }).getAttribute('aria-label')).toBe(
      '동기화 상태: 오프라인 · 3개 대기',
    );
  });
});

describe('pillState priority', () => {
  it('puts an outdated app first, then offline, then errors, then activity', () => {
    expect(pillState(status({ phase: 'upgrade', online: false }))).toBe('upgrade');
    expect(pillState(status({ phase: 'error', online: false }))).toBe('offline');
    expect(pillState(status({ phase: 'error', pending: 5 }))).toBe('error');
    expect(pillState(status({ phase: 'syncing', pending: 5 }))).toBe('syncing');
    expect(pillState(status({ phase: 'idle', pending: 5 }))).toBe('pending');
    expect(pillState(status({ phase: 'off', online: false }))).toBe('off');
  });
});

describe('first sync progress and changes not saved', () => {
  it('shows a progress bar with the items received while the first sync runs online', () => {
    const { rerender } = render(
      <SyncProgress status={status({ phase: 'syncing', initialSync: true, received: 1500 })} />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Downloading your trips to this device…' });
    expect(bar.getAttribute('aria-valuetext')).toBe(
      'Downloading your trips to this device… 1500 items received',
    );
    rerender(<SyncProgress status={status({ phase: 'syncing', initialSync: true, online: false })} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
    rerender(<SyncProgress status={status({ phase: 'error', initialSync: true })} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
    rerender(<SyncProgress status={status({ phase: 'idle', initialSync: false })} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('counts changes not saved on the pill and opens their list from the details', async () => {
    const user = userEvent.setup();
    let opened = 0;
    function FakeList({ open, onClose }: NotSavedDialogProps) {
      opened += 1;
      return open ? (
        <div role="dialog" aria-label="Changes not saved">
          <button type="button" onClick={onClose}>
            Close list
          </button>
        </div>
      ) : null;
    }
    render(
      <SyncStatusPill
        status={status({ initialSync: true, received: 1, lastSyncedAt: Date.now() })}
        notSaved={2}
        NotSavedDialog={FakeList}
      />,
    );
    expect(pill().getAttribute('aria-label')).toBe('Sync status: Synced. 2 changes not saved');
    expect(pill().textContent).toBe('Synced2');
    await user.click(pill());
    const details = screen.getByRole('region', { name: 'Sync' });
    expect(details.textContent).toContain('1 item received');
    expect(opened).toBe(0);
    await user.click(screen.getByRole('button', { name: /^2 changes not saved/ }));
    expect(screen.queryByRole('region', { name: 'Sync' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Close list' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(pill());
  });

  it('shows no count when every change was saved', async () => {
    const user = userEvent.setup();
    render(<SyncStatusPill status={status({})} notSaved={0} NotSavedDialog={() => null} />);
    expect(pill().getAttribute('aria-label')).toBe('Sync status: Synced');
    await user.click(pill());
    expect(screen.queryByRole('button', { name: /not saved/ })).toBeNull();
  });
});
