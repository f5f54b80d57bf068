import { z } from 'zod';
import { send, sendJson, type FetchLike } from '../../api/http';

/** Roles on a trip (sync-server/src/trips/schemas.ts); there is exactly one owner. */
export const tripRoles = ['owner', 'editor', 'viewer'] as const;
export type TripRole = (typeof tripRoles)[number];
export const grantableRoles = ['editor', 'viewer'] as const;
export type GrantableRole = (typeof grantableRoles)[number];

const grantableRoleSchema = z.enum(grantableRoles);
const tripRoleSchema = z.enum(tripRoles);

export const inviteSchema = z.object({
  code: z.string().min(1),
  url: z.string().min(1),
  role: grantableRoleSchema,
  expiresAt: z.string(),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
});
export type Invite = z.infer<typeof inviteSchema>;

export const invitePreviewSchema = z.object({
  tripTitle: z.string(),
  role: grantableRoleSchema,
  invitedBy: z.string(),
  expiresAt: z.string(),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

export const acceptedInviteSchema = z.object({ tripId: z.string().min(1), role: tripRoleSchema });
export type AcceptedInvite = z.infer<typeof acceptedInviteSchema>;

export const memberSchema = z.object({
  userId: z.string().min(1),
  displayName: z.string(),
  role: tripRoleSchema,
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;
export const membersSchema = z.array(memberSchema);

/** A trip's calendar feed as its owner sees it (sync-server/src/trips/schemas.ts); never the URL. */
export const calendarFeedStatusSchema = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  rotatedAt: z.string().nullable(),
});
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatusSchema>;

/** A new feed token, answered once when the feed is made or rotated. */
export const calendarFeedCreatedSchema = z.object({
  active: z.literal(true),
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
});
export type CalendarFeedCreated = z.infer<typeof calendarFeedCreatedSchema>;

/**
 * The feed's addresses at the server this app talks to (`apiBaseUrl`, or this page's origin when
 * it is the same): https for Google and Outlook, webcal:// to open a calendar app directly.
 */
export function calendarFeedUrls(token: string, apiBaseUrl: string, origin: string) {
  const url = `${apiBaseUrl || origin}/api/calendar/${encodeURIComponent(token)}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

export type CreateInvite = { role: GrantableRole; expiresInHours?: number; maxUses?: number };

const at = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

/**
 * The sharing endpoints (sync-server/src/trips/routes.ts), answers checked with zod. Every call
 * takes the access token explicitly; `sharingClient` wraps them with refresh-and-retry.
 */
export function createSharingApi(fetchFn: FetchLike, baseUrl: string) {
  return {
    createInvite: (token: string, tripId: string, body: CreateInvite): Promise<Invite> =>
      sendJson(fetchFn, baseUrl, `/trips/${at(tripId)}/invites`, inviteSchema, {
        method: 'POST',
        token,
        body,
      }),
    listInvites: (token: string, tripId: string): Promise<Invite[]> =>
      sendJson(fetchFn, baseUrl, `/trips/${at(tripId)}/invites`, z.array(inviteSchema), { token }),
    revokeInvite: async (token: string, tripId: string, code: string): Promise<void> => {
      await send(fetchFn, baseUrl, `/trips/${at(tripId, 'invites', code)}`, { method: 'DELETE', token });
    },
    previewInvite: (token: string, code: string): Promise<InvitePreview> =>
      sendJson(fetchFn, baseUrl, `/invites/${at(code)}`, invitePreviewSchema, { token }),
    acceptInvite: (token: string, code: string): Promise<AcceptedInvite> =>
      sendJson(fetchFn, baseUrl, `/invites/${at(code, 'accept')}`, acceptedInviteSchema, {
        method: 'POST',
        token,
      }),
    members: (token: string, tripId: string): Promise<Member[]> =>
      sendJson(fetchFn, baseUrl, `/trips/${at(tripId)}/members`, membersSchema, { token }),
    changeRole: (token: string, tripId: string, userId: string, role: GrantableRole): Promise<Member> =>
      sendJson(fetchFn, baseUrl, `/trips/${at(tripId, 'members', userId)}`, memberSchema, {
        method: 'PATCH',
        token,
        body: { role },
      }),
    removeMember: async (token: string, tripId: string, userId: string): Promise<void> => {
      await send(fetchFn, baseUrl, `/trips/${at(tripId, 'members', userId)}`, { method: 'DELETE', token });
    },
    calendarFeed: (token: string, tripId: string): Promise<CalendarFeedStatus> =>
      sendJson(fetchFn, baseUrl, `/trips/${at(tripId)}/calendar-feed`, calendarFeedStatusSchema, { token }),
    /** Makes the feed, or gives it a new token (the old URL stops working). */
    createCalendarFeed: (token: string, tripId: string): Promise<CalendarFeedCreated> =>
      sendJson(fetchFn, baseUrl, `/trips/${at(tripId)}/calendar-feed`, calendarFeedCreatedSchema, {
        method: 'POST',
        token,
      }),
    revokeCalendarFeed: async (token: string, tripId: string): Promise<void> => {
      await send(fetchFn, baseUrl, `/trips/${at(tripId)}/calendar-feed`, { method: 'DELETE', token });
    },
  };
}

export type SharingApi = ReturnType<typeof createSharingApi>;
