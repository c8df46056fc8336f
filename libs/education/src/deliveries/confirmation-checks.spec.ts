import { confirmationProblems, correctedFields } from './confirmation-checks.js';

const [s1, s2, s3] = ['s1', 's2', 's3'];
const roll = { classSize: 3, enrolledMissed: new Set([s1, s2]) };

describe('confirmation checks', () => {
  it('accepts a count within the class and enrolled missed students', () => {
    expect(confirmationProblems({ presentCount: 1, missedStudentIds: [s1, s2] }, roll)).toEqual([]);
    expect(confirmationProblems({ presentCount: 0, missedStudentIds: [] }, { classSize: 0, enrolledMissed: new Set() })).toEqual([]);
  });

  it('names presentCount with the class size when more are present than enrolled', () => {
    expect(confirmationProblems({ presentCount: 4, missedStudentIds: [] }, roll)).toEqual([
      { field: 'presentCount', message: 'must be between 0 and 3, the enrolled students of the class' },
    ]);
  });

  it('names each missed student who is not enrolled in the class, by id', () => {
    expect(confirmationProblems({ presentCount: 0, missedStudentIds: [s1, s3] }, roll)).toEqual([
      { field: 'missedStudentIds.1', message: 's3 is not an enrolled student of this class' },
    ]);
  });

  it('refuses more present and missed than the class has', () => {
    expect(confirmationProblems({ presentCount: 2, missedStudentIds: [s1, s2] }, roll).map((p) => p.field)).toEqual(['missedStudentIds']);
  });

  it('lists what a correction changes', () => {
    const first = { presentCount: 2, missedStudentIds: [s1], note: null };
    expect(correctedFields(null, first)).toEqual(['presentCount', 'missedStudentIds']);
    expect(correctedFields(first, { ...first, missedStudentIds: [s1] })).toEqual([]);
    expect(correctedFields(first, { presentCount: 1, missedStudentIds: [s1, s2], note: '补充' })).toEqual(['presentCount', 'missedStudentIds', 'note']);
  });
});
