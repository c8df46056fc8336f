import { validationProblem } from '#core';
import { classNotFound, gradeNotFound } from '../shared/education-problems.js';

/** One requested class, or one class of a requested grade, as the caller's scope sees it. */
export interface TargetRow {
  requestedAs: 'class' | 'grade';
  requestedId: string;
  /** Null for a missing class, or for a grade without classes. */
  classId: string | null;
  inScope: boolean;
}

/**
 * The classes an activity is planned for. A class or grade out of the caller's scope answers
 * 404 exactly like a missing one; a teacher may name a grade only if they teach all of it.
 */
export function targetClassIds(requested: { classIds?: string[]; gradeIds?: string[] }, rows: TargetRow[]): string[] {
  const classIds = requested.classIds ?? [];
  const gradeIds = requested.gradeIds ?? [];
  if (classIds.length === 0 && gradeIds.length === 0) {
    throw validationProblem([{ field: 'classIds', message: 'give the target classes, or grades (gradeIds)' }]);
  }
  const targets = new Set<string>();
  for (const classId of classIds) {
    const row = rows.find((r) => r.requestedAs === 'class' && r.requestedId === classId);
    if (!row?.classId || !row.inScope) throw classNotFound();
    targets.add(row.classId);
  }
  gradeIds.forEach((gradeId, index) => {
    const gradeRows = rows.filter((r) => r.requestedAs === 'grade' && r.requestedId === gradeId);
    if (gradeRows.length === 0 || gradeRows.some((r) => r.classId && !r.inScope)) throw gradeNotFound();
    const gradeClasses = gradeRows.flatMap((r) => (r.classId ? [r.classId] : []));
    if (gradeClasses.length === 0) throw validationProblem([{ field: `gradeIds.${index}`, message: 'the grade has no classes' }]);
    gradeClasses.forEach((id) => targets.add(id));
  });
  return [...targets];
}
