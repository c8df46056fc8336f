import type { IsoDate, Uuid } from '#core';
import type { GuardianRelation } from '../../entities/guardian.entity.js';
import type { Gender, StudentStatus } from '../../entities/student.entity.js';

/** A student as lists (and write answers) show it: no guardians, no contact data. */
export interface StudentSummary {
  id: Uuid;
  studentNumber: string;
  name: string;
  gender: Gender;
  dateOfBirth: IsoDate | null;
  classId: Uuid;
  className: string;
  gradeId: Uuid;
  gradeName: string;
  status: StudentStatus;
  version: number;
}

export interface GuardianView {
  id: Uuid;
  studentId: Uuid;
  name: string;
  relation: GuardianRelation;
  /** In its canonical spelling. */
  phone: string;
  /** The one to call first; at most one per student. */
  isPrimary: boolean;
  version: number;
}

export interface StudentDetail extends StudentSummary {
  /** The primary guardian first, then in the order they were added. */
  guardians: GuardianView[];
}
