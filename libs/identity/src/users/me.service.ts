import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, type Uuid, UnauthorizedProblem } from '#core';
import { type Caller, type Permission, type Role, ROLE_PERMISSIONS } from '#access';
import { AuditService } from '#audit';
import { PasswordHasher } from '../auth/password-hasher.js';
import { RefreshTokenRepository } from '../auth/refresh-token.repository.js';
import { UserRepository } from './user.repository.js';

/** A class the caller teaches now. */
export interface TaughtClass {
  id: Uuid;
  name: string;
  gradeName: string;
}

/** The caller's own account, as the console needs it at start. */
export interface MyProfile {
  id: Uuid;
  username: string;
  displayName: string;
  role: Role;
  schoolId: Uuid;
  /** Everything the role may do, sorted. */
  permissions: Permission[];
  /** The classes the caller currently teaches (class teachers). */
  classes: TaughtClass[];
}

@Injectable()
export class MeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async profile(caller: Caller): Promise<MyProfile> {
    const [user] = await this.dataSource.query<{ display_name: string }[]>(
      'SELECT display_name FROM users WHERE id = $1 AND school_id = $2',
      [caller.userId, caller.schoolId],
    );
    const classes = await this.dataSource.query<TaughtClass[]>(
      `SELECT c.id, c.name, g.name AS "gradeName"
         FROM class_teacher_assignments a
         JOIN classes c ON c.id = a.class_id
         JOIN grades g ON g.id = c.grade_id
        WHERE a.user_id = $1 AND a.school_id = $2 AND a.ended_at IS NULL
        ORDER BY g.sort_order, g.name, c.name`,
      [caller.userId, caller.schoolId],
    );
    return {
      id: caller.userId,
      username: caller.username,
      displayName: user.display_name,
      role: caller.role,
      schoolId: caller.schoolId,
      permissions: [...ROLE_PERMISSIONS[caller.role]].sort(),
      classes,
    };
  }

  /** Changes the password and ends every sign-in session of the user, this one included. */
  async changePassword(caller: Caller, currentPassword: string, newPassword: string): Promise<void> {
    const newHash = await this.hasher.hash(newPassword);
    const changed = await this.dataSource.transaction(async (manager) => {
      const hash = await this.users.findPasswordHash(manager, caller.userId);
      if (!hash || !(await this.hasher.verify(hash, currentPassword))) {
        await this.audit.record(manager, caller, { action: 'user.password_change', outcome: 'failure', entityType: 'user', entityId: caller.userId });
        return false;
      }
      const now = this.clock.now();
      await this.users.updatePassword(manager, caller.userId, newHash, now);
      await this.refreshTokens.revokeAllOfUser(manager, caller.userId, now);
      await this.audit.record(manager, caller, {
        action: 'user.password_change',
        entityType: 'user',
        entityId: caller.userId,
        changedFields: ['password'],
      });
      return true;
    });
    if (!changed) throw new UnauthorizedProblem('auth.invalid_credentials', 'The current password is wrong');
  }
}
