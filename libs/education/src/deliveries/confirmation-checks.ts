import type { FieldError } from '#core';

/** The class as it is when the confirmation is made. */
export interface ClassRoll {
  /** Enrolled students. */
  classSize: number;
  /** Which of the students named as missing are enrolled in the class. */
  enrolledMissed: Set<string>;
}

/**
 * What is wrong with a confirmation, field by field: more present than the class has, a missed
 * student who is not an enrolled student of the class, or more present and missed than students.
 */
export function confirmationProblems(input: { presentCount: number; missedStudentIds: string[] }, roll: ClassRoll): FieldError[] {
  const problems: FieldError[] = [];
  if (input.presentCount > roll.classSize) {
    problems.push({ field: 'presentCount', message: `must be between 0 and ${roll.classSize}, the enrolled students of the class` });
  }
  input.missedStudentIds.forEach((id, index) => {
    if (!roll.enrolledMissed.has(id)) problems.push({ field: `missedStudentIds.${index}`, message: `${id} is not an enrolled student of this class` });
  });
  if (problems.length === 0 && input.presentCount + input.missedStudentIds.length > roll.classSize) {
    problems.push({
      field: 'missedStudentIds',
      message: `${input.presentCount} present and ${input.missedStudentIds.length} missed are more than the ${roll.classSize} students of the class`,
    });
  }
  return problems;
}

/** What a correction changes compared with the confirmation it replaces (all of it for a first confirmation). */
export function correctedFields(
  previous: { presentCount: number; missedStudentIds: string[]; note: string | null } | null,
  next: { presentCount: number; missedStudentIds: string[]; note: string | null },
): string[] {
  if (!previous) return ['presentCount', 'missedStudentIds', ...(next.note ? ['note'] : [])];
  const sameMissed =
    previous.missedStudentIds.length === next.missedStudentIds.length && previous.missedStudentIds.every((id) => next.missedStudentIds.includes(id));
  return [
    ...(previous.presentCount !== next.presentCount ? ['presentCount'] : []),
    ...(sameMissed ? [] : ['missedStudentIds']),
    ...(previous.note !== next.note ? ['note'] : []),
  ];
}
