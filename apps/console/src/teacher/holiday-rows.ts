/** One student of a class for a holiday: their registration, or none yet. */
export interface HolidayRow<R> {
  studentId: string;
  studentName: string;
  studentNumber: string;
  registration: R | null;
}

/**
 * The class's students in one list, the unregistered first, each by student number: a student
 * keeps their place (and an open form) when their registration arrives.
 */
export function holidayRows<R extends { studentId: string; studentName: string; studentNumber: string }>(
  unregistered: readonly { studentId: string; studentName: string; studentNumber: string }[],
  registered: readonly R[],
): HolidayRow<R>[] {
  const byStudent = new Map<string, HolidayRow<R>>();
  for (const s of unregistered) byStudent.set(s.studentId, { studentId: s.studentId, studentName: s.studentName, studentNumber: s.studentNumber, registration: null });
  for (const r of registered) byStudent.set(r.studentId, { studentId: r.studentId, studentName: r.studentName, studentNumber: r.studentNumber, registration: r });
  return [...byStudent.values()].sort(
    (a, b) => Number(a.registration !== null) - Number(b.registration !== null) || a.studentNumber.localeCompare(b.studentNumber),
  );
}
