import type { GuardianRelation } from '../../entities/guardian.entity.js';
import type { Gender, StudentStatus } from '../../entities/student.entity.js';

/** A student as lists (and write answers) show it: no guardians, no contact data. */
export interface StudentSummary {
  id: string;
  studentNumber: string;
  name: string;
  gender: Gender;
  /** `YYYY-MM-DD`, a calendar date. */
  dateOfBirth: string | null;
  classId: string;
  className: string;
  gradeId: string;
  gradeName: string;
  status: StudentStatus;
  version: number;
}

export interface GuardianView {
  id: string;
  studentId: string;
  name: string;
  relation: GuardianRelation;
  phone: string;
  isPrimary: boolean;
  version: number;
}

export interface StudentDetail extends StudentSummary {
  /** The primary guardian first, then in the order they were added. */
  guardians: GuardianView[];
}
