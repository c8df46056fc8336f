import type { DataSource } from 'typeorm';
import { auditServiceFromEnvironment } from '#audit';
import { MIN_PASSWORD_LENGTH, PasswordHasher } from '../auth/password-hasher.js';

export interface NewAdministrator {
  schoolCode: string;
  /** Needed only when the school does not exist yet. */
  schoolName?: string;
  username: string;
  displayName: string;
  password: string;
}

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,50}$/;

/** A failure an operator can fix; its message is one sentence that says how. */
export class AdministratorInputError extends Error {}

/**
 * The first administrator of a school (creating the school if needed), for `npm run cli --
 * create-admin` on any database. Audited as a system action.
 */
export async function createAdministrator(
  dataSource: DataSource,
  input: NewAdministrator,
): Promise<{ schoolId: string; userId: string; createdSchool: boolean }> {
  if (!USERNAME_PATTERN.test(input.username)) {
    throw new AdministratorInputError('The user name must be 3-50 characters of a-z, 0-9, dot, dash or underscore.');
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AdministratorInputError(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const passwordHash = await new PasswordHasher().hash(input.password);
  const audit = auditServiceFromEnvironment(dataSource);
  return dataSource.transaction(async (manager) => {
    let [school] = await manager.query<{ id: string }[]>('SELECT id FROM schools WHERE code = $1', [input.schoolCode]);
    const createdSchool = !school;
    if (!school) {
      if (!input.schoolName) {
        throw new AdministratorInputError(`No school has the code "${input.schoolCode}": give --school-name to create it.`);
      }
      [school] = await manager.query<{ id: string }[]>('INSERT INTO schools (name, code) VALUES ($1, $2) RETURNING id', [
        input.schoolName,
        input.schoolCode,
      ]);
      await audit.record(manager, { schoolId: school.id }, { action: 'school.create', entityType: 'school', entityId: school.id });
    }
    const [user] = await manager.query<{ id: string }[]>(
      `INSERT INTO users (school_id, username, display_name, role, password_hash) VALUES ($1, $2, $3, 'admin', $4)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [school.id, input.username, input.displayName, passwordHash],
    );
    if (!user) throw new AdministratorInputError(`The user name "${input.username}" is taken: choose another.`);
    await audit.record(manager, { schoolId: school.id }, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      reason: 'first administrator, created from the command line',
    });
    return { schoolId: school.id, userId: user.id, createdSchool };
  });
}
