import { Router } from 'express';
import { z } from 'zod';
import {
  accountDeletionPreviewSchema,
  changePasswordRequestSchema,
  deleteMeRequestSchema,
  emailAvailableQuerySchema,
  loginRequestSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  refreshRequestSchema,
  sessionSchema,
  signupRequestSchema,
  updateMeRequestSchema,
  userSchema,
} from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { linkBase } from '../http/link-origin.js';
import { parseBody, parseQuery } from '../http/validate.js';
import { describeRoute } from '../http/openapi.js';
import type { LimitName } from '../http/rate-limit.js';
import { caller, requireAuth } from './guard.js';
import { AuthService, toUser } from './service.js';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** /auth and /me routes; returns the router and exposes the service for other features. */
export function createAuthFeature(ctx: ServerContext): Router & { service: AuthService } {
  const service = new AuthService(ctx);
  const router = Router() as Router & { service: AuthService };
  router.service = service;
  const authed = requireAuth(ctx.config);
  // Logging out a session that has already ended is a harmless no-op, not a 401.
  const authedMaybeEnded = requireAuth(ctx.config, { sessionMayHaveEnded: true });
  const { auth: authLimit, emailCheck } = ctx.config.rateLimits;
  const perIp = (name: LimitName, limit: number, what: string) =>
    ctx.rateLimits.perIp({ name, limit, windowMs: FIFTEEN_MINUTES, what });

  router.post('/auth/signup', perIp('signup', authLimit, 'sign-up'), async (req, res) => {
    res.status(201).json(await service.signup(parseBody(req, signupRequestSchema)));
  });
  router.post('/auth/login', perIp('login', authLimit, 'log-in'), async (req, res) => {
    const { email, password } = parseBody(req, loginRequestSchema);
    res.json(await service.login(email, password));
  });
  router.post('/auth/refresh', async (req, res) => {
    res.json(await service.refresh(parseBody(req, refreshRequestSchema).refreshToken));
  });
  router.post('/auth/logout', authedMaybeEnded, async (req, res) => {
    await service.logout(parseBody(req, refreshRequestSchema).refreshToken, caller(req).userId);
    res.status(204).end();
  });
  router.get('/auth/email-available', perIp('email_check', emailCheck, 'email check'), async (req, res) => {
    const { email } = parseQuery(req, emailAvailableQuerySchema);
    res.json({ available: await service.isEmailAvailable(email) });
  });
  router.post(
    '/auth/password-reset/request',
    perIp('password_reset_request', authLimit, 'password reset'),
    async (req, res) => {
      const { email, locale, origin } = parseBody(req, passwordResetRequestSchema);
      // The link points where the user is (checked first: the answer must not depend on the account).
      const base = linkBase(ctx.config, origin);
      // Answer the same way whether or not the account exists.
      await service.requestPasswordReset(email, locale, base);
      res.status(202).json({ accepted: true });
    },
  );
  router.post(
    '/auth/password-reset/confirm',
    perIp('password_reset_confirm', authLimit, 'password reset'),
    async (req, res) => {
      const { token, password } = parseBody(req, passwordResetConfirmSchema);
      await service.confirmPasswordReset(token, password);
      res.status(204).end();
    },
  );

  router.get('/me', authed, async (req, res) => {
    res.json(toUser(await service.getUser(caller(req).userId)));
  });
  router.patch('/me', authed, async (req, res) => {
    res.json(await service.updateProfile(caller(req).userId, parseBody(req, updateMeRequestSchema)));
  });
  router.get('/me/deletion-preview', authed, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await service.deletionPreview(caller(req).userId));
  });
  router.delete('/me', authed, async (req, res) => {
    await service.deleteAccount(caller(req).userId, parseBody(req, deleteMeRequestSchema));
    res.status(204).end();
  });
  router.post('/me/password', authed, async (req, res) => {
    const { currentPassword, newPassword } = parseBody(req, changePasswordRequestSchema);
    const { userId, sessionId } = caller(req);
    await service.changePassword(userId, sessionId, currentPassword, newPassword);
    res.status(204).end();
  });
  router.post('/me/sessions/end-others', authed, async (req, res) => {
    const { userId, sessionId } = caller(req);
    res.json({ ended: await service.endOtherSessions(userId, sessionId) });
  });

  return router;
}

// The OpenAPI description of the routes above.
const tag = 'Accounts';
describeRoute({
  method: 'post',
  path: '/auth/signup',
  tag,
  summary: 'Create an account',
  body: signupRequestSchema,
  ok: { status: 201, schema: sessionSchema },
  errors: [409, 429],
});
describeRoute({
  method: 'post',
  path: '/auth/login',
  tag,
  summary: 'Log in',
  body: loginRequestSchema,
  ok: { status: 200, schema: sessionSchema },
  errors: [401, 429],
});
describeRoute({
  method: 'post',
  path: '/auth/refresh',
  tag,
  summary: 'Rotate a refresh token (reuse revokes its family)',
  description: [
    'Answers a new access token and a new refresh token of the same session (refresh-token family);',
    'the presented refresh token is used up.',
    '',
    '**Grace window.** A used refresh token presented again within 15 seconds of its first use,',
    'while no later token of its family has been used, is answered again with a fresh pair',
    '(the first answer was lost: a reload, a second tab, a dropped connection). The window',
    'counts from the first use and does not slide.',
    '',
    '**Reuse.** Any other reuse of a used refresh token is taken as theft: the whole family is',
    'revoked, the answer is 401 `refresh_token_reused`, and every access token of that session',
    'is refused on every instance within 5 seconds (its live streams close).',
    '',
    'An unknown, forged, expired or revoked refresh token is 401 `invalid_token`: log in again.',
    '',
    '**Deleted account.** A refresh token that was open when its account was deleted is 401',
    '`account_deleted` until it would have expired: the device removes its local copy.',
  ].join('\n'),
  body: refreshRequestSchema,
  ok: { status: 200, schema: sessionSchema },
  errors: [401],
});
describeRoute({
  method: 'post',
  path: '/auth/logout',
  tag,
  summary: 'End this session',
  description:
    'Revokes the session of the presented refresh token (if it is one of the caller’s); its access tokens are refused on every instance within 5 seconds. Idempotent: the access token may belong to a session that has already ended.',
  auth: true,
  body: refreshRequestSchema,
  ok: { status: 204, description: 'Logged out' },
});
describeRoute({
  method: 'get',
  path: '/auth/email-available',
  tag,
  summary: 'Is this email free? (rate-limited)',
  query: emailAvailableQuerySchema,
  ok: { status: 200, schema: z.object({ available: z.boolean() }) },
  errors: [429],
});
describeRoute({
  method: 'post',
  path: '/auth/password-reset/request',
  tag,
  summary: 'Mail a one-time reset link (always 202)',
  description:
    "The link points to `origin` (the address the user is on) when it is one of the server's own: PUBLIC_URL, CORS_ORIGINS or its own host and port; another origin is 400 `origin_not_allowed`. Without `origin`: PUBLIC_URL.",
  body: passwordResetRequestSchema,
  ok: { status: 202, description: 'Accepted' },
  errors: [429],
});
describeRoute({
  method: 'post',
  path: '/auth/password-reset/confirm',
  tag,
  summary: 'Set a new password with a reset token',
  body: passwordResetConfirmSchema,
  ok: { status: 204, description: 'Password changed' },
  errors: [429],
});
describeRoute({
  method: 'get',
  path: '/me',
  tag,
  summary: 'My profile',
  auth: true,
  ok: { status: 200, schema: userSchema },
});
describeRoute({
  method: 'patch',
  path: '/me',
  tag,
  summary: 'Edit my profile',
  auth: true,
  body: updateMeRequestSchema,
  ok: { status: 200, schema: userSchema },
});
describeRoute({
  method: 'get',
  path: '/me/deletion-preview',
  tag,
  summary: 'What deleting my account would do',
  description: [
    'Lists, as things stand now: the trips only I belong to (`trips.deleted`: deleted on every device),',
    'the shared trips I own and who gets each (`trips.handedOver`: the longest-standing editor),',
    'the shared trips I own with no editor (`trips.choiceRequired`, with their members: DELETE /me must',
    'say `delete` or `transfer:<userId>` for each), the trips of others I leave (`trips.left`), and how',
    'many board posts, comments and images I have (`board`).',
  ].join('\n'),
  auth: true,
  ok: { status: 200, schema: accountDeletionPreviewSchema },
});
describeRoute({
  method: 'delete',
  path: '/me',
  tag,
  summary: 'Delete my account',
  description: [
    'Deletes the account through the sync engine, so every device and co-traveller is told through',
    'replication (live streams at once, other devices on their next pull):',
    '',
    '- trips only I belong to are deleted (tombstones of the trip and everything in it);',
    '- I leave every shared trip; a trip I own passes to its longest-standing editor, and its trip',
    '  document names the new owner. A shared trip I own with no editor needs a choice in `trips`',
    '  (trip id → `delete` for everyone, or `transfer:<memberUserId>`): without one the answer is',
    '  **409 `account_deletion_choice_required`** listing those trips in `errors` (`trips.<tripId>`),',
    '  and nothing is deleted; a transfer to someone who is not a member is **422 `invalid_choice`**.',
    '  Choices for other trips are ignored;',
    '- `board`: my posts, comments and images are deleted (`delete`), or kept with no author',
    '  (`anonymize`; shown as a deleted user); unused uploads go either way;',
    '- refresh tokens are revoked and every session ends: access tokens are refused on every',
    '  instance within 5 seconds, live streams close.',
    '',
    'The deletion is recorded with its choices first, then done step by step; an interrupted one',
    '(a crash) resumes when a server starts, when DELETE /me is sent again (with the recorded',
    'choices), or when the account tries to log in or refresh, and ends in the same state.',
  ].join('\n'),
  auth: true,
  body: deleteMeRequestSchema,
  ok: { status: 204, description: 'Deleted' },
  errors: [403, 409, 422],
});
describeRoute({
  method: 'post',
  path: '/me/password',
  tag,
  summary: 'Change my password (ends my other sessions)',
  auth: true,
  body: changePasswordRequestSchema,
  ok: { status: 204, description: 'Changed' },
  errors: [403],
});
describeRoute({
  method: 'post',
  path: '/me/sessions/end-others',
  tag,
  summary: 'End every session of mine except this one',
  description:
    'Signs out my other devices: their refresh tokens are revoked, their access tokens are refused on every instance within 5 seconds and their live streams close.',
  auth: true,
  ok: { status: 200, schema: z.object({ ended: z.int().nonnegative() }) },
});
