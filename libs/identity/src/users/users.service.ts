import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, pickChanges, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { PasswordHasher } from '../auth/password-hasher.js';
import { RefreshTokenRepository } from '../auth/refresh-token.repository.js';
import { type StaffAccountChanges, type StaffAccountRow, UserAdminRepository } from './user-admin.repository.js';
import type { CreateUserDto, ListUsersQuery, UpdateUserDto, UserView } from './users.dto.js';

const userNotFound = () => new NotFoundProblem('user.not_found', 'The user does not exist');
const versionConflict = () => new ConflictProblem('user.version_conflict', 'The user was changed by someone else; reload it and try again');

/** Staff accounts of the caller's school. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserAdminRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: ListUsersQuery): Promise<Page<UserView>> {
    const rows = await this.users.listInSchool(caller.schoolId, { roles: query.role, active: query.active }, query);
    const now = this.clock.now();
    return toPage(rows, query, (u) => [u.createdAt.toISOString(), u.id], (u) => this.toView(u, now));
  }

  async get(caller: Caller, userId: string): Promise<UserView> {
    const user = await this.users.findInSchool(caller.schoolId, userId);
    if (!user) throw userNotFound();
    return this.toView(user, this.clock.now());
  }

  async create(caller: Caller, body: CreateUserDto): Promise<UserView> {
    // Hashed before the transaction: argon2 takes a while and needs no row locks.
    const passwordHash = await this.hasher.hash(body.password);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.insert(manager, caller.schoolId, {
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        phone: body.phone ?? null,
        passwordHash,
      });
      await this.audit.record(manager, caller, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        // The password is set too, but the trail names only what others can see of an account.
        changedFields: ['username', 'displayName', 'role', ...(body.phone ? ['phone'] : [])],
      });
      return this.toView(user, this.clock.now());
    });
  }

  /**
   * Deactivating a user or changing their role ends all their sessions in the same transaction;
   * the access guard re-reads the user on every request, so both take effect on the next one.
   * Either also ends their current class-teacher assignments (only an active class teacher may
   * hold one), audited one by one; reactivating them restores none: an administrator assigns again.
   * Naming the school's first person accountable takes the flag from the one named before, in the
   * same transaction (audited for them too); concurrent namings take turns, so one holder remains.
   */
  async update(caller: Caller, userId: string, version: number, body: UpdateUserDto): Promise<UserView> {
    // Nobody may lock themselves out: the school could be left without an administrator.
    if (userId === caller.userId && (body.active === false || (body.role !== undefined && body.role !== caller.role))) {
      throw new ConflictProblem('user.self_lockout', 'You may not deactivate your own account or change your own role');
    }
    return this.dataSource.transaction(async (manager) => {
      if (body.firstAccountable === true) await this.users.lockFirstAccountable(manager, caller.schoolId);
      const current = await this.users.findInSchool(caller.schoolId, userId, manager);
      if (!current) throw userNotFound();
      if (current.version !== version) throw versionConflict();
      const changes = pickChanges(current, {
        displayName: body.displayName,
        role: body.role,
        active: body.active,
        phone: body.phone,
        firstAccountable: body.firstAccountable,
      });
      const changedFields = Object.keys(changes);
      const now = this.clock.now();
      if (changedFields.length === 0) return this.toView(current, now);
      checkFirstAccountable(current, changes);
      const replaced = changes.firstAccountable ? await this.users.clearOtherFirstAccountable(manager, caller.schoolId, userId, now) : [];
      if (!(await this.users.updateAtVersion(manager, caller.schoolId, userId, version, changes, now))) throw versionConflict();
      if (changes.role !== undefined || changes.active === false) {
        await this.refreshTokens.revokeAllOfUser(manager, userId, now);
      }
      const endedAssignments =
        changes.active === false || (changes.role !== undefined && changes.role !== 'class_teacher')
          ? await this.users.endCurrentClassAssignments(manager, caller.schoolId, userId, now)
          : [];
      await this.audit.recordMany(manager, caller, [
        { action: 'user.update', entityType: 'user', entityId: userId, changedFields },
        ...replaced.map((id) => ({ action: 'user.update', entityType: 'user', entityId: id, changedFields: ['firstAccountable'] })),
        ...endedAssignments.map((id) => ({ action: 'class_assignment.end', entityType: 'class_assignment', entityId: id, changedFields: ['endedAt'] })),
      ]);
      return this.toView({ ...current, ...changes, version: version + 1, updatedAt: now }, now);
    });
  }

  async unlock(caller: Caller, userId: string): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.users.clearSignInLockout(manager, caller.schoolId, userId))) throw userNotFound();
      await this.audit.record(manager, caller, {
        action: 'user.unlock',
        entityType: 'user',
        entityId: userId,
        changedFields: ['failedLoginCount', 'lockedUntil'],
      });
      const user = (await this.users.findInSchool(caller.schoolId, userId, manager)) as StaffAccountRow;
      return this.toView(user, this.clock.now());
    });
  }

  private toView({ lockedUntil, ...account }: StaffAccountRow, now: Date): UserView {
    return { ...account, locked: lockedUntil !== null && lockedUntil.getTime() > now.getTime() };
  }
}

/**
 * The first person accountable is an active administrator (users_first_accountable_check). Their
 * role or active state changes only with the flag cleared in the same request: silently clearing it
 * would end every escalation of the school one level early without anyone having decided so.
 */
function checkFirstAccountable(current: StaffAccountRow, changes: StaffAccountChanges): void {
  const after = { ...current, ...changes };
  if (!after.firstAccountable || (after.role === 'admin' && after.active)) return;
  if (changes.firstAccountable) {
    throw new ConflictProblem('user.first_accountable_not_admin', 'Only an active administrator may be the first person accountable');
  }
  throw new ConflictProblem(
    'user.first_accountable_must_stay_admin',
    "This user is the school's first person accountable: name another one first, or send firstAccountable false with the change",
  );
}
