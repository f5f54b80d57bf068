import type { MembersState } from './members-store';
import type { Member, TripRole } from './sharing-api';

/** What the signed-in user may do on a trip. */
export type TripAccess = {
  /** null = not (or no longer) a member, or not known yet. */
  role: TripRole | null;
  /** May change the trip, its stops, checklist and expenses. */
  canEdit: boolean;
  /** May invite people, change roles and remove members. */
  canManage: boolean;
  /** False while the role is a guess (loading, or offline without a cached answer). */
  known: boolean;
};

const access = (
  role: TripRole | null,
  known: boolean,
  canEdit = role === 'owner' || role === 'editor',
): TripAccess => ({
  role,
  canEdit,
  canManage: role === 'owner',
  known,
});

/**
 * The user's role on a trip. The owner is whoever the trip document names (works offline and
 * before the trip reached the server); everyone else's role comes from the members endpoint or
 * its cached answer. Offline with nothing cached, editing is allowed: the edit is kept on the
 * device and the server, which checks every write, has the last word.
 */
export function resolveTripAccess(input: {
  me: string | null;
  ownerId: string | null | undefined;
  members: readonly Member[] | null;
  state: MembersState;
}): TripAccess {
  const { me, ownerId, members, state } = input;
  if (!me || !ownerId) return access(null, false);
  if (ownerId === me) return access('owner', true);
  if (state === 'not_member') return access(null, true);
  const mine = members?.find((member) => member.userId === me);
  if (mine) return access(mine.role, true);
  if (members) return access(null, true);
  if (state === 'offline' || state === 'error') return access('editor', false);
  return access(null, false);
}
