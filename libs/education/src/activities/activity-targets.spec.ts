import type { ProblemException } from '#core';
import { type TargetRow, targetClassIds } from './activity-targets.js';

const [c1, c2, c3, g1, g2] = ['c1', 'c2', 'c3', 'g1', 'g2'];
const row = (requestedAs: 'class' | 'grade', requestedId: string, classId: string | null, inScope = true): TargetRow => ({
  requestedAs,
  requestedId,
  classId,
  inScope,
});

function problemOf(run: () => unknown): { status: number; code: string; errors?: unknown } {
  try {
    run();
  } catch (error) {
    const problem = (error as ProblemException).toProblem();
    return { status: problem.status, code: problem.code, errors: problem.errors };
  }
  throw new Error('expected a problem');
}

describe('activity targets', () => {
  it('expands grades to their classes and drops duplicates', () => {
    const rows = [row('class', c1, c1), row('grade', g1, c1), row('grade', g1, c2)];
    expect(targetClassIds({ classIds: [c1], gradeIds: [g1] }, rows)).toEqual([c1, c2]);
  });

  it('answers 404 for a class that is missing or out of scope', () => {
    expect(problemOf(() => targetClassIds({ classIds: [c3] }, [row('class', c3, null, false)]))).toMatchObject({ status: 404, code: 'class.not_found' });
    expect(problemOf(() => targetClassIds({ classIds: [c3] }, [row('class', c3, c3, false)]))).toMatchObject({ status: 404, code: 'class.not_found' });
  });

  it('answers 404 for a grade that is missing or not wholly in scope', () => {
    expect(problemOf(() => targetClassIds({ gradeIds: [g2] }, []))).toMatchObject({ status: 404, code: 'grade.not_found' });
    const partly = [row('grade', g1, c1), row('grade', g1, c2, false)];
    expect(problemOf(() => targetClassIds({ gradeIds: [g1] }, partly))).toMatchObject({ status: 404, code: 'grade.not_found' });
  });

  it('refuses a grade without classes, and no targets at all, with 400', () => {
    expect(problemOf(() => targetClassIds({ gradeIds: [g1] }, [row('grade', g1, null, false)]))).toMatchObject({
      status: 400,
      errors: [{ field: 'gradeIds.0', message: 'the grade has no classes' }],
    });
    expect(problemOf(() => targetClassIds({}, []))).toMatchObject({ status: 400 });
  });
});
