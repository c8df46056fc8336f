import type { FieldError } from '#core';
import type { FoundReferences, RequestedReferences } from './campaign-references.repository.js';

/** The window is a real interval that has not already ended. */
export function windowErrors(opensAt: Date, closesAt: Date, now: Date): FieldError[] {
  if (closesAt.getTime() <= opensAt.getTime()) return [{ field: 'closesAt', message: 'must be after opensAt' }];
  if (closesAt.getTime() <= now.getTime()) return [{ field: 'closesAt', message: 'must be in the future' }];
  return [];
}

export function targetErrors(gradeIds: string[], classIds: string[]): FieldError[] {
  return gradeIds.length + classIds.length === 0
    ? [{ field: 'classIds', message: 'names no target: give at least one grade (gradeIds) or class (classIds)' }]
    : [];
}

/** Every named grade, class and counselor must be the school's, every instrument active, and each instrument asked once. */
export function referenceErrors(requested: RequestedReferences, found: FoundReferences): FieldError[] {
  const errors: FieldError[] = [];
  const missing = (field: keyof RequestedReferences, foundIds: string[], what: string) => {
    const unknown = requested[field].filter((id) => !foundIds.includes(id));
    if (unknown.length > 0) errors.push({ field, message: `names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not ${what}` });
  };
  missing('gradeIds', found.gradeIds, 'a grade of your school');
  missing('classIds', found.classIds, 'a class of your school');
  missing('counselorIds', found.counselorIds, 'an active counselor of your school');
  missing('instrumentIds', found.instruments.filter((i) => i.active).map((i) => i.id), 'an active instrument');

  const codes = found.instruments.map((i) => i.code);
  const repeated = [...new Set(codes.filter((code, i) => codes.indexOf(code) !== i))];
  if (repeated.length > 0) errors.push({ field: 'instrumentIds', message: `names two versions of ${repeated.join(', ')}: answers are keyed by instrument code` });
  return errors;
}
