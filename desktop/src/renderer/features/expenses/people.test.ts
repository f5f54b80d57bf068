import { describe, expect, it } from 'vitest';
import { peopleOf } from './people';

const member = (userId: string, displayName: string, role: 'owner' | 'editor' | 'viewer' = 'editor') => ({
  userId,
  displayName,
  role,
  joinedAt: '2026-01-01T00:00:00.000Z',
});

describe('peopleOf', () => {
  it('lists the members', () => {
    expect(
      peopleOf(
        [member('a', 'Minji', 'owner'), member('b', 'Jun')],
        { id: 'a', displayName: 'Minji' },
        [],
        'Former',
      ),
    ).toEqual([
      { userId: 'a', name: 'Minji', current: true },
      { userId: 'b', name: 'Jun', current: true },
    ]);
  });

  it('is just me when no members are known (offline on a new device)', () => {
    expect(peopleOf(null, { id: 'a', displayName: 'Minji' }, [], 'Former')).toEqual([
      { userId: 'a', name: 'Minji', current: true },
    ]);
  });

  it('keeps people named on old expenses who left, as former members', () => {
    expect(
      peopleOf(
        [member('a', 'Minji', 'owner')],
        { id: 'a', displayName: 'Minji' },
        ['a', 'gone', 'gone'],
        'Former',
      ),
    ).toEqual([
      { userId: 'a', name: 'Minji', current: true },
      { userId: 'gone', name: 'Former', current: false },
    ]);
  });
});
