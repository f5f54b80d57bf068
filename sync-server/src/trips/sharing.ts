import { randomBytes } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { ServerContext } from '../context.js';
import { sqlTime, type Bind } from '../db/bind.js';
import { AppError, forbidden } from '../http/problem.js';
import { writeChanges, type ChangeSet, type LockSet } from '../sync/changes.js';
import type { TripRole } from '../sync/collections.js';
import { Membership, readDate, roleRank } from './membership.js';
import type { CreateInviteRequest, Invite, Member } from './schemas.js';

const DEFAULT_INVITE_HOURS = 168;
const HOUR_MS = 3_600_000;

type InviteRow = {
  code: string;
  trip_id: string;
  role: 'editor' | 'viewer';
  created_by: string;
  expires_at: unknown;
  max_uses: number | null;
  uses: number;
  revoked_at: unknown;
};

const inviteNotFound = () =>
  new AppError(404, 'invite_not_found', 'This invite does not exist or was revoked');
const inviteExpired = () =>
  new AppError(410, 'invite_expired', 'This invite has expired or was used up; ask for a new one');
const tripNotFound = () => new AppError(404, 'not_found', 'Trip not found');

/** Sharing a trip: invites, members and their roles. Every membership change moves data (rule 6). */
export class Sharing {
  private readonly membership: Membership;

  constructor(private readonly ctx: ServerContext) {
    this.membership = new Membership(ctx.db);
  }

  // Values are bound ($name), never written into the SQL; times as the text DATE(3) columns hold.
  private select<T extends object>(sql: string, bind: Bind, transaction?: Transaction) {
    return this.ctx.db.sequelize.query<T>(sql, {
      type: QueryTypes.SELECT,
      bind,
      ...(transaction ? { transaction } : {}),
    });
  }

  private run(sql: string, bind: Bind, transaction: Transaction) {
    return this.ctx.db.sequelize.query(sql, { bind, transaction });
  }

  /** A time for SQL, as the text both databases store in DATE(3) columns. */
  private time(date = new Date()): string {
    return sqlTime(this.ctx.db.dialect, date);
  }

  /** A membership change: it holds the trip's sequence (and the people's), so no push of the trip runs on a stale role. */
  private change<T>(locks: LockSet, fn: (changes: ChangeSet) => Promise<T>): Promise<T> {
    return writeChanges(this.ctx.db, this.ctx.live.publish, locks, fn, this.ctx.live.lockObserver);
  }

  /** The trip's title, or undefined when the trip is unknown or deleted. */
  private async liveTripTitle(tripId: string, t?: Transaction): Promise<string | undefined> {
    const rows = await this.select<{ data: string; deleted: number | boolean }>(
      "SELECT data, deleted FROM sync_documents WHERE collection = 'trips' AND id = $tripId",
      { tripId },
      t,
    );
    const row = rows[0];
    if (!row || row.deleted) return undefined;
    return String((JSON.parse(row.data) as { title?: unknown }).title ?? '');
  }

  private toInvite(row: InviteRow): Invite {
    return {
      code: row.code,
      url: `${this.ctx.config.publicUrl}/invite/${row.code}`,
      role: row.role,
      expiresAt: readDate(row.expires_at).toISOString(),
      maxUses: row.max_uses === null ? null : Number(row.max_uses),
      uses: Number(row.uses),
    };
  }

  async createInvite(tripId: string, ownerId: string, request: CreateInviteRequest): Promise<Invite> {
    if ((await this.liveTripTitle(tripId)) === undefined) throw tripNotFound();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + (request.expiresInHours ?? DEFAULT_INVITE_HOURS) * HOUR_MS);
    const row: InviteRow = {
      code: randomBytes(16).toString('base64url'),
      trip_id: tripId,
      role: request.role,
      created_by: ownerId,
      expires_at: expiresAt,
      max_uses: request.maxUses ?? null,
      uses: 0,
      revoked_at: null,
    };
    await this.ctx.db.write((t) =>
      this.run(
        `INSERT INTO trip_invites (code, trip_id, role, created_by, created_at, expires_at, max_uses, uses)
         VALUES ($code, $tripId, $role, $createdBy, $now, $expiresAt, $maxUses, 0)`,
        {
          code: row.code,
          tripId,
          role: row.role,
          createdBy: ownerId,
          now: this.time(now),
          expiresAt: this.time(expiresAt),
          maxUses: row.max_uses,
        },
        t,
      ),
    );
    return this.toInvite(row);
  }

  /** Invites that can still be accepted. */
  async listInvites(tripId: string): Promise<Invite[]> {
    const rows = await this.select<InviteRow>(
      `SELECT * FROM trip_invites WHERE trip_id = $tripId AND revoked_at IS NULL AND expires_at > $now
       AND (max_uses IS NULL OR uses < max_uses) ORDER BY created_at`,
      { tripId, now: this.time() },
    );
    return rows.map((r) => this.toInvite(r));
  }

  async revokeInvite(tripId: string, code: string): Promise<void> {
    const revoked = await this.ctx.db.write(async (t) => {
      const rows = await this.select<InviteRow>(
        'SELECT * FROM trip_invites WHERE code = $code AND trip_id = $tripId AND revoked_at IS NULL',
        { code, tripId },
        t,
      );
      if (rows.length === 0) return false;
      await this.run(
        'UPDATE trip_invites SET revoked_at = $now WHERE code = $code',
        { code, now: this.time() },
        t,
      );
      return true;
    });
    if (!revoked) throw inviteNotFound();
  }

  /** An invite that can be accepted now, or the reason it can't. */
  private async usableInvite(code: string, t?: Transaction): Promise<InviteRow & { tripTitle: string }> {
    const rows = await this.select<InviteRow>('SELECT * FROM trip_invites WHERE code = $code', { code }, t);
    const invite = rows[0];
    if (!invite || invite.revoked_at !== null) throw inviteNotFound();
    const tripTitle = await this.liveTripTitle(invite.trip_id, t);
    if (tripTitle === undefined) throw inviteNotFound();
    if (readDate(invite.expires_at).getTime() <= Date.now()) throw inviteExpired();
    if (invite.max_uses !== null && Number(invite.uses) >= Number(invite.max_uses)) throw inviteExpired();
    return { ...invite, tripTitle };
  }

  /** What accepting would give: trip title, role, who invited, until when. */
  async previewInvite(code: string) {
    const invite = await this.usableInvite(code);
    const users = await this.select<{ display_name: string }>(
      'SELECT display_name FROM users WHERE id = $id',
      {
        id: invite.created_by,
      },
    );
    return {
      tripTitle: invite.tripTitle,
      role: invite.role,
      invitedBy: users[0]?.display_name ?? '',
      expiresAt: readDate(invite.expires_at).toISOString(),
    };
  }

  /** Joins the trip (or raises the caller's role); an existing higher role is kept. */
  async acceptInvite(code: string, userId: string): Promise<{ tripId: string; role: TripRole }> {
    // An invite's trip never changes: read it first, to know which trip to lock.
    const found = await this.select<{ trip_id: string }>(
      'SELECT trip_id FROM trip_invites WHERE code = $code',
      {
        code,
      },
    );
    const tripId = found[0]?.trip_id;
    if (tripId === undefined) throw inviteNotFound();
    return this.change({ trips: [tripId], users: [userId] }, async (changes) => {
      const t = changes.transaction;
      const invite = await this.usableInvite(code, t);
      const current = await this.membership.roleOf(userId, invite.trip_id, t);
      if (current && roleRank[current] >= roleRank[invite.role])
        return { tripId: invite.trip_id, role: current };
      if (current) await this.membership.setRole(changes, invite.trip_id, userId, invite.role);
      else await this.membership.add(changes, invite.trip_id, userId, invite.role);
      await this.run('UPDATE trip_invites SET uses = uses + 1 WHERE code = $code', { code }, t);
      return { tripId: invite.trip_id, role: invite.role };
    });
  }

  /** Everyone on the trip, owner first; no e-mail addresses. */
  async members(tripId: string): Promise<Member[]> {
    const rows = await this.select<{
      user_id: string;
      display_name: string;
      role: TripRole;
      joined_at: unknown;
    }>(
      `SELECT m.user_id, u.display_name, m.role, m.joined_at FROM trip_members m
       JOIN users u ON u.id = m.user_id WHERE m.trip_id = $tripId ORDER BY m.joined_at, m.user_id`,
      { tripId },
    );
    return rows
      .map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        role: r.role,
        joinedAt: readDate(r.joined_at).toISOString(),
      }))
      .sort((a, b) => roleRank[b.role] - roleRank[a.role] || a.joinedAt.localeCompare(b.joinedAt));
  }

  /** Makes a member an editor or a viewer (the owner's role never changes). */
  async changeRole(tripId: string, targetId: string, role: 'editor' | 'viewer'): Promise<Member> {
    await this.change({ trips: [tripId] }, async (changes) => {
      const current = await this.membership.roleOf(targetId, tripId, changes.transaction);
      if (!current) throw new AppError(404, 'not_found', 'This person is not a member of the trip');
      if (current === 'owner') throw forbidden("The owner's role cannot change");
      if (current !== role) await this.membership.setRole(changes, tripId, targetId, role);
    });
    const member = (await this.members(tripId)).find((m) => m.userId === targetId);
    if (!member) throw new AppError(404, 'not_found', 'This person is not a member of the trip');
    return member;
  }

  /** The owner removes a member, or a member leaves; the owner cannot leave their own trip. */
  async removeMember(tripId: string, actorId: string, actorRole: TripRole, targetId: string): Promise<void> {
    if (actorId !== targetId && actorRole !== 'owner')
      throw forbidden('Only the trip owner may remove other members');
    await this.change({ trips: [tripId], users: [targetId] }, async (changes) => {
      const current = await this.membership.roleOf(targetId, tripId, changes.transaction);
      if (!current) throw new AppError(404, 'not_found', 'This person is not a member of the trip');
      if (current === 'owner') throw forbidden('The owner cannot leave or be removed from their trip');
      await this.membership.remove(changes, tripId, targetId);
    });
  }
}
