import type { CampaignInstrument } from '../../campaigns/campaign-instrument.repository.js';
import { CSSRS_SCREENER_V1, PHQ9_V1 } from '../../instruments/definitions/index.js';
import { readAnswerCell, readYesNo } from './answer-cells.js';
import { readResponseImportFile, type ResponseImportFile } from './response-import-file.js';
import { type ImportContext, readResponseImportRows, studentNumbersOf } from './response-import-rows.js';

const PHQ9: CampaignInstrument = { id: 'i-phq9', ...PHQ9_V1 };
const CSSRS: CampaignInstrument = { id: 'i-cssrs', ...CSSRS_SCREENER_V1 };
const NOW = new Date('2026-09-10T00:00:00Z');
const context: ImportContext = {
  instruments: [PHQ9, CSSRS],
  window: { opensAt: new Date('2026-09-01T00:00:00Z'), closesAt: new Date('2026-09-30T00:00:00Z') },
  now: NOW,
  invitationOf: (studentNumber) => (studentNumber.startsWith('S') ? { invitationId: `inv-${studentNumber}`, studentId: `stu-${studentNumber}`, studentNumber } : undefined),
  alreadyAnswered: (invitationId) => invitationId === 'inv-S9',
};

function fileOf(lines: string[]): ResponseImportFile {
  const file = readResponseImportFile(lines.join('\n'), context.instruments);
  if (Array.isArray(file)) throw new Error(JSON.stringify(file));
  return file;
}
const PHQ9_HEADER = 'student_number,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9';

describe('response import rows', () => {
  it('reads a valid row into a scored response, skipping items left empty by skip logic', () => {
    const file = fileOf([
      'student_number,instrument,administered_at,item1,item2,item3,item4,item5,item6,item6PastThreeMonths',
      'S1,cssrs_screener,2026-09-05T09:00:00+08:00,是,否,,,,yes,1',
    ]);
    const { responses, errors } = readResponseImportRows(file, context);
    expect(errors).toEqual([]);
    expect(responses[0]).toMatchObject({
      invitationId: 'inv-S1',
      studentId: 'stu-S1',
      answers: { item1: true, item2: false, item6: true, item6PastThreeMonths: true },
      administeredAt: new Date('2026-09-05T01:00:00Z'),
      score: { band: { code: 'high' }, criticalItemsHit: ['item6PastThreeMonths'] },
    });
  });

  it('takes the import time when administered_at is empty or absent, and instrument codes in any case', () => {
    const { responses } = readResponseImportRows(fileOf([PHQ9_HEADER, 'S1,PHQ9,1,1,1,0,0,0,0,0,0']), context);
    expect(responses[0]).toMatchObject({ administeredAt: NOW, score: { total: 3 } });
  });

  it('reports each problem with its row and column, and returns no responses then', () => {
    const { responses, errors } = readResponseImportRows(
      fileOf([PHQ9_HEADER, 'S1,phq9,1,1,1,0,0,0,0,0,x', 'X1,phq9,0,0,0,0,0,0,0,0,0', 'S9,phq9,0,0,0,0,0,0,0,0,0', ',,0', 'S2,phq9,0,0,0,0,0,0,0,0,0,0']),
      context,
    );
    expect(responses).toEqual([]);
    expect(errors).toEqual([
      { field: 'row 2: item9', message: 'must be a whole number' },
      { field: 'row 3: student_number', message: 'is not a student invited to this campaign' },
      { field: 'row 4: instrument', message: 'the student already has a phq9 response in this campaign' },
      { field: 'row 5: student_number', message: 'is required' },
      { field: 'row 5: instrument', message: 'is required' },
      { field: 'row 6', message: 'has 12 cells; the header has 11' },
    ]);
  });

  it('lists the distinct student numbers of a file', () => {
    expect(studentNumbersOf(fileOf([PHQ9_HEADER, 'S1,phq9', 'S2,phq9', 'S1,cssrs_screener']))).toEqual(['S1', 'S2']);
  });
});

describe('answer cells', () => {
  it('reads yes/no the ways spreadsheets write it', () => {
    expect(['1', 'YES', 'y', 'True', '是'].map(readYesNo)).toEqual([true, true, true, true, true]);
    expect(['0', 'no', 'N', 'false', '否'].map(readYesNo)).toEqual([false, false, false, false, false]);
    expect(readYesNo('maybe')).toBeUndefined();
  });

  it('reads a choice cell as a whole number and leaves other instruments\' keys to validation', () => {
    expect(readAnswerCell(PHQ9.definition.items[0], '2')).toEqual({ value: 2 });
    expect(readAnswerCell(PHQ9.definition.items[0], '2.5')).toEqual({ problem: 'must be a whole number' });
    expect(readAnswerCell(undefined, 'anything')).toEqual({ value: 'anything' });
  });
});
