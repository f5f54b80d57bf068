import { z } from 'zod';
import { documentIdSchema } from '../sync/documents.js';

/**
 * Deleting an account (DELETE /api/me) and its preview (GET /api/me/deletion-preview).
 *
 * Trips only the user belongs to are deleted on every device. In shared trips the user leaves;
 * a trip they own passes to its longest-standing editor. A shared trip they own with no editor
 * (only viewers) needs a choice: `delete` (for everyone) or `transfer:<memberUserId>`. Board
 * posts, comments and images are deleted or kept without the author's name (`anonymize`).
 */

/** What happens to the user's board posts, comments and images. */
export const boardDeletionChoiceSchema = z.enum(['delete', 'anonymize']);
export type BoardDeletionChoice = z.infer<typeof boardDeletionChoiceSchema>;

/** For a shared trip the user owns with no editor: `delete`, or `transfer:<memberUserId>`. */
export const tripDeletionChoiceSchema = z
  .string()
  .regex(/^(?:delete|transfer:\S{1,64})$/, 'delete, or transfer:<member user id>');
export type TripDeletionChoice = z.infer<typeof tripDeletionChoiceSchema>;

/** Most trip choices one request may carry. */
export const MAX_TRIP_DELETION_CHOICES = 1000;

/** A trip choice read: delete the trip, or hand it to this member. */
export type ParsedTripChoice = { kind: 'delete' } | { kind: 'transfer'; userId: string };

export function parseTripChoice(choice: TripDeletionChoice): ParsedTripChoice {
  return choice === 'delete'
    ? { kind: 'delete' }
    : { kind: 'transfer', userId: choice.slice('transfer:'.length) };
}

export const deleteMeRequestSchema = z.strictObject({
  password: z.string().min(1).max(128),
  board: boardDeletionChoiceSchema,
  /** Trip id → choice, for each trip the preview lists under `choiceRequired` (others are ignored). */
  trips: z
    .record(documentIdSchema, tripDeletionChoiceSchema)
    .refine((r) => Object.keys(r).length <= MAX_TRIP_DELETION_CHOICES, 'too many trips')
    .optional(),
});
export type DeleteMeRequest = z.infer<typeof deleteMeRequestSchema>;

const personSchema = z.object({ userId: z.string(), displayName: z.string() });
const tripRefSchema = z.object({ tripId: z.string(), title: z.string() });

export const accountDeletionPreviewSchema = z.object({
  trips: z.object({
    /** Trips only the user belongs to: deleted, on every device. */
    deleted: z.array(tripRefSchema),
    /** Shared trips the user owns: handed to their longest-standing editor. */
    handedOver: z.array(tripRefSchema.extend({ to: personSchema })),
    /** Shared trips the user owns with no editor: the request must say `delete` or `transfer:<userId>` (one of `members`). */
    choiceRequired: z.array(
      tripRefSchema.extend({
        members: z.array(personSchema.extend({ role: z.enum(['editor', 'viewer']) })),
      }),
    ),
    /** Other people's trips the user is a member of: they leave them; the trips stay. */
    left: z.array(tripRefSchema),
  }),
  /** The user's board content, deleted or kept without their name as they choose. */
  board: z.object({
    posts: z.int().nonnegative(),
    comments: z.int().nonnegative(),
    images: z.int().nonnegative(),
  }),
});
export type AccountDeletionPreview = z.infer<typeof accountDeletionPreviewSchema>;
