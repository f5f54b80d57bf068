import { describe, expect, it } from 'vitest';
import { resolveTripAccess } from './trip-role';

const member = (userId: string, role: 'owner' | 'editor' | 'viewer') => ({
  userId,
  displayName: userId,
  role,
  joinedAt: '2026-01-01T00:00:00.000Z',
});

describe('resolveTripAccess', () => {
  it('makes the trip document’s owner the owner, even offline with nothing cached', () => {
    expect(resolveTripAccess({ me: 'a', ownerId: 'a', members: null, state: 'offline' })).toEqual({
      role: 'owner',
      canEdit: true,
      canManage: true,
      known: true,
    });
  });

  it('takes other roles from the members list', () => {
    const members = [member('a', 'owner'), member('b', 'editor'), member('c', 'viewer')];
    expect(resolveTripAccess({ me: 'b', ownerId: 'a', members, state: 'ready' })).toMatchObject({
      role: 'editor',
      canEdit: true,
      canManage: false,
    });
    expect(resolveTripAccess({ me: 'c', ownerId: 'a', members, state: 'ready' })).toMatchObject({
      role: 'viewer',
      canEdit: false,
      canManage: false,
      known: true,
    });
  });

  it('gives no rights to someone removed from the trip', () => {
    expect(resolveTripAccess({ me: 'b', ownerId: 'a', members: null, state: 'not_member' })).toMatchObject({
      role: null,
      canEdit: false,
    });
    expect(
      resolveTripAccess({ me: 'b', ownerId: 'a', members: [member('a', 'owner')], state: 'ready' }),
    ).toMatchObject({
      role: null,
      canEdit: false,
    });
  });

  it('keeps a cached viewer role read-only while offline', () => {
    expect(
      resolveTripAccess({ me: 'c', ownerId: 'a', members: [member('c', 'viewer')], state: 'offline' }),
    ).toMatchObject({
      role: 'viewer',
      canEdit: false,
    });
  });

  it('lets people edit offline when nothing is known (the server checks every write)', () => {
    expect(resolveTripAccess({ me: 'b', ownerId: 'a', members: null, state: 'offline' })).toMatchObject({
      role: 'editor',
      canEdit: true,
      known: false,
    });
  });

  it('shows no edit controls while the role is being asked', () => {
    expect(resolveTripAccess({ me: 'b', ownerId: 'a', members: null, state: 'loading' })).toMatchObject({
      canEdit: false,
      known: false,
    });
    expect(resolveTripAccess({ me: null, ownerId: 'a', members: null, state: 'ready' }).canEdit).toBe(false);
  });
});
