import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { Trip } from '@hamgaja/shared';
import { sendJson } from '../../api/http';
import { useServices, useSessionState } from '../../app/services';

export type TripRole = 'owner' | 'editor' | 'viewer';

const membersSchema = z.array(z.object({ userId: z.string(), role: z.enum(['owner', 'editor', 'viewer']) }));
const ROLE_STORAGE_KEY = 'hamgaja.tripRoles';

function storedRoles(): Record<string, TripRole> {
  try {
    const parsed = z.record(z.string(), z.enum(['owner', 'editor', 'viewer'])).safeParse(
      JSON.parse(localStorage.getItem(ROLE_STORAGE_KEY) ?? '{}'),
    );
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function storeRole(key: string, role: TripRole): void {
  try {
    localStorage.setItem(ROLE_STORAGE_KEY, JSON.stringify({ ...storedRoles(), [key]: role }));
  } catch {
    // Storage full or blocked: the role is asked again next time.
  }
}

/**
 * The signed-in user's role on a trip: owner from the document itself; for others the
 * server's member list (remembered for offline use). Unknown → editor, the server refusing
 * a viewer's write being the real guard.
 */
export function useTripRole(trip: Pick<Trip, 'id' | 'ownerId'> | null): TripRole {
  const { session, apiBaseUrl } = useServices();
  const state = useSessionState();
  const userId = state.status === 'authenticated' ? state.user.id : null;
  const key = trip && userId ? `${userId}:${trip.id}` : null;
  const isOwner = Boolean(trip && userId && trip.ownerId === userId);
  const [role, setRole] = useState<TripRole | null>(() => (key ? (storedRoles()[key] ?? null) : null));

  useEffect(() => {
    if (!key || !trip || isOwner) return;
    setRole(storedRoles()[key] ?? null);
    const controller = new AbortController();
    session
      .authorized((token) =>
        sendJson((input, init) => fetch(input, init), apiBaseUrl, `/trips/${encodeURIComponent(trip.id)}/members`, membersSchema, {
          token,
          signal: controller.signal,
        }),
      )
      .then((members) => {
        const mine = members.find((member) => member.userId === userId)?.role;
        if (!mine) return;
        storeRole(key, mine);
        setRole(mine);
      })
      .catch(() => undefined); // Offline or not synced yet: keep what we knew.
    return () => controller.abort();
  }, [key, trip?.id, isOwner, session, apiBaseUrl, userId]);

  if (isOwner) return 'owner';
  return role ?? 'editor';
}
