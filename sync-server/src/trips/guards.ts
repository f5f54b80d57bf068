import type { Request, RequestHandler } from 'express';
import { documentIdSchema } from '@hamgaja/shared';
import { caller } from '../auth/guard.js';
import { AppError, forbidden } from '../http/problem.js';
import type { TripRole } from '../sync/collections.js';
import type { Membership } from './membership.js';

declare module 'express-serve-static-core' {
  interface Request {
    tripRole?: TripRole;
  }
}

const tripNotFound = () => new AppError(404, 'not_found', 'Trip not found');

/** The trip id of the URL (`:id`); a malformed one is simply not found. */
export function tripIdParam(req: Request): string {
  const parsed = documentIdSchema.safeParse(req.params.id);
  if (!parsed.success) throw tripNotFound();
  return parsed.data;
}

/** The caller's role on the trip, set by requireTripMember. */
export function tripRole(req: Request): TripRole {
  if (!req.tripRole) throw tripNotFound();
  return req.tripRole;
}

/** requireTripMember: the caller is a member of trip `:id` (strangers get 404, so trips don't leak); sets req.tripRole. */
export function requireTripMember(membership: Membership): RequestHandler {
  return async (req, _res, next) => {
    const role = await membership.roleOf(caller(req).userId, tripIdParam(req));
    if (!role) throw tripNotFound();
    req.tripRole = role;
    next();
  };
}

/** requireTripOwner: the caller owns trip `:id` (other members get 403, strangers 404). */
export function requireTripOwner(membership: Membership): RequestHandler {
  return async (req, _res, next) => {
    const role = await membership.roleOf(caller(req).userId, tripIdParam(req));
    if (!role) throw tripNotFound();
    if (role !== 'owner') throw forbidden('Only the trip owner may do this');
    req.tripRole = role;
    next();
  };
}
