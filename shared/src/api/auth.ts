import { z } from 'zod';

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
/** Long enough to resist guessing, bounded so hashing cannot be abused. */
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(128, 'at most 128 characters');
export const displayNameSchema = z.string().trim().min(1).max(60);
export const localeSchema = z.enum(['ko', 'en']);

export const signupRequestSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
  phone: z.string().trim().max(30).optional(),
  address: z.string().trim().max(200).optional(),
  locale: localeSchema.optional(),
});
export type SignupRequest = z.infer<typeof signupRequestSchema>;

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(128),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.strictObject({
  refreshToken: z.string().min(1).max(200),
});

export const passwordResetRequestSchema = z.strictObject({
  email: emailSchema,
  locale: localeSchema.optional(),
  /**
   * The origin the user asks from (e.g. https://trips.example.com): the mailed link points there.
   * The server accepts only its own addresses (PUBLIC_URL, CORS_ORIGINS, its host and port); any
   * other is refused with 400 origin_not_allowed. Absent: PUBLIC_URL.
   */
  origin: z.string().max(300).optional(),
});
export const passwordResetConfirmSchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: passwordSchema,
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  locale: localeSchema,
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  user: userSchema,
  accessToken: z.string(),
  refreshToken: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const updateMeRequestSchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    phone: z.string().trim().max(30).nullable().optional(),
    address: z.string().trim().max(200).nullable().optional(),
    locale: localeSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});

export const emailAvailableQuerySchema = z.strictObject({ email: emailSchema });
