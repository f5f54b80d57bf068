import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { caller, requireAuth } from '../auth/guard.js';
import { AppError } from '../http/problem.js';
import { parseBody } from '../http/validate.js';
import { describeRoute } from '../http/openapi.js';
import { createCalendarFeedRouter } from './calendar-feed-routes.js';
import { requireTripMember, requireTripOwner, tripIdParam, tripRole } from './guards.js';
import { Membership } from './membership.js';
import {
  acceptInviteResponseSchema,
  changeRoleRequestSchema,
  createInviteRequestSchema,
  invitePreviewSchema,
  inviteSchema,
  memberSchema,
} from './schemas.js';
import { Sharing } from './sharing.js';

/** An invite code from the URL; anything malformed is simply unknown. */
function inviteCode(req: Request): string {
  const code = String(req.params.code);
  if (!/^[A-Za-z0-9_-]{16,43}$/.test(code))
    throw new AppError(404, 'invite_not_found', 'This invite does not exist or was revoked');
  return code;
}

function memberId(req: Request): string {
  const id = String(req.params.userId);
  if (!/^[\w-]{1,64}$/.test(id))
    throw new AppError(404, 'not_found', 'This person is not a member of the trip');
  return id;
}

/** Sharing a trip: invites, accepting them, members and roles, its calendar feed. */
export function createTripsRouter(ctx: ServerContext): Router {
  const router = Router();
  const sharing = new Sharing(ctx);
  const membership = new Membership(ctx.db);
  const authed = requireAuth(ctx.config);
  const member = requireTripMember(membership);
  const owner = requireTripOwner(membership);

  router.post('/trips/:id/invites', authed, owner, async (req, res) => {
    const body = parseBody(req, createInviteRequestSchema);
    res.status(201).json(await sharing.createInvite(tripIdParam(req), caller(req).userId, body));
  });
  router.get('/trips/:id/invites', authed, owner, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await sharing.listInvites(tripIdParam(req)));
  });
  router.delete('/trips/:id/invites/:code', authed, owner, async (req, res) => {
    await sharing.revokeInvite(tripIdParam(req), inviteCode(req));
    res.status(204).end();
  });

  router.get('/invites/:code', authed, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await sharing.previewInvite(inviteCode(req)));
  });
  router.post('/invites/:code/accept', authed, async (req, res) => {
    res.json(await sharing.acceptInvite(inviteCode(req), caller(req).userId));
  });

  router.get('/trips/:id/members', authed, member, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await sharing.members(tripIdParam(req)));
  });
  router.patch('/trips/:id/members/:userId', authed, owner, async (req, res) => {
    const { role } = parseBody(req, changeRoleRequestSchema);
    res.json(await sharing.changeRole(tripIdParam(req), memberId(req), role));
  });
  router.delete('/trips/:id/members/:userId', authed, member, async (req, res) => {
    await sharing.removeMember(tripIdParam(req), caller(req).userId, tripRole(req), memberId(req));
    res.status(204).end();
  });

  router.use(createCalendarFeedRouter(ctx));
  return router;
}

// The OpenAPI description of the routes above.
const tag = 'Sharing';
describeRoute({
  method: 'post',
  path: '/trips/{id}/invites',
  tag,
  summary: 'Create an invite link (owner)',
  auth: true,
  body: createInviteRequestSchema,
  ok: { status: 201, schema: inviteSchema },
  errors: [403, 404],
});
describeRoute({
  method: 'get',
  path: '/trips/{id}/invites',
  tag,
  summary: 'Invites that can still be accepted (owner)',
  auth: true,
  ok: { status: 200, schema: z.array(inviteSchema) },
  errors: [403, 404],
});
describeRoute({
  method: 'delete',
  path: '/trips/{id}/invites/{code}',
  tag,
  summary: 'Revoke an invite (owner)',
  auth: true,
  ok: { status: 204, description: 'Revoked' },
  errors: [403, 404],
});
describeRoute({
  method: 'get',
  path: '/invites/{code}',
  tag,
  summary: 'Preview an invite before accepting it',
  auth: true,
  ok: { status: 200, schema: invitePreviewSchema },
  errors: [404, 410],
});
describeRoute({
  method: 'post',
  path: '/invites/{code}/accept',
  tag,
  summary: 'Join the trip (a higher existing role is kept)',
  auth: true,
  ok: { status: 200, schema: acceptInviteResponseSchema },
  errors: [404, 410],
});
describeRoute({
  method: 'get',
  path: '/trips/{id}/members',
  tag,
  summary: 'Members of a trip (any member)',
  auth: true,
  ok: { status: 200, schema: z.array(memberSchema) },
  errors: [404],
});
describeRoute({
  method: 'patch',
  path: '/trips/{id}/members/{userId}',
  tag,
  summary: "Change a member's role (owner; not the owner's)",
  auth: true,
  body: changeRoleRequestSchema,
  ok: { status: 200, schema: memberSchema },
  errors: [403, 404],
});
describeRoute({
  method: 'delete',
  path: '/trips/{id}/members/{userId}',
  tag,
  summary: 'Remove a member (owner) or leave (yourself; not the owner)',
  auth: true,
  ok: { status: 204, description: 'Removed' },
  errors: [403, 404],
});
