import { classKey, classNamesUsed, type ImportFile, readImportFile } from './import-file.js';
import { readImportRows, type RowContext } from './import-rows.js';

const HEADER = 'student_number,name,gender,date_of_birth,grade,class,status,guardian_name,guardian_relation,guardian_phone';
const CLASS_ID = '7f1c2a34-5b6d-4e8f-9a0b-1c2d3e4f5a6b';
const context: RowContext = {
  now: new Date('2026-09-01T00:00:00Z'),
  classIdOf: (names) => (classKey(names) === classKey({ gradeName: '高一', className: '1班' }) ? CLASS_ID : undefined),
};

function fileOf(text: string): ImportFile {
  const file = readImportFile(text);
  if (Array.isArray(file)) throw new Error(JSON.stringify(file));
  return file;
}

const rowsOf = (...lines: string[]) => readImportRows(fileOf([HEADER, ...lines].join('\n')), context);

describe('student import rows', () => {
  it('reads a full row, Chinese values included', () => {
    expect(rowsOf('S1,张三,男,2010/3/5,高一,1班,在读,张伟,父亲,+86 138 1234 5678')).toEqual({
      rows: [
        {
          row: 2,
          studentNumber: 'S1',
          name: '张三',
          gender: 'male',
          dateOfBirth: '2010-03-05',
          classId: CLASS_ID,
          status: 'enrolled',
          guardian: { name: '张伟', relation: 'father', phone: '13812345678' },
        },
      ],
      errors: [],
    });
  });

  it('reads empty optional cells as null, meaning "leave as stored"', () => {
    const { rows } = rowsOf('S1,张三,,2010-03-05,高一,1班,,,,');
    expect(rows[0]).toMatchObject({ gender: null, status: null, guardian: null });
  });

  it('takes a guardian without relation, and requires name and phone together', () => {
    expect(rowsOf('S1,张三,,2010-03-05,高一,1班,,张伟,,13812345678').rows[0].guardian).toEqual({
      name: '张伟',
      relation: null,
      phone: '13812345678',
    });
    expect(rowsOf('S1,张三,,2010-03-05,高一,1班,,,母亲,').errors.map((e) => e.field)).toEqual([
      'row 2: guardian_name',
      'row 2: guardian_phone',
    ]);
  });

  it.each([
    ['2010-02-29', 'is not a date in the calendar'],
    ['1899-12-31', 'must lie between 1900 and today'],
    ['2026-09-03', 'must lie between 1900 and today'],
    ['05/03/2010', 'must be a date written 2010-03-05 or 2010/3/5'],
  ])('refuses the date of birth %s', (date, message) => {
    expect(rowsOf(`S1,张三,,${date},高一,1班,,,,`).errors).toEqual([{ field: 'row 2: date_of_birth', message }]);
  });

  it('reports a repeated student number on the later row, naming the first', () => {
    expect(rowsOf('S1,甲,,2010-01-01,高一,1班', 'S2,乙,,2010-01-01,高一,1班', 'S1,丙,,2010-01-01,高一,1班').errors).toEqual([
      { field: 'row 4: student_number', message: 'repeats the student number of row 2' },
    ]);
  });

  it('lists the grade and class names a file uses, once each', () => {
    const file = fileOf([HEADER, 'S1,甲,,2010-01-01,高一,1班', 'S2,乙,,2010-01-01,高一,1班', 'S3,丙,,2010-01-01,高二,1班'].join('\n'));
    expect(classNamesUsed(file)).toEqual([
      { gradeName: '高一', className: '1班' },
      { gradeName: '高二', className: '1班' },
    ]);
  });

  it('matches header names regardless of case and surrounding spaces, in any order', () => {
    const file = fileOf(' Name ,STUDENT_NUMBER,date_of_birth,class,grade\n张三,S1,2010-01-01,1班,高一');
    expect(readImportRows(file, context).rows[0]).toMatchObject({ studentNumber: 'S1', name: '张三', classId: CLASS_ID });
  });

  it.each([
    ['student_number,name\n', 'misses the column date_of_birth'],
    [`${HEADER},name\n`, 'names the column name twice'],
    [`${HEADER}\n`, 'has no student rows below the header'],
  ])('refuses the file %p', (text, message) => {
    expect(readImportFile(text)).toContainEqual({ field: expect.any(String), message });
  });
});
