import { Router } from 'express';
import { z } from 'zod';
import {
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
import { parseBody, parseQuery } from '../http/validate.js';
import { limitPerIp } from '../http/rate-limit.js';
import { describeRoute } from '../http/openapi.js';
import { caller, requireAuth } from './guard.js';
import { AuthService, toUser } from './service.js';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** /auth and /me routes; returns the router and exposes the service for other features. */
export function createAuthFeature(ctx: ServerContext): Router & { service: AuthService } {
  const service = new AuthService(ctx);
  const router = Router() as Router & { service: AuthService };
  router.service = service;
  const authed = requireAuth(ctx.config);
  const { auth: authLimit, emailCheck } = ctx.config.rateLimits;

  router.post('/auth/signup', limitPerIp(authLimit, FIFTEEN_MINUTES, 'sign-up'), async (req, res) => {
    res.status(201).json(await service.signup(parseBody(req, signupRequestSchema)));
  });
  router.post('/auth/login', limitPerIp(authLimit, FIFTEEN_MINUTES, 'log-in'), async (req, res) => {
    const { email, password } = parseBody(req, loginRequestSchema);
    res.json(await service.login(email, password));
  });
  router.post('/auth/refresh', async (req, res) => {
    res.json(await service.refresh(parseBody(req, refreshRequestSchema).refreshToken));
  });
  router.post('/auth/logout', authed, async (req, res) => {
    await service.logout(parseBody(req, refreshRequestSchema).refreshToken, caller(req).userId);
    res.status(204).end();
  });
  router.get(
    '/auth/email-available',
    limitPerIp(emailCheck, FIFTEEN_MINUTES, 'email check'),
    async (req, res) => {
      const { email } = parseQuery(req, emailAvailableQuerySchema);
      res.json({ available: await service.isEmailAvailable(email) });
    },
  );
  router.post(
    '/auth/password-reset/request',
    limitPerIp(authLimit, FIFTEEN_MINUTES, 'password reset'),
    async (req, res) => {
      const { email, locale } = parseBody(req, passwordResetRequestSchema);
      // Answer the same way whether or not the account exists.
      await service.requestPasswordReset(email, locale);
      res.status(202).json({ accepted: true });
    },
  );
  router.post(
    '/auth/password-reset/confirm',
    limitPerIp(authLimit, FIFTEEN_MINUTES, 'password reset'),
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
  router.delete('/me', authed, async (req, res) => {
    await service.deleteAccount(caller(req).userId, parseBody(req, deleteMeRequestSchema).password);
    res.status(204).end();
  });
  router.post('/me/password', authed, async (req, res) => {
    const { currentPassword, newPassword } = parseBody(req, changePasswordRequestSchema);
    const { userId, sessionId } = caller(req);
    await service.changePassword(userId, sessionId, currentPassword, newPassword);
    res.status(204).end();
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
  body: refreshRequestSchema,
  ok: { status: 200, schema: sessionSchema },
  errors: [401],
});
describeRoute({
  method: 'post',
  path: '/auth/logout',
  tag,
  summary: 'End this session',
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
  method: 'delete',
  path: '/me',
  tag,
  summary: 'Delete my account',
  auth: true,
  body: deleteMeRequestSchema,
  ok: { status: 204, description: 'Deleted' },
  errors: [403],
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
