import type { Member } from '../sharing/sharing-api';

/** Someone an expense can name: a current member, or someone who left but is still on old expenses. */
export type Person = { userId: string; name: string; current: boolean };

/**
 * The people of a trip for "paid by" and "split among": the members (live or cached); with
 * nothing known (offline on a new device) just the signed-in user. People named on existing
 * expenses who are no longer members are added so their amounts still add up.
 */
export function peopleOf(
  members: readonly Member[] | null,
  me: { id: string; displayName: string } | null,
  referenced: Iterable<string>,
  formerName: string,
): Person[] {
  const people = new Map<string, Person>();
  for (const member of members ?? []) {
    people.set(member.userId, { userId: member.userId, name: member.displayName, current: true });
  }
  if (me && !people.has(me.id) && (members === null || members.length === 0)) {
    people.set(me.id, { userId: me.id, name: me.displayName, current: true });
  }
  for (const userId of referenced) {
    if (people.has(userId)) continue;
    people.set(userId, {
      userId,
      name: userId === me?.id ? me.displayName : formerName,
      current: userId === me?.id,
    });
  }
  return [...people.values()];
}
