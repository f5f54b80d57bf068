import { z } from 'zod';

/** Roles an invite or a role change may grant (there is one owner, fixed at creation). */
export const grantableRoleSchema = z.enum(['editor', 'viewer']);
export const memberRoleSchema = z.enum(['owner', 'editor', 'viewer']);

export const createInviteRequestSchema = z.strictObject({
  role: grantableRoleSchema,
  expiresInHours: z.int().min(1).max(720).optional(),
  maxUses: z.int().min(1).max(100).optional(),
});
export type CreateInviteRequest = z.infer<typeof createInviteRequestSchema>;

export const inviteSchema = z.object({
  code: z.string(),
  url: z.string(),
  role: grantableRoleSchema,
  expiresAt: z.string(),
  maxUses: z.int().nullable(),
  uses: z.int(),
});
export type Invite = z.infer<typeof inviteSchema>;

export const invitePreviewSchema = z.object({
  tripTitle: z.string(),
  role: grantableRoleSchema,
  invitedBy: z.string(),
  expiresAt: z.string(),
});

export const acceptInviteResponseSchema = z.object({ tripId: z.string(), role: memberRoleSchema });

export const memberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: memberRoleSchema,
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const changeRoleRequestSchema = z.strictObject({ role: grantableRoleSchema });

/** A trip's calendar feed as its owner sees it; the URL is shown only when made (POST). */
export const calendarFeedStatusSchema = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  rotatedAt: z.string().nullable(),
});
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatusSchema>;

/** A new feed token (created or rotated), with its https and webcal:// URLs under PUBLIC_URL. */
export const calendarFeedCreatedSchema = z.object({
  active: z.literal(true),
  token: z.string(),
  url: z.string(),
  webcalUrl: z.string(),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
});
export type CalendarFeedCreated = z.infer<typeof calendarFeedCreatedSchema>;

// Other parameters are ignored: some calendar apps add their own.
export const calendarFeedQuerySchema = z.object({ lang: z.enum(['ko', 'en']).default('ko') });
